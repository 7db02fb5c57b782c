// The desk's article pages: the list with filters, and the editor that saves, publishes and schedules.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import {
  assertForm,
  FORM,
  formError,
  HIDDEN_FORM,
  many,
  NoFields,
  one,
  type PageContext,
  queryOrDefaults,
} from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { isId } from '../../platform/ids.ts';
import { ArticleEditorPage } from '../../web/desk/article-editor-page.tsx';
import { ArticleListPage } from '../../web/desk/article-list-page.tsx';
import { DeleteArticlePage } from '../../web/desk/delete-article-confirmation.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { deskHome } from '../permissions/index.ts';
import type { Article } from './article.ts';
import {
  articleFormValues,
  type CommentCounter,
  type EditorNotice,
  findEditableArticle,
  loadDeskList,
  loadEditorChoices,
  saveFromEditor,
  type ArticleFormValues,
} from './article-editor.service.ts';
import {
  deleteArticle,
  findDeletionImpact,
  previewArticleBody,
  restoreArticle,
  trashArticle,
} from './article.service.ts';
import { createPreviewLink, type NewPreviewLink, revokePreviewLink } from './preview-link.service.ts';
import { discardAutosave, saveAutosave } from './autosave.service.ts';
import { linkTranslation, startTranslation, unlinkTranslation } from './translation.service.ts';

const text = (title: string, maxLength = 10_000) => Type.Optional(Type.String({ maxLength, title }));

/** The editor's form. The newsroom's rules (lengths, slugs, authors, times) are the article service's, with its messages. */
const EditorForm = Type.Object({
  headline: text('Headline'),
  subheadline: text('Subheadline'),
  slug: text('Address'),
  body: text('Body', 1_000_000),
  excerpt: text('Excerpt'),
  dateline: text('Dateline'),
  sourceCredit: text('Source credit'),
  authors: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 100, title: 'Authors' })),
  section: text('Section', 1000),
  tags: text('Tags'),
  mediaId: text('Featured photo', 64),
  imageAlt: text('Alt text'),
  imageCaption: text('Caption'),
  imageCredit: text('Credit'),
  photoFile: Type.Optional(Type.Unknown()),
  photoAlt: text('Alt text of the new photo'),
  photoCaption: text('Caption of the new photo'),
  photoCredit: text('Credit of the new photo'),
  photoUse: text('Use of the new photo', 20),
  photoQuery: text('Find photos', 200),
  photoPage: text('Page of photos', 10),
  commentStatus: text('Discussion', 20),
  publishAt: text('Publication time', 100),
  pinShown: text('Pin', 1),
  pinned: text('Pin', 1),
  version: Type.Optional(
    Type.Union([Type.Literal(''), Type.Integer({ minimum: 1 })], {
      title: 'Version',
      errorMessage: 'This form is out of date: reload the article and make your changes again.',
    }),
  ),
  language: text('Language', 35),
  action: text('Action', 80),
});
type EditorBody = Static<typeof EditorForm>;

const ListQuery = Type.Object({
  status: text('Status', 20),
  section: text('Section', 200),
  author: text('Author', 64),
  q: text('Headline contains', 1000),
  sort: text('Sort', 20),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 99_999 })),
  done: text('Done', 20),
});
const EditQuery = Type.Object({
  done: text('Done', 20),
  images: text('Images not copied', 2000),
  restore: text('Restore', 5),
});
const NewQuery = Type.Object({ restore: text('Restore', 5) });
const AutosaveForm = Type.Object({
  article: Type.String({ maxLength: 64 }),
  headline: text('Headline'),
  subheadline: text('Subheadline'),
  body: text('Body', 1_000_000),
  excerpt: text('Excerpt'),
  dateline: text('Dateline'),
});
const DiscardForm = Type.Object({ article: Type.String({ maxLength: 64 }) });
const PreviewBody = Type.Object({ body: Type.Optional(Type.String({ maxLength: 1_000_000 })) });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const LinkId = Type.Object({ id: Type.String({ maxLength: 64 }), linkId: Type.String({ maxLength: 64 }) });
const TranslationId = Type.Object({
  id: Type.String({ maxLength: 64 }),
  translationId: Type.String({ maxLength: 64 }),
});
const LinkTranslationForm = Type.Object({
  translation: Type.Optional(Type.String({ maxLength: 2000, title: 'Address of the translation' })),
});
const TranslateForm = Type.Object({ language: Type.Optional(Type.String({ maxLength: 35, title: 'Language' })) });
// Only the confirmation page's own field deletes: any other post of the form shows that page.
const DeleteForm = Type.Union([Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 20 })) }), Type.Null()]);

