// The settings page: the site's name, language, time zone and discussion defaults (admins).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { authorize } from '../permissions/index.ts';
import { getSettings, updateSettings, type SiteSettings } from './settings.ts';
import type { PageContext } from '../../http/page-context.ts';


type Form = Partial<Record<keyof SiteSettings, string>>;

const wholeNumber = (field: keyof SiteSettings, raw: string | undefined): number => {
  if (!/^\d{1,5}$/.test(String(raw ?? '').trim())) throw invalid(field, 'not_a_number', 'Give a whole number.');
  return Number(raw);
};

export function registerSettingsPages(app: FastifyInstance, ctx: PageContext): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, values: Form, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'settings.manage');
    const zones = Intl.supportedValuesOf('timeZone');
    const invalidIf = (f: string) => (error?.field === f ? { 'aria-invalid': 'true' as const } : {});
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Site settings" session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <form method="post" action="/admin/settings" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="name">Site name</label><input id="name" name="name" required maxLength={120} value={values.name} {...invalidIf('name')} /></p>
          <p class="field"><label for="description">Description</label><input id="description" name="description" maxLength={300} value={values.description} /></p>
          <p class="field"><label for="language">Language (e.g. en, es, es-CU)</label><input id="language" name="language" required value={values.language} {...invalidIf('language')} /></p>
          <p class="field"><label for="timeZone">Time zone</label>
            <select id="timeZone" name="timeZone">{zones.map((z) => <option value={z} selected={z === values.timeZone}>{z}</option>)}</select></p>
          <p class="field"><label for="commentsCloseAfterDays">Close discussions after this many days (0: never)</label>
            <input id="commentsCloseAfterDays" name="commentsCloseAfterDays" inputMode="numeric" value={values.commentsCloseAfterDays} {...invalidIf('commentsCloseAfterDays')} /></p>
          <p class="field"><label for="threadDepth">Reply levels shown nested (1–10)</label>
            <input id="threadDepth" name="threadDepth" inputMode="numeric" value={values.threadDepth} {...invalidIf('threadDepth')} /></p>
          <p class="field"><label for="moderationDigestMinutes">Minutes between mails to moderators about waiting comments (0: none)</label>
            <input id="moderationDigestMinutes" name="moderationDigestMinutes" inputMode="numeric" value={values.moderationDigestMinutes} {...invalidIf('moderationDigestMinutes')} /></p>
          <p class="field"><label for="commentEditMinutes">Minutes a commenter may edit or delete their comment from the same browser (0: never)</label>
            <input id="commentEditMinutes" name="commentEditMinutes" inputMode="numeric" value={values.commentEditMinutes}
              {...invalidIf('commentEditMinutes')} {...(error?.field === 'commentEditMinutes' ? { 'aria-describedby': 'commentEditMinutes-error' } : {})} />
            {error?.field === 'commentEditMinutes' && <span class="field-error" id="commentEditMinutes-error">{error.message}</span>}</p>
          <p><button type="submit">Save settings</button></p>
        </form>
      </DeskLayout>,
    ));
  };

  app.get<{ Querystring: { done?: string } }>('/settings', async (req, reply) => {
    const s = await getSettings(ctx.deps);
    const values = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])) as Form;
    return page(req, reply, 200, values, req.query.done ? 'Settings saved.' : undefined);
  });

  app.post<{ Body: Form }>('/settings', async (req, reply) => {
    const body = req.body ?? {};
    try {
      authorize(deskSession(req).staff, 'settings.manage');
      await updateSettings(ctx.deps, {
        name: String(body.name ?? '').trim(), description: String(body.description ?? '').trim(), language: String(body.language ?? '').trim(),
        timeZone: String(body.timeZone ?? ''), commentsCloseAfterDays: wholeNumber('commentsCloseAfterDays', body.commentsCloseAfterDays),
        threadDepth: wholeNumber('threadDepth', body.threadDepth),
        // A form from before the field existed leaves the interval as it is.
        ...(body.moderationDigestMinutes === undefined ? {} : { moderationDigestMinutes: wholeNumber('moderationDigestMinutes', body.moderationDigestMinutes) }),
        // Optional, so a form from before this field existed still saves the rest.
        commentEditMinutes: body.commentEditMinutes === undefined ? undefined : wholeNumber('commentEditMinutes', body.commentEditMinutes),
      }, { staff: deskSession(req).staff, ip: req.ip });
      return reply.redirect('/admin/settings?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, 422, body, undefined, error);
    }
  });
}
