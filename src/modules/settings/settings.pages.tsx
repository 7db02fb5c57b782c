// The settings page: the site's name, language, time zone and discussion defaults (admins).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import type { SiteView } from '../../web/site.ts';
import { retuneSearch } from '../articles/index.ts';
import { authorize } from '../people/index.ts';
import { getSettings, updateSettings, type SiteSettings } from './settings.ts';
import { isSiteImageKind, removeSiteImage, setSiteImage } from './site-images.ts';
import { SiteImagesForm } from '../../web/desk/site-images-form.tsx';

interface Ctx {
  deps: Deps;
  site: (req: FastifyRequest) => Promise<SiteView>;
}

type Form = Partial<Record<keyof SiteSettings | 'feedShown', string>>;

/** Multipart parts as @fastify/multipart attaches them (attachFieldsToBody: true). */
type Part = { value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
const partValue = (part: Part | undefined): string => (typeof part?.value === 'string' ? part.value : '');

const wholeNumber = (field: keyof SiteSettings, raw: string | undefined): number => {
  if (!/^\d{1,5}$/.test(String(raw ?? '').trim())) throw invalid(field, 'not_a_number', 'Give a whole number.');
  return Number(raw);
};

export function registerSettingsPages(app: FastifyInstance, ctx: Ctx): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, values: Form, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'settings.manage');
    const zones = Intl.supportedValuesOf('timeZone');
    const site = await ctx.site(req);
    const invalidIf = (f: string) => (error?.field === f ? { 'aria-invalid': 'true' as const } : {});
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={site} title="Site settings" session={session} token={req.deskToken} notice={notice} error={error?.message}>
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
          <fieldset>
            <legend>Feeds</legend>
            <input type="hidden" name="feedShown" value="1" />
            <p class="field"><label class="check"><input type="checkbox" name="feedFullText" value="1"
              checked={values.feedFullText === 'true' || values.feedFullText === '1'} /> Full text in feeds (off: the excerpt, the picture and a link)</label></p>
            <p class="field"><label for="feedItems">Items in each feed (1–100)</label>
              <input id="feedItems" name="feedItems" inputMode="numeric" value={values.feedItems} {...invalidIf('feedItems')} /></p>
          </fieldset>
          <p><button type="submit">Save settings</button></p>
        </form>
        <SiteImagesForm settings={site.settings} token={req.deskToken} field={error?.field} />
      </DeskLayout>,
    ));
  };

  const savedValues = async () => {
    const s = await getSettings(ctx.deps);
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])) as Form;
  };

  app.get<{ Querystring: { done?: string } }>('/settings', async (req, reply) => {
    const done = req.query.done === 'image' ? 'Image saved.' : req.query.done === 'image-removed' ? 'Image removed.' : req.query.done ? 'Settings saved.' : undefined;
    return page(req, reply, 200, await savedValues(), done);
  });

  // The logo and the card image: one multipart form each, so the rest of the settings never needs an upload.
  app.post<{ Body: Partial<Record<'kind' | 'alt' | 'file', Part>> }>('/settings/images', async (req, reply) => {
    const body = req.body ?? {};
    const staff = deskSession(req).staff;
    authorize(staff, 'settings.manage');
    const kind = partValue(body.kind);
    if (!isSiteImageKind(kind)) throw invalid('kind', 'unknown_site_image', 'Say which image this is: logo or cardImage.');
    try {
      await setSiteImage(ctx.deps, {
        staff, ip: req.ip, kind, alt: partValue(body.alt), originalName: body.file?.filename ?? '',
        bytes: body.file?.toBuffer ? await body.file.toBuffer() : Buffer.alloc(0),
      });
      return reply.redirect('/admin/settings?done=image', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![413, 422].includes(error.status)) throw error;
      const field = error.field === 'file' || error.field === 'alt' ? `${kind}.${error.field}` : error.field;
      return page(req, reply, error.status, await savedValues(), undefined, new AppError(error.status, error.code, error.message, field));
    }
  });

  app.post<{ Body: { kind?: string } }>('/settings/images/remove', async (req, reply) => {
    const kind = req.body?.kind;
    if (!isSiteImageKind(kind)) throw invalid('kind', 'unknown_site_image', 'Say which image this is: logo or cardImage.');
    await removeSiteImage(ctx.deps, { staff: deskSession(req).staff, ip: req.ip, kind });
    return reply.redirect('/admin/settings?done=image-removed', 303);
  });

  app.post<{ Body: Form }>('/settings', async (req, reply) => {
    const body = req.body ?? {};
    try {
      authorize(deskSession(req).staff, 'settings.manage');
      const before = (await getSettings(ctx.deps)).language;
      const saved = await updateSettings(ctx.deps, {
        name: String(body.name ?? '').trim(), description: String(body.description ?? '').trim(), language: String(body.language ?? '').trim(),
        timeZone: String(body.timeZone ?? ''), commentsCloseAfterDays: wholeNumber('commentsCloseAfterDays', body.commentsCloseAfterDays),
        threadDepth: wholeNumber('threadDepth', body.threadDepth),
        // A form from before the field existed leaves the interval as it is.
        ...(body.moderationDigestMinutes === undefined ? {} : { moderationDigestMinutes: wholeNumber('moderationDigestMinutes', body.moderationDigestMinutes) }),
        // Optional, so a form from before this field existed still saves the rest.
        commentEditMinutes: body.commentEditMinutes === undefined ? undefined : wholeNumber('commentEditMinutes', body.commentEditMinutes),
        ...(body.feedShown === '1' && { feedFullText: body.feedFullText === '1', feedItems: wholeNumber('feedItems', body.feedItems) }),
      }, { staff: deskSession(req).staff, ip: req.ip });
      // Search stems words by the site's language.
      if (saved.language !== before) await retuneSearch(ctx.deps, saved.language);
      return reply.redirect('/admin/settings?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, 422, body, undefined, error);
    }
  });
}
