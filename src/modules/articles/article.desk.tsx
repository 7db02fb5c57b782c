// The desk's article pages: the list with filters, and the editor that saves, publishes and schedules.
import { sendHtml } from '../../http/page-response.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { wallTimeToInstant } from '../../platform/zoned-time.ts';
import { ArticleForm, valuesFromArticle, type ArticleFormValues } from '../../web/desk/article-form.tsx';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { Pagination } from '../../web/pagination.tsx';
import { formatDate } from '../../web/site.ts';
import { listUsers } from '../people/index.ts';
import { authorize, can } from '../permissions/index.ts';
import { findMedia, listMedia } from '../media/index.ts';
import { listSections } from '../sections/index.ts';
import type { Article } from './article.ts';
import { renderArticleBody } from './body-format.ts';
import { one, many, type PageContext } from '../../http/page-context.ts';
import {
  assertCanEdit, createArticle, createPreviewLink, deleteArticle, findArticleForStaff, listDeskArticles, restoreArticle, trashArticle, updateArticle,
  type ArticleInput, type DeskQuery,
} from './article.service.ts';

type FormBody = Partial<Record<keyof ArticleFormValues | 'action' | '_token' | 'pinShown', string | string[]>>;

/** What the person typed, kept as typed so a refused save loses nothing. */
function typedValues(body: FormBody): ArticleFormValues {
  return {
    headline: one(body.headline), subheadline: one(body.subheadline), slug: one(body.slug), body: one(body.body),
    excerpt: one(body.excerpt), dateline: one(body.dateline), sourceCredit: one(body.sourceCredit), authors: many(body.authors),
    section: one(body.section), tags: one(body.tags), imageUrl: one(body.imageUrl), imageCaption: one(body.imageCaption),
    imageCredit: one(body.imageCredit), imageAlt: one(body.imageAlt), imageWidth: one(body.imageWidth), imageHeight: one(body.imageHeight),
    commentStatus: one(body.commentStatus), pinned: one(body.pinShown) === '1' ? (one(body.pinned) === '1' ? '1' : '0') : '', publishAt: one(body.publishAt), version: one(body.version), mediaId: one(body.mediaId),
  };
}

const dimension = (raw: string, field: string): number | undefined => {
  if (raw.trim() === '') return undefined;
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) < 1) throw invalid(field, 'invalid_dimension', 'Image width and height are whole numbers of pixels.');
  return Number(raw);
};

/** The form's values as the article service's input, for the button pressed. */
function toInput(v: ArticleFormValues, action: string, timeZone: string, creating: boolean, now: Date, srcset: string): ArticleInput {
  let publishAt: string | undefined;
  if (v.publishAt.trim() !== '') {
    const at = wallTimeToInstant(v.publishAt.trim(), timeZone);
    if (!at) throw invalid('publishAt', 'invalid_time', 'Give the publication time as a date and a time.');
    publishAt = at.toISOString();
  }
  const status = action === 'publish' ? (publishAt && Date.parse(publishAt) > now.getTime() ? 'scheduled' : 'published')
    : action === 'schedule' ? 'scheduled' : action === 'unpublish' ? 'draft' : action === 'submit' ? 'pending' : creating ? 'draft' : undefined;
  if (action === 'schedule' && !publishAt) throw invalid('publishAt', 'schedule_needs_time', 'Choose the publication time to schedule the article.');
  return {
    headline: v.headline, subheadline: v.subheadline, body: v.body, excerpt: v.excerpt, dateline: v.dateline, sourceCredit: v.sourceCredit,
    ...(v.slug.trim() !== '' && { slug: v.slug.trim() }),
    authors: v.authors, section: v.section || null,
    tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
    featuredImage: v.imageUrl.trim() === '' ? null : {
      url: v.imageUrl.trim(), alt: v.imageAlt, caption: v.imageCaption, credit: v.imageCredit,
      width: dimension(v.imageWidth, 'imageWidth'), height: dimension(v.imageHeight, 'imageHeight'), srcset,
    },
    commentStatus: (['open', 'closed', 'default'].includes(v.commentStatus) ? v.commentStatus : 'default') as ArticleInput['commentStatus'],
    // Only a form that showed the box (editors, admins) says anything about pinning.
    ...(v.pinned !== '' && { pinned: v.pinned === '1' }),
    ...(status && { status }),
    ...(publishAt && (status === 'scheduled' || status === 'published' || !creating) && { publishAt }),
    ...(v.version && { version: Number(v.version) }),
  };
}

