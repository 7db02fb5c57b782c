// The desk's article pages: the list with filters, and the editor that saves, publishes and schedules.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, many, one, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { ArticleEditorPage } from '../../web/desk/article-editor-page.tsx';
import { ArticleListPage } from '../../web/desk/article-list-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { can } from '../permissions/index.ts';
import type { Article } from './article.ts';
import {
  articleFormValues, findEditableArticle, loadDeskList, loadEditorChoices, saveFromEditor, type ArticleFormValues,
} from './article-editor.service.ts';
import { createPreviewLink, deleteArticle, previewArticleBody, restoreArticle, trashArticle } from './article.service.ts';

const text = (title: string, maxLength = 10_000) => Type.Optional(Type.String({ maxLength, title }));
const pixels = (title: string) => Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 1, maximum: 99_999 })], {
  title, errorMessage: 'Image width and height are whole numbers of pixels.',
}));

/** The editor's form. The newsroom's rules (lengths, slugs, authors, times) are the article service's, with its messages. */
const EditorForm = Type.Object({
  headline: text('Headline'), subheadline: text('Subheadline'), slug: text('Address'), body: text('Body', 1_000_000), excerpt: text('Excerpt'),
  dateline: text('Dateline'), sourceCredit: text('Source credit'),
  authors: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 100, title: 'Authors' })),
  section: text('Section', 1000), tags: text('Tags'), mediaId: text('Photo', 64), imageUrl: text('Image address'), imageAlt: text('Alt text'),
  imageCaption: text('Caption'), imageCredit: text('Credit'), imageWidth: pixels('Width'), imageHeight: pixels('Height'),
  commentStatus: text('Discussion', 20), publishAt: text('Publication time', 100), pinShown: text('Pin', 1), pinned: text('Pin', 1),
  version: Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 1 })], {
    title: 'Version', errorMessage: 'This form is out of date: reload the article and make your changes again.',
  })),
  action: text('Action', 20),
});
type EditorBody = Static<typeof EditorForm>;

const ListQuery = Type.Object({
  status: text('Status', 20), section: text('Section', 200), author: text('Author', 64), q: text('Headline contains', 1000), sort: text('Sort', 20),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 99_999 })), done: text('Done', 20),
});
const EditQuery = Type.Object({ done: text('Done', 20), preview: text('Preview link', 200) });
const PreviewBody = Type.Object({ body: Type.Optional(Type.String({ maxLength: 1_000_000 })) });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** What the person typed, kept as typed so a refused save loses nothing. */
function typedValues(body: EditorBody): ArticleFormValues {
  return {
    headline: one(body.headline), subheadline: one(body.subheadline), slug: one(body.slug), body: one(body.body),
    excerpt: one(body.excerpt), dateline: one(body.dateline), sourceCredit: one(body.sourceCredit), authors: many(body.authors),
    section: one(body.section), tags: one(body.tags), imageUrl: one(body.imageUrl), imageCaption: one(body.imageCaption),
    imageCredit: one(body.imageCredit), imageAlt: one(body.imageAlt), imageWidth: one(body.imageWidth), imageHeight: one(body.imageHeight),
    commentStatus: one(body.commentStatus), pinned: one(body.pinShown) === '1' ? (one(body.pinned) === '1' ? '1' : '0') : '',
    publishAt: one(body.publishAt), version: one(body.version), mediaId: one(body.mediaId),
  };
}

const NOTICES: Record<string, string> = {
  submit: 'Submitted for review: an editor will take it from here.', trash: 'Moved to the trash. Restore it from here if that was a mistake.',
  restore: 'Restored as a draft.', save: 'Saved.', publish: 'Published.', schedule: 'Scheduled: it goes live at its publication time.', unpublish: 'Unpublished: readers no longer see it.',
};