/** What the person typed, kept as typed so a refused save loses nothing. */
function typedValues(body: EditorBody): ArticleFormValues {
  return {
    headline: one(body.headline),
    subheadline: one(body.subheadline),
    slug: one(body.slug),
    body: one(body.body),
    excerpt: one(body.excerpt),
    dateline: one(body.dateline),
    sourceCredit: one(body.sourceCredit),
    authors: many(body.authors),
    section: one(body.section),
    tags: one(body.tags),
    imageCaption: one(body.imageCaption),
    imageCredit: one(body.imageCredit),
    imageAlt: one(body.imageAlt),
    commentStatus: one(body.commentStatus),
    pinned: one(body.pinShown) === '1' ? (one(body.pinned) === '1' ? '1' : '0') : '',
    publishAt: one(body.publishAt),
    version: one(body.version),
    mediaId: one(body.mediaId),
    photoQuery: one(body.photoQuery),
    photoPage: one(body.photoPage),
    photoUse: one(body.photoUse) === 'body' ? 'body' : 'featured',
    photoAlt: one(body.photoAlt),
    photoCaption: one(body.photoCaption),
    photoCredit: one(body.photoCredit),
    language: one(body.language),
  };
}

/** The file part as @fastify/multipart attaches it (attachFieldsToBody: true). */
type FilePart = { type: 'file'; filename?: string; toBuffer: () => Promise<Buffer> };
type FieldPart = { type: 'field'; value: unknown };

/**
 * The editor's form is multipart (it carries a photo): its text parts become plain values, as a urlencoded form's
 * are, so one schema reads both; the file part stays a part, read on demand.
 */
async function flattenParts(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart() || !req.body || typeof req.body !== 'object') return;
  const flat: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(
    req.body as Record<string, FieldPart | FilePart | (FieldPart | FilePart)[]>,
  )) {
    const parts = [raw].flat();
    if (parts.some((p) => p?.type === 'file')) {
      flat[name] = parts.find((p) => p?.type === 'file');
      continue;
    }
    const values = parts.map((p) => (p as FieldPart).value).filter((v): v is string => typeof v === 'string');
    flat[name] = Array.isArray(raw) ? values : values[0];
  }
  req.body = flat;
}

/** The editor's multipart limits: its many fields, a long body, and one photo no larger than the library takes. */
const editorMultipart = (maxBytes: number) => ({
  limits: { files: 1, fileSize: maxBytes, fields: 300, parts: 301, fieldSize: 4_200_000 },
});

// A Map, so a name like ?done=constructor shows no notice.
const NOTICES = new Map<string, MessageKey>(
  Object.entries({
    submit: 'desk.notice.submitted',
    trash: 'desk.notice.trashed',
    restore: 'desk.notice.restored',
    save: 'desk.notice.saved',
    'preview-revoked': 'desk.notice.previewRevoked',
    publish: 'desk.notice.published',
    schedule: 'desk.notice.scheduled',
    unpublish: 'desk.notice.unpublished',
    'translation-linked': 'desk.notice.translationLinked',
    'translation-unlinked': 'desk.notice.translationUnlinked',
    'translation-started': 'desk.notice.translationStarted',
  } as const),
);