export function registerArticleDesk(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const editorPage = async (req: FastifyRequest, article: Article | undefined, values?: ArticleFormValues, error?: AppError, notice?: string) => {
    const session = deskSession(req);
    const site = await ctx.site(req);
    const [sections, people, media] = await Promise.all([listSections(deps.db), listUsers(deps.db), listMedia(deps, { limit: 50, offset: 0 })]);
    const title = article ? `Edit: ${article.headline}` : 'New article';
    return renderDocument(
      <DeskLayout site={site} title={title} session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <ArticleForm article={article} staff={session.staff} token={req.deskToken} sections={sections} people={people} media={media}
          timeZone={site.settings.timeZone} field={error?.field}
          values={values ?? valuesFromArticle(article, session.staff, site.settings.timeZone)} />
        {article && (
          <form method="post" action={`/admin/articles/${article.id}/preview`} class="desk-form">
            <FormToken token={req.deskToken} />
            <p><button type="submit" class="secondary">Make a private preview link</button></p>
          </form>
        )}
        {article && can(session.staff, 'article.delete') && (
          <div class="danger-zone">
            <form method="post" action={`/admin/articles/${article.id}/${article.status === 'trash' ? 'restore' : 'trash'}`} class="inline-form">
              <FormToken token={req.deskToken} />
              <button type="submit" class="secondary">{article.status === 'trash' ? 'Restore from the trash' : 'Move to trash'}</button>
            </form>
            <form method="post" action={`/admin/articles/${article.id}/delete`} class="inline-form">
              <FormToken token={req.deskToken} />
              <button type="submit" class="danger">Delete for good, with its discussion</button>
            </form>
          </div>
        )}
      </DeskLayout>,
    );
  };

  const loadEditable = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const article = isId(req.params.id) ? await findArticleForStaff(deps, req.params.id) : undefined;
    if (!article) throw notFound('There is no article with that id.');
    assertCanEdit(deskSession(req).staff, article);
    return article;
  };

  // Each role lands where its work is.
  app.get('/', async (req, reply) => {
    const { staff } = deskSession(req);
    return reply.redirect(can(staff, 'article.create') ? '/admin/articles' : can(staff, 'comment.moderate') ? '/admin/moderation' : '/admin/account', 303);
  });

  app.get<{ Querystring: Record<string, string> }>('/articles', async (req, reply) => {
    const session = deskSession(req);
    authorize(session.staff, 'article.create');
    const site = await ctx.site(req);
    const q = req.query;
    const page = /^[1-9]\d{0,4}$/.test(q.page ?? '') ? Number(q.page) : 1;
    const [sections, people] = await Promise.all([listSections(deps.db), listUsers(deps.db)]);
    const query: DeskQuery = {
      status: ['draft', 'pending', 'scheduled', 'published', 'trash'].includes(q.status) ? q.status as DeskQuery['status'] : undefined,
      sectionId: sections.find((s) => s.slug === q.section)?.id,
      authorId: people.find((p) => p.id === q.author)?.id,
      text: q.q?.slice(0, 200) || undefined,
      sort: ['updated', 'headline'].includes(q.sort) ? q.sort as DeskQuery['sort'] : 'newest',
      page, limit: 25,
    };
    const list = await listDeskArticles(deps, query);
    const params = new URLSearchParams(Object.entries({ status: q.status, section: q.section, author: q.author, q: q.q, sort: q.sort }).filter(([, v]) => v) as [string, string][]);
    const path = `/admin/articles${params.size ? `?${params}` : ''}`;
    return sendHtml(reply, 200, renderDocument(
      <DeskLayout site={site} title="Articles" session={session} token={req.deskToken}
        notice={q.done === 'deleted' ? 'The article was deleted.' : undefined}>
        <form method="get" action="/admin/articles" class="filters" aria-label="Filter articles">
          <label>Status <select name="status">
            <option value="">All but the trash</option>
            {['draft', 'pending', 'scheduled', 'published', 'trash'].map((s) => <option value={s} selected={q.status === s}>{s === 'pending' ? 'pending review' : s}</option>)}
          </select></label>
          <label>Section <select name="section">
            <option value="">All</option>
            {sections.map((s) => <option value={s.slug} selected={q.section === s.slug}>{s.name}</option>)}
          </select></label>
          <label>Author <select name="author">
            <option value="">All</option>
            {people.map((p) => <option value={p.id} selected={q.author === p.id}>{p.name}</option>)}
          </select></label>
          <label>Headline contains <input name="q" type="search" value={q.q ?? ''} /></label>
          <label>Sort <select name="sort">
            <option value="newest" selected={query.sort === 'newest'}>Newest</option>
            <option value="updated" selected={query.sort === 'updated'}>Last changed</option>
            <option value="headline" selected={query.sort === 'headline'}>Headline A–Z</option>
          </select></label>
          <button type="submit">Filter</button>
        </form>
        <p>{list.total} {list.total === 1 ? 'article' : 'articles'}</p>
        <table class="desk-table">
          <thead><tr><th scope="col">Headline</th><th scope="col">Status</th><th scope="col">Authors</th><th scope="col">Section</th><th scope="col">Date</th><th scope="col">Comments</th></tr></thead>
          <tbody>
            {list.articles.map((a) => (
              <tr>
                <td><a href={`/admin/articles/${a.id}/edit`}>{a.headline}</a></td>
                <td><span class={`status status-${a.status}`}>{a.status}</span></td>
                <td>{a.authors.map((x) => x.name).join(', ')}</td>
                <td>{a.section?.name ?? ''}</td>
                <td>{a.publishedAt ? <time datetime={a.publishedAt.toISOString()}>{formatDate(site, a.publishedAt, true)}</time> : '—'}</td>
                <td>{a.commentCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination path={path} page={list.page} pages={list.pages} />
      </DeskLayout>,
    ));
  });

  // The editor's live preview: the body through the same Markdown and sanitizer as a save.
  app.post<{ Body: { body?: string } }>('/preview', async (req, reply) => {
    authorize(deskSession(req).staff, 'article.create');
    const source = String(req.body?.body ?? '');
    if (source.length > 200_000) throw invalid('body', 'body_too_long', 'The body must be at most 200000 characters.');
    return reply.header('cache-control', 'no-store').send({ html: renderArticleBody(source) });
  });

  app.get('/articles/new', async (req, reply) => {
    authorize(deskSession(req).staff, 'article.create');
    return sendHtml(reply, 200, await editorPage(req, undefined));
  });

  const save = async (req: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply, current: Article | undefined) => {
    const session = deskSession(req);
    const site = await ctx.site(req);
    const values = typedValues(req.body ?? {});
    const action = one(req.body?.action) || 'save';
    try {
      // A library photo brings its address, size and sizes; the person's own caption, credit and alt win.
      const chosen = values.mediaId && isId(values.mediaId) ? await findMedia(deps, values.mediaId) : undefined;
      if (values.mediaId && !chosen) throw invalid('mediaId', 'unknown_media', 'That photo is no longer in the media library.');
      if (chosen) {
        Object.assign(values, {
          imageUrl: chosen.url, imageWidth: String(chosen.width), imageHeight: String(chosen.height),
          imageAlt: values.imageAlt || chosen.alt, imageCaption: values.imageCaption || chosen.caption, imageCredit: values.imageCredit || chosen.credit,
        });
      }
      const keptSrcset = current?.featuredImage?.url === values.imageUrl.trim() ? current.featuredImage.srcset : '';
      const input = toInput(values, action, site.settings.timeZone, !current, deps.clock.now(), chosen?.srcset ?? keptSrcset);
      const saved = current
        ? await updateArticle(deps, { staff: session.staff, id: current.id, changes: input })
        : await createArticle(deps, { staff: session.staff, article: input });
      return reply.redirect(`/admin/articles/${saved.id}/edit?done=${action}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return sendHtml(reply, error.status, await editorPage(req, current, values, error));
    }
  };

  app.post<{ Body: FormBody }>('/articles', async (req, reply) => save(req, reply, undefined));

  const NOTICES: Record<string, string> = {
    submit: 'Submitted for review: an editor will take it from here.', trash: 'Moved to the trash. Restore it from here if that was a mistake.',
    restore: 'Restored as a draft.', save: 'Saved.', publish: 'Published.', schedule: 'Scheduled: it goes live at its publication time.', unpublish: 'Unpublished: readers no longer see it.',
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string; preview?: string } }>('/articles/:id/edit', async (req, reply) => {
    const article = await loadEditable(req);
    const preview = /^\/preview\/[A-Za-z0-9_-]+$/.test(req.query.preview ?? '') ? `${deps.config.publicUrl}${req.query.preview}` : undefined;
    const notice = preview ? `Private preview link (anyone with it can read this article until it is published): ${preview}` : NOTICES[req.query.done ?? ''];
    return sendHtml(reply, 200, await editorPage(req, article, undefined, undefined, notice));
  });

  app.post<{ Params: { id: string } }>('/articles/:id/preview', async (req, reply) => {
    const link = await createPreviewLink(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?preview=${encodeURIComponent(link)}`, 303);
  });

  app.post<{ Params: { id: string } }>('/articles/:id/trash', async (req, reply) => {
    await trashArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=trash`, 303);
  });

  app.post<{ Params: { id: string } }>('/articles/:id/restore', async (req, reply) => {
    await restoreArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect(`/admin/articles/${req.params.id}/edit?done=restore`, 303);
  });

  app.post<{ Params: { id: string }; Body: FormBody }>('/articles/:id', async (req, reply) => save(req, reply, await loadEditable(req)));

  app.post<{ Params: { id: string } }>('/articles/:id/delete', async (req, reply) => {
    await deleteArticle(deps, { staff: deskSession(req).staff, id: req.params.id });
    return reply.redirect('/admin/articles?done=deleted', 303);
  });
}
