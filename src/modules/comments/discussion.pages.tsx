// The article page with its discussion, the comment form's POST (a plain HTML form, and JSON for the page's script),
// and the permalink that finds a comment on whichever page of its discussion it is.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { render } from 'preact-render-to-string';
import { Type } from 'typebox';
import { wantsJson } from '../../http/error-handler.tsx';
import { assertForm, FORM, one, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { articlePath, commentAnchor, commentPermalink } from '../../platform/paths.ts';
import {
  assembleDocument,
  documentPieces,
  type CommentFormState,
  type CommentFragments,
  CommentItem,
  fragmentKey,
  heldNotice,
} from '../../web/discussion.tsx';
import { renderDocument } from '../../web/layout.tsx';
import {
  ArticleDiscussion,
  ArticlePage,
  ArticleStructuredData,
  type TranslationLink,
} from '../../web/pages/article-page.tsx';
import { fillSlots } from '../../web/page-slots.tsx';
import { discussionHeading, type SiteView } from '../../web/site.ts';
import { type Article, findPublicArticle } from '../articles/index.ts';
import { findOwnerView, type OwnerView } from './comment-edit.service.ts';
import { locateComment, postComment } from './comment.service.ts';
import { COMMENTER_COOKIE, commenterTokenFor, sentIdempotencyKey, setCommenterCookie } from './commenter-token.ts';
import { loadDiscussionView, pageValidator, type Surroundings } from './discussion-page.service.ts';

const Slug = Type.Object({ slug: Type.String({ maxLength: 1000 }) });
const Id = Type.Object({ id: Type.String({ maxLength: 1000 }) });

/** A page of a long discussion: a number when it is one (anything else names no page, or is ignored on one's own view). */
const ArticleQuery = Type.Object({
  cpage: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 999_999 }), Type.String({ maxLength: 100 })])),
  replyto: Type.Optional(Type.String({ maxLength: 1000 })),
  comment: Type.Optional(Type.String({ maxLength: 20 })),
});

/** The comment form. The rules for each field (lengths, a real email, a web address) are the service's, with its messages. */
const CommentForm = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 10_000, title: 'Name', labelKey: 'form.name' })),
  email: Type.Optional(Type.String({ maxLength: 10_000, title: 'Email', labelKey: 'form.email' })),
  website: Type.Optional(Type.String({ maxLength: 10_000, title: 'Website', labelKey: 'fields.website' })),
  comment: Type.Optional(Type.String({ maxLength: 100_000, title: 'Comment', labelKey: 'form.comment' })),
  parentId: Type.Optional(Type.String({ maxLength: 100, title: 'Reply to' })),
  /** The "Email me when someone replies" box: sent only when ticked. */
  notifyReplies: Type.Optional(Type.String({ maxLength: 10 })),
  /** "Save my name, email and website in this browser": the page's script keeps them there; the server stores nothing for it. */
  remember: Type.Optional(Type.String({ maxLength: 10 })),
  /** The honeypot: people never see it, so whatever fills it is a bot (filed as spam, never told). */
  fax: Type.Optional(Type.String({ maxLength: 100_000 })),
  /** Added by the page's script: milliseconds from first touching the form to sending it; anything else is not a measure. */
  typingMs: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 999_999_999 }), Type.String({ maxLength: 100 })]),
  ),
});

/** An article's published translations as its page links them: each named in its own language. */
function translationLinks(
  deps: PageContext['deps'],
  article: Article,
  settings: { language: string; timeZone: string },
): TranslationLink[] {
  return article.translations
    .filter((t) => t.status === 'published')
    .map((t) => {
      const language = t.language ?? settings.language;
      let name = language;
      try {
        name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
      } catch {}
      return {
        language,
        path: articlePath(t.slug),
        readIn: deps.translations.for(language, settings.timeZone).t('article.readIn', { language: name }),
      };
    });
}

/**
 * The comment markup one article page is put together from (FRAGMENT_CACHE_MB): `rendered` answers the discussion's
 * read and holds what it vouched for, so the page never depends on a fragment that was evicted in between. With
 * `listKey`, the page's whole comment list is held under it too, or kept for the next view.
 */
