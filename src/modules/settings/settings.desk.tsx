// The settings page at the desk (admins): the site's name, language, time zone and discussion defaults.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { SettingsPage, type SettingsFormValues } from '../../web/desk/settings-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { getSettings, updateSettings } from './settings.service.ts';

const wholeNumber = (title: string) => Type.Integer({ minimum: 0, maximum: 99_999, title });

const SettingsForm = Type.Object({
  name: Type.String({ maxLength: 1000, title: 'Site name' }),
  description: Type.String({ maxLength: 1000, title: 'Description' }),
  language: Type.String({ maxLength: 100, title: 'Language' }),
  timeZone: Type.String({ maxLength: 100, title: 'Time zone' }),
  commentsCloseAfterDays: wholeNumber('Days before discussions close'),
  threadDepth: wholeNumber('Reply levels'),
  // Optional, so a form from before these fields existed still saves the rest (and leaves them as they are).
  moderationDigestMinutes: Type.Optional(wholeNumber('Minutes between moderation digests')),
  commentEditMinutes: Type.Optional(wholeNumber('Minutes a commenter may change their comment')),
});

const SettingsQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

/** What the settings page must tell modules above settings: search stems words by the site's language. */
export interface SettingsDeskHooks {
  languageChanged(language: string): Promise<void>;
}

export function registerSettingsDesk(root: FastifyInstance, ctx: PageContext, hooks: SettingsDeskHooks): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'settings.manage' } as const;

  const page = async (req: FastifyRequest, reply: FastifyReply, view: { status: number; values: SettingsFormValues; notice?: string; error?: AppError }) =>
    sendHtml(reply, view.status, renderDocument(<SettingsPage chrome={await ctx.desk(req)} values={view.values} notice={view.notice} error={view.error} />));

  app.get('/settings', { schema: { querystring: SettingsQuery }, attachValidation: true, config }, async (req, reply) =>
    page(req, reply, { status: 200, values: await getSettings(ctx.deps), notice: queryOrDefaults(req).done ? 'Settings saved.' : undefined }));

  app.post('/settings', { schema: { body: SettingsForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body;
    try {
      assertForm(req);
      const before = (await getSettings(ctx.deps)).language;
      const saved = await updateSettings(ctx.deps, {
        name: body.name.trim(), description: body.description.trim(), language: body.language.trim(), timeZone: body.timeZone,
        commentsCloseAfterDays: body.commentsCloseAfterDays, threadDepth: body.threadDepth,
        moderationDigestMinutes: body.moderationDigestMinutes, commentEditMinutes: body.commentEditMinutes,
      }, { staff: deskSession(req).staff, ip: req.ip });
      if (saved.language !== before) await hooks.languageChanged(saved.language);
      return reply.redirect('/admin/settings?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, values: body as SettingsFormValues, error });
    }
  });
}
