// The reader's pages: home, sections, tags, authors and the article itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { ArticlePage } from '../../web/pages/article-page.tsx';
import { ListPage } from '../../web/pages/list-page.tsx';
import { articlePath, authorPath, sectionPath, tagPath } from '../../web/site.ts';
import { HELD_NOTICE, type CommentFormState } from '../../web/discussion.tsx';
import {
  COMMENTER_COOKIE, discussionPage, editorsPicks, findOwnerView, getDiscussion, getOwnerDiscussion, pageOfComment, type CommentNode, type OwnerView,
} from '../comments/index.ts';
import { findUserBySlug } from '../people/index.ts';
import { findMovedTerm, findSectionBySlug, findTagBySlug } from '../sections/index.ts';
import { discussionClosesAt, isDiscussionOpen, type Article } from './article.ts';
import { findArticleByPreviewToken, findPublicArticle, listPublicArticles, nextScheduledChange, type ListQuery } from './article.service.ts';

const PAGE_SIZE = 12;

function pageNumber(req: FastifyRequest): number | undefined {
  const raw = (req.query as { page?: string }).page;
  if (raw === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

const findInThread = (nodes: CommentNode[], id: string): CommentNode | undefined => {
  for (const n of nodes) {
    const found = n.id === id ? n : findInThread(n.replies, id);
    if (found) return found;
  }
  return undefined;
};

/**
 * Renders the article page. With form state (a reply target or errors) or an owner's view (their pending comments,
 * their Edit and Delete links) the result is per-reader and must never be cached.
 */
export async function renderArticle(ctx: PageContext, req: FastifyRequest, article: Article, form?: CommentFormState, cpage?: number, owner?: OwnerView) {
  const { deps } = ctx;
  const [site, comments] = await Promise.all([
    ctx.site(req), owner ? getOwnerDiscussion(deps, { articleId: article.id, view: owner }) : getDiscussion(deps, article.id),
  ]);
  const open = isDiscussionOpen(article, site.settings, deps.clock.now());
  const replyTo = form?.replyTo && findInThread(comments, form.replyTo.id);
  const state = form && { ...form, replyTo: replyTo ? { id: replyTo.id, authorName: replyTo.authorName } : undefined };
  const perPage = site.settings.commentsPerPage;
  // Replying shows the page the comment is on.
  const page = replyTo ? pageOfComment(comments, replyTo.id, perPage) : cpage;
  const paging = discussionPage(comments, { perPage, newestFirst: site.settings.commentsNewestPageFirst, page });
  const body = renderDocument(<ArticlePage site={site} article={article} comments={paging.roots} picks={editorsPicks(comments)} discussionOpen={open}
    form={state} paging={paging} editable={owner?.editable} />);
  return { body, tags: [`article:${article.id}`], expiresAt: open ? discussionClosesAt(article, site.settings) : null, paging };
}

export function registerArticlePages(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const listRoute = async (
    req: FastifyRequest, reply: FastifyReply, path: string,
    load: () => Promise<{ title: string; intro?: string; photo?: string; filter: Omit<ListQuery, 'page' | 'limit'> } | undefined>, home = false,
  ) => {
    const page = pageNumber(req);
    if (page === undefined) throw notFound('There is no such page of this list.');
    const sent = await sendCachedPage(deps, req, reply, `${path}?page=${page}`, async () => {
      const what = await load();
      if (!what) return undefined;
      const [site, list, next] = await Promise.all([ctx.site(req), listPublicArticles(deps, { ...what.filter, page, limit: PAGE_SIZE }), nextScheduledChange(deps)]);
      if (page > list.pages) return undefined;
      const body = renderDocument(<ListPage site={site} title={what.title} intro={what.intro} photo={what.photo} path={path} articles={list.articles} page={page} pages={list.pages} home={home} />);
      return { body, tags: ['lists'], expiresAt: next };
    });
    if (!sent) {
      const moved = await movedList(path);
      if (moved) return reply.redirect(moved, 301);
      throw notFound();
    }
    return reply;
  };

  /** A renamed or merged section or tag: its old list address leads to the new one. */
  const movedList = async (path: string): Promise<string | undefined> => {
    const m = /^\/(sections|tags)\/([^/]+)$/.exec(path);
    if (!m) return undefined;
    const kind = m[1] === 'sections' ? 'section' : 'tag';
    const slug = await findMovedTerm(deps.db, kind, decodeURIComponent(m[2]));
    return slug ? (kind === 'section' ? sectionPath(slug) : tagPath(slug)) : undefined;
  };

  app.get('/', (req, reply) => listRoute(req, reply, '/', async () => ({ title: 'Latest news', filter: {} }), true));

  app.get<{ Params: { slug: string } }>('/sections/:slug', (req, reply) => listRoute(req, reply, sectionPath(req.params.slug), async () => {
    const section = await findSectionBySlug(deps.db, req.params.slug);
    return section && { title: section.name, intro: section.description, filter: { sectionId: section.id } };
  }));

  app.get<{ Params: { slug: string } }>('/tags/:slug', (req, reply) => listRoute(req, reply, tagPath(req.params.slug), async () => {
    const tag = await findTagBySlug(deps.db, req.params.slug);
    return tag && { title: `Tagged “${tag.name}”`, filter: { tagId: tag.id } };
  }));

  app.get<{ Params: { slug: string } }>('/authors/:slug', (req, reply) => listRoute(req, reply, authorPath(req.params.slug), async () => {
    const author = await findUserBySlug(deps.db, req.params.slug);
    return author && { title: author.name, intro: author.bio, photo: author.photo_url || undefined, filter: { authorId: author.id } };
  }));

  // The secret in the address is the permission: staff share it with whoever should read ahead.
  app.get<{ Params: { token: string } }>('/preview/:token', async (req, reply) => {
    const article = /^[A-Za-z0-9_-]{20,64}$/.test(req.params.token) ? await findArticleByPreviewToken(deps, req.params.token) : undefined;
    if (!article || article.status === 'trash') throw notFound('This preview link does not work (any more).');
    const site = await ctx.site(req);
    const body = renderDocument(<ArticlePage site={site} article={article} comments={[]} discussionOpen={false} preview />);
    return reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(body);
  });

  app.get<{ Params: { slug: string }; Querystring: { replyto?: string; comment?: string } }>('/articles/:slug', async (req, reply) => {
    const { slug } = req.params;
    const replyTo = req.query.replyto;
    // After posting a comment that waits for a moderator, without script: the same page with a word on the form.
    const notice = req.query.comment === 'held' ? HELD_NOTICE : undefined;
    const cpageRaw = (req.query as { cpage?: string }).cpage;
    const onlyPage = cpageRaw !== undefined && Object.keys(req.query).length === 1;
    const cpageValid = cpageRaw === undefined || /^[1-9]\d{0,5}$/.test(cpageRaw);
    const cpage = cpageRaw === undefined || !cpageValid ? undefined : Number(cpageRaw);
    // What this page shows depends on the commenter cookie: a shared cache must keep one copy per cookie, or none.
    reply.header('vary', 'Cookie');
    const personal = !onlyPage && (replyTo !== undefined || Object.keys(req.query).length > 0);
    const token = req.cookies[COMMENTER_COOKIE];
    if (personal || token) {
      const found = await findPublicArticle(deps, slug);
      // A reader with a comment here that waits for a moderator, or that they may still change, gets their own page.
      const owner = found && 'article' in found ? await findOwnerView(deps, { articleId: found.article.id, token }) : undefined;
      if (personal || (owner && cpageValid)) {
        // A reader's own view (replying to someone, their own comments): rendered for them alone, never stored,
        // and without validators, so no conditional request can swap it with the shared copy either way.
        if (!found) throw notFound('There is no article at this address.');
        if ('redirectTo' in found) return reply.redirect(articlePath(found.redirectTo), 301);
        const page = await renderArticle(ctx, req, found.article, replyTo || notice
          ? { values: {}, notice, replyTo: replyTo ? { id: replyTo, authorName: '' } : undefined } : undefined, owner && cpage, owner);
        return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page.body);
      }
    }
    // Comment pages are cached like the article itself, one entry each.
    if (!cpageValid) throw notFound('There is no such page of comments.');
    let redirectTo: string | undefined;
    let canonicalPage = false;
    const sent = await sendCachedPage(deps, req, reply, `article:${slug}:${cpage ?? ''}`, async () => {
      const found = await findPublicArticle(deps, slug);
      if (found && 'redirectTo' in found) redirectTo = found.redirectTo;
      if (!found || !('article' in found)) return undefined;
      const page = await renderArticle(ctx, req, found.article, undefined, cpage);
      // The default page and pages past the end have one address: the article's own.
      if (cpage !== undefined && page.paging.page !== cpage) return undefined;
      if (cpage !== undefined && cpage === page.paging.defaultPage) {
        canonicalPage = true;
        return undefined;
      }
      return page;
    });
    if (sent) return reply;
    if (canonicalPage || (cpage !== undefined && !redirectTo)) {
      const exists = await findPublicArticle(deps, slug);
      if (exists && 'article' in exists) return reply.redirect(`${articlePath(slug)}#comments`, 301);
    }
    if (redirectTo) return reply.redirect(articlePath(redirectTo), 301);
    throw notFound('There is no article at this address.');
  });
}