function pageFragments(
  deps: PageContext['deps'],
  page: { site: SiteView; listKey?: string },
): CommentFragments & { rendered: RenderedCheck } {
  const { site, listKey } = page;
  const now = deps.clock.now().getTime();
  const held = new Map<string, Buffer>();
  const list = listKey === undefined ? undefined : deps.fragments.get(listKey, now);
  return {
    rendered: (comment, open) => {
      const html = deps.fragments.get(fragmentKey(site, open, comment), now);
      if (html) held.set(comment.id, html);
      return html !== undefined;
    },
    find: (comment, open) => held.get(comment.id) ?? deps.fragments.get(fragmentKey(site, open, comment), now),
    keep: (comment, open, html) => deps.fragments.set(fragmentKey(site, open, comment), html, now),
    heldList: list && [list],
    keepList:
      listKey === undefined || list ? undefined : (pieces) => deps.fragments.set(listKey, Buffer.concat(pieces), now),
  };
}

type RenderedCheck = NonNullable<Parameters<typeof loadDiscussionView>[1]['rendered']>;

export function registerDiscussionPages(
  root: FastifyInstance,
  ctx: PageContext,
  rateLimit: preHandlerAsyncHookHandler | undefined,
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  /**
   * The article page. With form state (a reply target, errors, a notice) or an owner's view (their pending comments,
   * their Edit and Delete links) the result is per-reader and must never be cached.
   */
  const renderArticle = async (
    req: FastifyRequest,
    view: {
      article: Article;
      form?: CommentFormState;
      cpage?: number;
      owner?: OwnerView;
      around?: Surroundings;
      /** What names the shared page without its discussion (pageValidator's `shell`): the page is then kept so. */
      shell?: string;
    },
  ) => {
    // The page, its discussion and its form speak the article's language, whatever the site's default.
    const site = await ctx.siteIn(req, view.article.language);
    // The page every reader shares holds its whole comment list by what it is made of: the discussion's revision,
    // the page of it, whether it is open, the language and time zone (settings are a site-wide change, which
    // empties the fragments).
    const { around } = view;
    const listKey =
      around && !view.owner && !view.form
        ? `list|${view.article.id}|${view.article.discussionRevision}|${view.cpage ?? ''}|${site.i18n.language}|${site.settings.timeZone}|${around.open ? 1 : 0}`
        : undefined;
    const fragments = pageFragments(deps, { site, listKey });
    const discussion = await loadDiscussionView(deps, {
      article: view.article,
      settings: site.settings,
      owner: view.owner,
      replyTo: view.form?.replyTo?.id,
      cpage: view.cpage,
      around,
      rendered: fragments.rendered,
      listHeld: fragments.heldList !== undefined,
    });
    const form = view.form && { ...view.form, replyTo: discussion.replyTo };
    const more = {
      section: discussion.more.section && { name: discussion.more.section.name, slug: discussion.more.section.slug },
      articles: discussion.more.articles.map((a) => ({
        path: articlePath(a.slug),
        headline: a.headline,
        publishedAt: a.publishedAt,
      })),
    };
    const page = {
      site,
      fragments,
      article: view.article,
      comments: discussion.comments,
      picks: discussion.picks,
      discussionOpen: discussion.open,
      form,
      paging: discussion.paging,
      editable: view.owner?.editable,
      updates: discussion.updates,
      firstComments: discussion.firstComments,
    };
    let body: Buffer;
    if (view.shell && !view.form) {
      // The page every reader shares is kept without its discussion and structured data, named by all the rest
      // (and the language and time zone it is rendered in): a view renders only those two pieces. A commenter's own
      // page differs only in its discussion, so it is filled into the same kept page.
      const key = `shell|${view.shell}|${site.i18n.language}|${site.settings.timeZone}`;
      const now = deps.clock.now().getTime();
      let shell = deps.fragments.get(key, now);
      if (!shell) {
        shell = Buffer.from(
          renderDocument(
            <ArticlePage
              {...page}
              more={more}
              translations={translationLinks(deps, view.article, site.settings)}
              slotted
            />,
          ),
        );
        deps.fragments.set(key, shell, now);
      }
      body = fillSlots(shell, [
        ['structured-data', [Buffer.from(render(<ArticleStructuredData {...page} />))]],
        ['discussion', documentPieces(render(<ArticleDiscussion {...page} />), fragments)],
      ]);
    } else {
      const html = renderDocument(
        <ArticlePage {...page} more={more} translations={translationLinks(deps, view.article, site.settings)} />,
      );
      body = assembleDocument(html, fragments);
    }
    return { body, tags: discussion.tags, expiresAt: discussion.expiresAt, paging: discussion.paging };
  };

  /** What the article page lists around the article, and the name of the page kept without its discussion. */
  const keptAround = async (req: FastifyRequest, article: Article) => {
    const site = await ctx.site(req);
    const { shell, around } = await pageValidator(deps, {
      article,
      settings: site.settings,
      siteRevision: site.revision,
    });
    return { shell, around };
  };

  // A query that fails its schema (a repeated or over-long parameter) is ignored: the article as it opens.
  const articleRoute = { schema: { params: Slug, querystring: ArticleQuery }, attachValidation: true } as const;
  app.get('/articles/:slug', articleRoute, async (req, reply) => {
    const { slug } = req.params;
    const query = queryOrDefaults(req);
    const replyTo = query.replyto;
    // After posting a comment that waits for a moderator, without script: the same page with a word on the form.
    const held = query.comment === 'held';
    const onlyPage = query.cpage !== undefined && Object.keys(query).length === 1;
    const cpageValid = query.cpage === undefined || typeof query.cpage === 'number';
    const cpage = typeof query.cpage === 'number' ? query.cpage : undefined;
    // What this page shows depends on the commenter cookie: a shared cache must keep one copy per cookie, or none.
    reply.header('vary', 'Cookie');
    const personal = !onlyPage && (replyTo !== undefined || Object.keys(query).length > 0);
    const token = req.cookies[COMMENTER_COOKIE];
    if (personal || token) {
      const found = await findPublicArticle(deps, slug);
      // A reader with a comment here that waits for a moderator, or that they may still change, gets their own page.
      const owner =
        found && 'article' in found ? await findOwnerView(deps, { articleId: found.article.id, token }) : undefined;
      if (personal || (owner && cpageValid)) {
        // A reader's own view (replying to someone, their own comments): rendered for them alone, never stored,
        // and without validators, so no conditional request can swap it with the shared copy either way.
        if (!found) throw notFound('There is no article at this address.');
        if ('redirectTo' in found) return reply.redirect(articlePath(found.redirectTo), 301);
        const form =
          replyTo || held
            ? { values: {}, held, replyTo: replyTo ? { id: replyTo, authorName: '' } : undefined }
            : undefined;
        // Their own comments are in the discussion alone: the page around it is the one every reader shares.
        const around = form ? undefined : await keptAround(req, found.article);
        const page = await renderArticle(req, {
          article: found.article,
          form,
          cpage: owner && cpage,
          owner,
          ...around,
        });
        return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page.body);
      }
    }
    // Comment pages are cached like the article itself, one entry each.
    if (!cpageValid) throw notFound('There is no such page of comments.');
    let redirectTo: string | undefined;
    let canonicalPage = false;
    // The validator is read first, without the comments, so a reader whose copy is current gets a 304 with no render.
    let validated: { article: Article; around: Surroundings; shell: string } | undefined;
    const sent = await sendCachedPage(
      deps,
      { req, reply, key: `article:${slug}:${cpage ?? ''}` },
      {
        validator: async () => {
          const found = await findPublicArticle(deps, slug);
          if (found && 'redirectTo' in found) redirectTo = found.redirectTo;
          if (!found || !('article' in found)) return undefined;
          const site = await ctx.site(req);
          const { digest, shell, around } = await pageValidator(deps, {
            article: found.article,
            settings: site.settings,
            siteRevision: site.revision,
            cpage,
          });
          validated = { article: found.article, around, shell };
          return digest;
        },
        render: async () => {
          if (!validated) return undefined;
          const page = await renderArticle(req, { ...validated, cpage });
          // The default page and pages past the end have one address: the article's own.
          if (cpage !== undefined && page.paging.page !== cpage) return undefined;
          if (cpage !== undefined && cpage === page.paging.defaultPage) {
            canonicalPage = true;
            return undefined;
          }
          return page;
        },
      },
    );
    if (sent) return reply;
    if (canonicalPage || (cpage !== undefined && !redirectTo)) {
      const exists = await findPublicArticle(deps, slug);
      if (exists && 'article' in exists) return reply.redirect(`${articlePath(slug)}#comments`, 301);
    }
    if (redirectTo) return reply.redirect(articlePath(redirectTo), 301);
    throw notFound('There is no article at this address.');
  });

  app.get('/comments/:id', { schema: { params: Id } }, async (req, reply) => {
    // Not a comment id (e.g. WordPress's old /comments/feed/): let the not-found path, which knows old addresses, answer.
    if (!isId(req.params.id)) return reply.callNotFound();
    const target = await locateComment(deps, req.params.id);
    if (!target) throw notFound('There is no published comment at this address.');
    const page = target.page === target.defaultPage ? '' : `?cpage=${target.page}`;
    return reply
      .header('cache-control', 'no-cache')
      .redirect(`${articlePath(target.slug)}${page}#${commentAnchor(req.params.id)}`, 303);
  });

  app.post(
    '/articles/:slug/comments',
    {
      onRequest: rateLimit ? [rateLimit] : [],
      schema: { params: Slug, body: CommentForm },
      ...FORM,
    },
    async (req, reply) => {
      const form = req.body ?? {};
      const values = {
        name: one(form.name),
        email: one(form.email),
        website: one(form.website),
        body: one(form.comment),
      };
      const notifyReplies = one(form.notifyReplies) === '1';
      try {
        assertForm(req);
        const idempotencyKey = sentIdempotencyKey(req);
        const owner = await commenterTokenFor(deps, req, idempotencyKey);
        const comment = await postComment(deps, {
          slug: req.params.slug,
          ...values,
          notifyReplies,
          parentId: one(form.parentId) || undefined,
          honeypot: one(form.fax),
          typingMs: typeof form.typingMs === 'number' ? form.typingMs : undefined,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? '',
          authorKeyHash: owner.keyHash,
          idempotencyKey,
        });
        // This browser may now see its comment while it waits for a moderator, and change it for a while.
        setCommenterCookie(deps, reply, owner);
        if (comment.replayed) reply.header('idempotent-replayed', 'true');
        if (wantsJson(req)) {
          const found = await findPublicArticle(deps, req.params.slug);
          const article = found && 'article' in found ? found.article : undefined;
          const site = await ctx.siteIn(req, article?.language);
          return reply
            .code(201)
            .header('cache-control', 'no-store')
            .send({
              id: comment.id,
              parentId: comment.parentId,
              status: comment.status,
              anchor: commentAnchor(comment.id),
              notice: comment.status === 'approved' ? undefined : heldNotice(site),
              heading: article ? discussionHeading(site, article.commentCount, article.headline) : undefined,
              // The poster's own comment, approved or waiting for a moderator (marked so), as their own view shows it.
              // Spam gets nothing: the bot learns nothing.
              html:
                comment.status === 'approved' || comment.status === 'pending'
                  ? render(
                      <CommentItem
                        site={site}
                        comment={{ ...comment, replies: [] }}
                        open
                        editable={site.settings.commentEditMinutes > 0 ? new Set([comment.id]) : undefined}
                      />,
                    )
                  : '',
            });
        }
        // Held for a moderator: say so on the form. Spam is not told anything (the bot learns nothing).
        // An approved comment may land on another page of a long discussion: its permalink knows which.
        if (comment.status === 'approved') return reply.redirect(commentPermalink(comment.id), 303);
        const target = comment.status === 'pending' ? '?comment=held#respond' : '#comments';
        return reply.redirect(`${articlePath(req.params.slug)}${target}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422 || wantsJson(req)) throw error;
        // The article page again, with what the reader typed and the message beside the field to fix.
        const found = await findPublicArticle(ctx.deps, req.params.slug);
        if (!found || !('article' in found)) throw error;
        const parentId = one(form.parentId);
        const page = await renderArticle(req, {
          article: found.article,
          form: {
            values: { ...values, notifyReplies: notifyReplies ? '1' : '' },
            error: {
              field: error.field === 'parentId' ? undefined : error.field,
              message: (await ctx.siteIn(req, found.article.language)).i18n.error(error),
            },
            replyTo: parentId ? { id: parentId, authorName: '' } : undefined,
          },
        });
        return reply
          .code(422)
          .header('cache-control', 'private, no-store')
          .type('text/html; charset=utf-8')
          .send(page.body);
      }
    },
  );
}