export function registerArticleDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const writers = { permission: 'article.create' } as const;

  const editorPage = async (req: FastifyRequest, reply: FastifyReply, view: {
    status: number; article?: Article; values?: ArticleFormValues; error?: AppError; notice?: string;
  }) => {
    const { staff } = deskSession(req);
    const [chrome, choices] = await Promise.all([ctx.desk(req), loadEditorChoices(deps, { staff })]);
    const values = view.values ?? articleFormValues(view.article, staff, chrome.site.settings.timeZone);
    return sendHtml(reply, view.status, renderDocument(
      <ArticleEditorPage chrome={chrome} article={view.article} values={values} choices={choices} notice={view.notice} error={view.error} />,
    ));
  };

  // Each role lands where its work is.
  app.get('/', async (req, reply) => {
    const { staff } = deskSession(req);
    return reply.redirect(can(staff, 'article.create') ? '/admin/articles' : can(staff, 'comment.moderate') ? '/admin/moderation' : '/admin/account', 303);
  });

  app.get('/articles', { schema: { querystring: ListQuery }, attachValidation: true, config: writers }, async (req, reply) => {
    const q = queryOrDefaults(req);
    const { list, sections, people, sort } = await loadDeskList(deps, { staff: deskSession(req).staff, filters: q });
    const params = new URLSearchParams(Object.entries({ status: q.status, section: q.section, author: q.author, q: q.q, sort: q.sort }).filter(([, v]) => v) as [string, string][]);
    const path = `/admin/articles${params.size ? `?${params}` : ''}`;
    return sendHtml(reply, 200, renderDocument(
      <ArticleListPage chrome={await ctx.desk(req)} list={list} sections={sections} people={people} filters={{ ...q, sort }} path={path}
        notice={q.done === 'deleted' ? 'The article was deleted.' : undefined} />,
    ));
  });

  // The editor's live preview: the body through the same Markdown and sanitizer as a save.
  app.post('/preview', { schema: { body: PreviewBody }, config: writers }, async (req, reply) =>
    reply.header('cache-control', 'no-store').send({ html: previewArticleBody({ staff: deskSession(req).staff, body: req.body.body ?? '' }) }));

  app.get('/articles/new', { config: writers }, async (req, reply) => editorPage(req, reply, { status: 200 }));

  const save = async (req: FastifyRequest, reply: FastifyReply, current: Article | undefined) => {
    const body = (req.body ?? {}) as EditorBody;
    const values = typedValues(body);
    const action = one(body.action) || 'save';
    try {
      assertForm(req);
      const { timeZone } = (await ctx.site(req)).settings;
      const saved = await saveFromEditor(deps, { staff: deskSession(req).staff, current, values, action, timeZone });
      return reply.redirect(`/admin/articles/${saved.id}/edit?done=${action}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return editorPage(req, reply, { status: error.status, article: current, values, error });
    }
  };

  app.post('/articles', { schema: { body: EditorForm }, ...FORM, config: writers }, async (req, reply) => save(req, reply, undefined));

  app.get('/articles/:id/edit', { schema: { params: Id, querystring: EditQuery }, attachValidation: true }, async (req, reply) => {
    const article = await findEditableArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    const query = queryOrDefaults(req);
    const preview = /^\/preview\/[A-Za-z0-9_-]+$/.test(query.preview ?? '') ? `${deps.config.publicUrl}${query.preview}` : undefined;
    const notice = preview ? `Private preview link (anyone with it can read this article until it is published): ${preview}` : NOTICES[query.done ?? ''];
    return editorPage(req, reply, { status: 200, article, notice });
  });

  app.post('/articles/:id/preview', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    const link = await createPreviewLink(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?preview=${encodeURIComponent(link)}`, 303);
  });

  app.post('/articles/:id/trash', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    await trashArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=trash`, 303);
  });

  app.post('/articles/:id/restore', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    await restoreArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=restore`, 303);
  });

  app.post('/articles/:id', { schema: { params: Id, body: EditorForm }, ...FORM }, async (req, reply) =>
    save(req, reply, await findEditableArticle(deps, { staff: deskSession(req).staff, id: req.params.id })));

  app.post('/articles/:id/delete', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    await deleteArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect('/admin/articles?done=deleted', 303);
  });
}
