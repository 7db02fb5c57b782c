// The feeds' addresses: RSS and Atom under every list and discussion, served from the page cache with the same
// tags as the pages they follow, validators included, since aggregators poll them hardest.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { EDITION_PREFIXES, EditionParam, editionLanguage, editionSite } from '../../http/editions.ts';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderAtom, renderRss, type FeedView } from '../../web/feed-document.ts';
import {
  articleCommentsBase,
  authorPath,
  editionPath,
  feedPath,
  sectionPath,
  SITE_COMMENTS_BASE,
  tagPath,
  type FeedFormat,
  type SiteView,
} from '../../web/site.ts';
import { articleFeedView, commentFeedView } from './feed.presenter.ts';
import { loadArticleFeed, loadCommentFeed, type ArticleFeedScope } from './feed.service.ts';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

const FORMATS: FeedFormat[] = ['rss', 'atom'];
const Slug = Type.Object({ slug: Type.String({ maxLength: 1000 }) });
const EditionSlug = Type.Object({ slug: Type.String({ maxLength: 1000 }), ...EditionParam });
const Edition = Type.Object(EditionParam);

export function registerFeedPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const render = (format: FeedFormat, view: FeedView) => (format === 'rss' ? renderRss(view) : renderAtom(view));

  /** Serves a feed from the cache, or loads and renders it; a moved list or article answers 301 to its feed. */
  const serve = async (
    { req, reply }: { req: FastifyRequest; reply: FastifyReply },
    { format, path }: { format: FeedFormat; path: string },
    build: (
      site: SiteView,
    ) => Promise<{ view: FeedView; tags: string[]; expiresAt?: Date | null } | { movedTo: string } | undefined>,
  ) => {
    let movedTo: string | undefined;
    // The site's and the lists' feeds belong to an edition (/es/rss.xml); the discussions' to the site.
    const site = await editionSite(ctx, req, reply);
    if (!site) return reply;
    const sent = await sendCachedPage(deps, { req, reply, key: `feed:${editionPath(site, path)}` }, async () => {
      const built = await build(site);
      if (!built) return undefined;
      if ('movedTo' in built) {
        movedTo = built.movedTo;
        return undefined;
      }
      return {
        body: render(format, built.view),
        tags: built.tags,
        expiresAt: built.expiresAt ?? null,
        contentType: CONTENT_TYPES[format],
        lastModified: built.view.updated,
      };
    });
    if (sent) return reply;
    if (movedTo) return reply.redirect(editionPath(site, movedTo), 301);
    throw notFound('There is no feed at this address.');
  };

  const articleFeed = (scope: ArticleFeedScope, moved: (slug: string) => string) => async (site: SiteView) => {
    const feed = await loadArticleFeed(deps, scope, editionLanguage(site));
    if (!feed || 'movedTo' in feed) return feed && { movedTo: moved(feed.movedTo) };
    return { view: articleFeedView(site, feed, deps.clock.now()), tags: ['lists'], expiresAt: feed.expiresAt };
  };

  for (const format of FORMATS) {
    for (const prefix of EDITION_PREFIXES) {
      app.get(`${prefix}${feedPath('/', format)}`, { schema: { params: Edition } }, (req, reply) =>
        serve(
          { req, reply },
          { format, path: feedPath('/', format) },
          articleFeed({ kind: 'site' }, () => '/'),
        ),
      );

      for (const [kind, pathOf] of [
        ['section', sectionPath],
        ['tag', tagPath],
        ['author', authorPath],
      ] as const) {
        app.get(
          `${prefix}${feedPath(`/${kind}s/:slug`, format)}`,
          { schema: { params: EditionSlug } },
          (req, reply) => {
            const { slug } = req.params;
            return serve(
              { req, reply },
              { format, path: feedPath(pathOf(slug), format) },
              articleFeed({ kind, slug }, (to) => feedPath(pathOf(to), format)),
            );
          },
        );
      }
    }

    // The site's discussion, one feed for each edition: the comments on its language's articles.
    for (const prefix of EDITION_PREFIXES)
      app.get(`${prefix}${feedPath(SITE_COMMENTS_BASE, format)}`, { schema: { params: Edition } }, (req, reply) =>
        serve({ req, reply }, { format, path: feedPath(SITE_COMMENTS_BASE, format) }, async (site) => {
          const feed = await loadCommentFeed(deps, { language: editionLanguage(site) });
          return feed && !('movedTo' in feed)
            ? { view: commentFeedView(site, feed, deps.clock.now()), tags: ['lists'] }
            : undefined;
        }),
      );

    // One article's discussion speaks the article's language, as its page does.
    app.get(feedPath('/articles/:slug/comments', format), { schema: { params: Slug } }, (req, reply) => {
      const { slug } = req.params;
      return serve({ req, reply }, { format, path: feedPath(articleCommentsBase(slug), format) }, async () => {
        const feed = await loadCommentFeed(deps, { slug });
        if (!feed || 'movedTo' in feed) return feed && { movedTo: feedPath(articleCommentsBase(feed.movedTo), format) };
        const site = await ctx.siteIn(req, feed.article!.language);
        return { view: commentFeedView(site, feed, deps.clock.now()), tags: [`article:${feed.article!.id}`] };
      });
    });
  }
}