export function registerArticleDesk(
  root: FastifyInstance,
  ctx: PageContext,
  follow: { commentCounts: CommentCounter },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const writers = { permission: 'article.create' } as const;

  const editorPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: {
      status: number;
      article?: Article;
      values?: ArticleFormValues;
      error?: AppError;
      /** What just happened: a catalogue key, or the editor service's own notice (a photo put in, a page of photos). */
      notice?: MessageKey | EditorNotice;
      imageCodes?: string[];
      fresh?: NewPreviewLink;
      /** Opening the editor: offer the person's autosaved text back, or (`restore`) fill the form with it. */
      opening?: { restore: boolean };
    },
  ) => {
    const { staff } = deskSession(req);
    let values = view.values ?? articleFormValues(view.article, staff, (await ctx.site(req)).settings);
    const [chrome, choices] = await Promise.all([
      ctx.desk(req),
      loadEditorChoices(deps, {
        staff,
        article: view.article,
        imageCodes: view.imageCodes,
        values,
        offerAutosave: Boolean(view.opening),
      }),
    ]);
    const { i18n } = chrome;
    let notice =
      typeof view.notice === 'string'
        ? i18n.t(view.notice)
        : view.notice && i18n.t('desk.notice.photo', { photo: '', ...view.notice });
    const restored = Boolean(view.opening?.restore && choices.autosave);
    if (view.opening?.restore && choices.autosave) {
      values = { ...values, ...choices.autosave.fields };
      choices.autosave = undefined;
      notice = i18n.t('desk.notice.autosaveRestored');
    }
    const freshPreview = view.fresh && { ...view.fresh, url: `${deps.config.publicUrl}${view.fresh.path}` };
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <ArticleEditorPage
          chrome={chrome}
          article={view.article}
          values={values}
          choices={choices}
          notice={notice}
          error={view.error && { message: i18n.error(view.error), field: view.error.field }}
          freshPreview={freshPreview}
          now={deps.clock.now()}
          unsaved={Boolean(view.values) || restored}
        />,
      ),
    );
  };

  // Each role lands where its work is.
  app.get('/', async (req, reply) => reply.redirect(deskHome(deskSession(req).staff), 303));

  app.get(
    '/articles',
    { schema: { querystring: ListQuery }, attachValidation: true, config: writers },
    async (req, reply) => {
      const q = queryOrDefaults(req);
      const { list, sections, people, sort, mayDelete, comments } = await loadDeskList(deps, {
        staff: deskSession(req).staff,
        filters: q,
        commentCounts: follow.commentCounts,
      });
      const params = new URLSearchParams(
        Object.entries({ status: q.status, section: q.section, author: q.author, q: q.q, sort: q.sort }).filter(
          ([, v]) => v,
        ) as [string, string][],
      );
      const path = `/admin/articles${params.size ? `?${params}` : ''}`;
      const chrome = await ctx.desk(req);
      return sendHtml(
        reply,
        200,
        renderDocument(
          <ArticleListPage
            chrome={chrome}
            list={list}
            sections={sections}
            people={people}
            filters={{ ...q, sort }}
            path={path}
            mayDelete={mayDelete}
            comments={comments}
            notice={q.done === 'deleted' ? chrome.i18n.t('desk.notice.deleted') : undefined}
          />,
        ),
      );
    },
  );

  // The editor's live preview: the body through the same Markdown and sanitizer as a save.
  // The editor's script calls these two: a failed schema answers JSON 422 naming the field (scriptEndpoint).
  const scripts = { ...writers, scriptEndpoint: true } as const;
  app.post('/preview', { schema: { body: PreviewBody }, ...FORM, config: scripts }, async (req, reply) => {
    assertForm(req);
    const html = await previewArticleBody(deps, { staff: deskSession(req).staff, body: req.body.body ?? '' });
    return reply.header('cache-control', 'no-store').send({ html });
  });

  app.get(
    '/articles/new',
    { schema: { querystring: NewQuery }, attachValidation: true, config: writers },
    async (req, reply) =>
      editorPage(req, reply, { status: 200, opening: { restore: queryOrDefaults(req).restore === '1' } }),
  );

  // Autosave (with scripts): the person's unsaved text, every few seconds, into their own slot, never the article.
  app.post(
    '/autosave',
    { schema: { body: AutosaveForm }, ...FORM, config: scripts, bodyLimit: 8 * 1024 * 1024 },
    async (req, reply) => {
      assertForm(req);
      const { article, ...fields } = req.body;
      const { savedAt } = await saveAutosave(deps, { staff: deskSession(req).staff, articleId: article, fields });
      return reply.header('cache-control', 'no-store').send({ savedAt: savedAt.toISOString() });
    },
  );

  // Declining the offer: the slot is emptied and the editor opens as saved.
  // Its one field is the page's own (hidden): a failure is nobody's typing, so it is refused with 422, the slot kept.
  app.post(
    '/autosave/discard',
    { schema: { body: DiscardForm }, ...HIDDEN_FORM, config: writers },
    async (req, reply) => {
      assertForm(req);
      const articleId = req.body.article === 'new' || !isId(req.body.article) ? 'new' : req.body.article;
      await discardAutosave(deps, { staff: deskSession(req).staff, articleId });
      return reply.redirect(articleId === 'new' ? '/admin/articles/new' : `/admin/articles/${articleId}/edit`, 303);
    },
  );

  const save = async (req: FastifyRequest, reply: FastifyReply, current: Article | undefined) => {
    const body = (req.body ?? {}) as EditorBody;
    const values = typedValues(body);
    const action = one(body.action) || 'save';
    try {
      assertForm(req);
      const { timeZone } = (await ctx.site(req)).settings;
      const file = body.photoFile as FilePart | undefined;
      const upload =
        file?.type === 'file' && file.filename
          ? { bytes: await file.toBuffer(), originalName: file.filename }
          : undefined;
      const result = await saveFromEditor(deps, {
        staff: deskSession(req).staff,
        current,
        values,
        action,
        timeZone,
        upload,
      });
      if (!('saved' in result))
        return editorPage(req, reply, {
          status: 200,
          article: current,
          values: result.values,
          notice: result.notice,
        });
      const { saved } = result;
      // Why each image was not copied travels as codes; the page names the images from the article itself.
      const copy = saved.warnings.length ? `&images=${saved.warnings.map((w) => w.code).join(',')}` : '';
      return reply.redirect(`/admin/articles/${saved.id}/edit?done=${action}${copy}`, 303);
    } catch (error) {
      // A refused photo (too large, damaged, a busy server) is shown like a refused save: the form again, nothing lost.
      if (!(error instanceof AppError) || ![409, 413, 422, 503].includes(error.status)) throw error;
      if (error.headers) reply.headers(error.headers);
      return editorPage(req, reply, { status: error.status, article: current, values, error });
    }
  };

  const multipartOptions = editorMultipart(deps.config.mediaMaxBytes);
  app.post(
    '/articles',
    { schema: { body: EditorForm }, ...FORM, config: { ...writers, multipartOptions }, preValidation: flattenParts },
    async (req, reply) => save(req, reply, undefined),
  );

  app.get(
    '/articles/:id/edit',
    { schema: { params: Id, querystring: EditQuery }, attachValidation: true },
    async (req, reply) => {
      const article = await findEditableArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
      const query = queryOrDefaults(req);
      const imageCodes = (query.images ?? '')
        .split(',')
        .filter((c) => /^[a-z_]{1,40}$/.test(c))
        .slice(0, 50);
      return editorPage(req, reply, {
        status: 200,
        article,
        notice: NOTICES.get(query.done ?? ''),
        imageCodes,
        opening: { restore: query.restore === '1' },
      });
    },
  );

  // Answered with the page itself, not a redirect: the secret must not travel in an address (history, logs),
  // and only its hash is kept, so this answer is the one time it is shown.
  app.post('/articles/:id/preview', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    const { staff } = deskSession(req);
    const fresh = await createPreviewLink(deps, { staff, id: req.params.id });
    const article = await findEditableArticle(deps, { staff, id: req.params.id });
    return editorPage(req, reply, { status: 200, article, notice: 'desk.notice.previewMade', fresh });
  });

  app.post(
    '/articles/:id/preview/:linkId/revoke',
    { schema: { params: LinkId, body: NoFields } },
    async (req, reply) => {
      await revokePreviewLink(deps, { staff: deskSession(req).staff, id: req.params.id, linkId: req.params.linkId });
      return reply.redirect(`/admin/articles/${req.params.id}/edit?done=preview-revoked`, 303);
    },
  );

  // Translations: link one by its address, unlink one, or start one in a language the story lacks ("Translate").
  const refusedOnEditor = async (
    { req, reply }: { req: FastifyRequest; reply: FastifyReply },
    id: string,
    error: unknown,
  ) => {
    if (!(error instanceof AppError) || ![404, 409, 422].includes(error.status)) throw error;
    const article = await findEditableArticle(deps, { staff: deskSession(req).staff, id });
    return editorPage(req, reply, { status: error.status === 404 ? 422 : error.status, article, error });
  };

  app.post(
    '/articles/:id/translations',
    { schema: { params: Id, body: LinkTranslationForm }, ...FORM, config: writers },
    async (req, reply) => {
      try {
        assertForm(req);
        await linkTranslation(deps, {
          staff: deskSession(req).staff,
          id: req.params.id,
          other: one(req.body?.translation),
        });
        return reply.redirect(`/admin/articles/${req.params.id}/edit?done=translation-linked`, 303);
      } catch (error) {
        // A missing article is the editor's own 404; a translation not found is a field to fix.
        if (error instanceof AppError && error.status === 404) throw error;
        return refusedOnEditor({ req, reply }, req.params.id, error);
      }
    },
  );

  app.post(
    '/articles/:id/translations/:translationId/unlink',
    { schema: { params: TranslationId, body: NoFields }, config: writers },
    async (req, reply) => {
      await unlinkTranslation(deps, {
        staff: deskSession(req).staff,
        id: req.params.id,
        translationId: req.params.translationId,
      });
      return reply.redirect(`/admin/articles/${req.params.id}/edit?done=translation-unlinked`, 303);
    },
  );

  app.post(
    '/articles/:id/translate',
    { schema: { params: Id, body: TranslateForm }, ...FORM, config: writers },
    async (req, reply) => {
      try {
        assertForm(req);
        const draft = await startTranslation(deps, {
          staff: deskSession(req).staff,
          id: req.params.id,
          language: one(req.body?.language),
        });
        return reply.redirect(`/admin/articles/${draft.id}/edit?done=translation-started`, 303);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) throw error;
        return refusedOnEditor({ req, reply }, req.params.id, error);
      }
    },
  );

  app.post('/articles/:id/trash', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    await trashArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=trash`, 303);
  });

  app.post('/articles/:id/restore', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    await restoreArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=restore`, 303);
  });

  app.post(
    '/articles/:id',
    { schema: { params: Id, body: EditorForm }, ...FORM, config: { multipartOptions }, preValidation: flattenParts },
    async (req, reply) =>
      save(req, reply, await findEditableArticle(deps, { staff: deskSession(req).staff, id: req.params.id })),
  );

  // Deleting for good: a page that says what will be lost, then its form. Only from the trash.
  const confirmationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { id, status }: { id: string; status: number },
  ) => {
    const impact = await findDeletionImpact(deps, { staff: deskSession(req).staff, id: isId(id) ? id : '' });
    const article = {
      id: impact.article.id,
      headline: impact.article.headline,
      comments: impact.comments,
      approvedComments: impact.approvedComments,
      revisions: impact.revisions,
    };
    return sendHtml(
      reply,
      status,
      renderDocument(<DeleteArticlePage chrome={await ctx.desk(req)} article={article} />),
    );
  };

  app.get('/articles/:id/delete', { schema: { params: Id } }, async (req, reply) =>
    confirmationPage(req, reply, { id: req.params.id, status: 200 }),
  );

  app.post('/articles/:id/delete', { schema: { params: Id, body: DeleteForm }, ...FORM }, async (req, reply) => {
    // Without the confirmation page's own field, the answer is that page: no single click deletes. A form that
    // failed its schema gets that page too, with 422.
    if (formError(req)) return confirmationPage(req, reply, { id: req.params.id, status: 422 });
    if (req.body?.confirm !== 'delete') return confirmationPage(req, reply, { id: req.params.id, status: 200 });
    await deleteArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect('/admin/articles?status=trash&done=deleted', 303);
  });
}
