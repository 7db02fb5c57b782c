// The settings page at the desk (admins): the site's name, language, time zone and discussion defaults.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, partValue, queryOrDefaults, TextPart } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { SettingsPage, type SettingsFormValues } from '../../web/desk/settings-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { getSettings, updateSettings } from './settings.service.ts';
import { isSiteImageKind, removeSiteImage, setSiteImage } from './site-image.service.ts';

const wholeNumber = (title: string) => Type.Integer({ minimum: 0, maximum: 99_999, title });

const SettingsForm = Type.Object({
  name: Type.String({ maxLength: 1000, title: 'Site name' }),
  description: Type.String({ maxLength: 1000, title: 'Description' }),
  language: Type.String({ maxLength: 100, title: 'Default language' }),
  // A form that showed the languages says so: with every other box unticked, the site speaks its default alone.
  languagesShown: Type.Optional(Type.Literal('1')),
  languages: Type.Optional(Type.Array(Type.String({ maxLength: 35 }), { maxItems: 50, title: 'Languages' })),
  timeZone: Type.String({ maxLength: 100, title: 'Time zone' }),
  // Optional: these moved to Settings → Discussion; a form from before still saves them (absent: left as they are).
  commentsCloseAfterDays: Type.Optional(wholeNumber('Days before discussions close')),
  threadDepth: Type.Optional(wholeNumber('Reply levels')),
  moderationDigestMinutes: Type.Optional(wholeNumber('Minutes between moderation digests')),
  commentEditMinutes: Type.Optional(wholeNumber('Minutes a commenter may change their comment')),
  // A form that showed the feed fields says so; its unticked box sends nothing.
  feedShown: Type.Optional(Type.Literal('1')),
  feedFullText: Type.Optional(Type.Literal('1')),
  feedItems: Type.Optional(wholeNumber('Items in each feed')),
});

const badKind = () => invalid('kind', 'unknown_site_image', 'Say which image this is: logo or cardImage.');
/** The file part as @fastify/multipart attaches it (attachFieldsToBody: true); its bytes are read on demand. */
type FilePart = { filename?: string; toBuffer?: () => Promise<Buffer> };
const SiteImageForm = Type.Object({
  kind: Type.Optional(TextPart(Type.String({ maxLength: 20 }))),
  alt: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Alt text' }))),
  file: Type.Optional(Type.Unknown()),
});
const RemoveImageForm = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })) });
const NOTICES = new Map<string, MessageKey>(
  Object.entries({ image: 'desk.settings.imageSaved', 'image-removed': 'desk.settings.imageRemoved' } as const),
);

const SettingsQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

/** What the settings page must tell modules above settings: search stems words by the site's language. */
export interface SettingsDeskHooks {
  languageChanged(language: string): Promise<void>;
}

/** A form that showed the feed fields must say how many items; the range is the settings' own rule. */
function feedItemsOf(items: number | undefined): number {
  if (items === undefined) throw invalid('feedItems', 'not_a_number', 'Give a whole number.');
  return items;
}

export function registerSettingsDesk(root: FastifyInstance, ctx: PageContext, hooks: SettingsDeskHooks): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'settings.manage' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; values: SettingsFormValues; notice?: MessageKey; error?: AppError },
  ) => {
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <SettingsPage
          chrome={chrome}
          values={view.values}
          catalogues={ctx.deps.translations.languages()}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={view.error && { message: chrome.i18n.error(view.error), field: view.error.field }}
        />,
      ),
    );
  };

  app.get(
    '/settings',
    { schema: { querystring: SettingsQuery }, attachValidation: true, config },
    async (req, reply) => {
      const done = queryOrDefaults(req).done;
      return page(req, reply, {
        status: 200,
        values: await getSettings(ctx.deps),
        notice: done ? (NOTICES.get(done) ?? 'desk.settings.saved') : undefined,
      });
    },
  );

  // The logo and the card image: one multipart form each, so the rest of the settings never needs an upload.
  app.post('/settings/images', { schema: { body: SiteImageForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body ?? {};
    const kind = partValue(body.kind);
    if (!isSiteImageKind(kind)) throw badKind();
    const file = body.file as FilePart | undefined;
    try {
      assertForm(req);
      await setSiteImage(ctx.deps, {
        staff: deskSession(req).staff,
        ip: req.ip,
        kind,
        alt: partValue(body.alt),
        originalName: file?.filename ?? '',
        bytes: file?.toBuffer ? await file.toBuffer() : Buffer.alloc(0),
      });
      return reply.redirect('/admin/settings?done=image', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![413, 422].includes(error.status)) throw error;
      // The message goes beside this image's own field: logo.file, cardImage.alt.
      const field = error.field === 'file' || error.field === 'alt' ? `${kind}.${error.field}` : error.field;
      return page(req, reply, {
        status: error.status,
        values: await getSettings(ctx.deps),
        error: new AppError({
          status: error.status,
          code: error.code,
          message: error.message,
          field,
          values: error.values,
        }),
      });
    }
  });

  // The button's hidden kind: a failure (schema or an unknown kind) shows the settings again with 422.
  app.post('/settings/images/remove', { schema: { body: RemoveImageForm }, ...FORM, config }, async (req, reply) => {
    try {
      assertForm(req);
      const kind = req.body.kind;
      if (!isSiteImageKind(kind)) throw badKind();
      await removeSiteImage(ctx.deps, { staff: deskSession(req).staff, ip: req.ip, kind });
      return reply.redirect('/admin/settings?done=image-removed', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, values: await getSettings(ctx.deps), error });
    }
  });

  app.post('/settings', { schema: { body: SettingsForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body;
    try {
      assertForm(req);
      const before = (await getSettings(ctx.deps)).language;
      const language = body.language.trim();
      const saved = await updateSettings(
        ctx.deps,
        {
          name: body.name.trim(),
          description: body.description.trim(),
          language,
          // The default's box cannot be unticked (a disabled box sends nothing): it is always one of them.
          ...(body.languagesShown === '1' && { languages: [language, ...(body.languages ?? [])] }),
          timeZone: body.timeZone,
          commentsCloseAfterDays: body.commentsCloseAfterDays,
          threadDepth: body.threadDepth,
          moderationDigestMinutes: body.moderationDigestMinutes,
          commentEditMinutes: body.commentEditMinutes,
          ...(body.feedShown === '1' && {
            feedFullText: body.feedFullText === '1',
            feedItems: feedItemsOf(body.feedItems),
          }),
        },
        { staff: deskSession(req).staff, ip: req.ip },
      );
      if (saved.language !== before) await hooks.languageChanged(saved.language);
      return reply.redirect('/admin/settings?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, values: body as SettingsFormValues, error });
    }
  });
}
