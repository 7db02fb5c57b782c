// The reader's lists (home, sections, tags, authors) and the private preview of an unpublished article.
// The article page itself, with its discussion, is the comments module's (discussion.pages.tsx).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { EDITION_PREFIXES, EditionParam, editionLanguage, editionSite } from '../../http/editions.ts';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { authorPath, sectionPath, tagPath } from '../../platform/paths.ts';
import { type PageFeed, renderDocument } from '../../web/layout.tsx';
import { ArticlePage } from '../../web/pages/article-page.tsx';
import { ListPage } from '../../web/pages/list-page.tsx';
import { editionPath, type SiteView } from '../../web/site.ts';
import { collectionPage, profilePage, websiteGraph } from '../../web/structured-data.tsx';
import { type ArticleList, findMovedList, loadArticleList, type ListKind } from './article-list.service.ts';
import { findArticleByPreviewToken } from './preview-link.service.ts';

const ListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999 })) });
const Slug = Type.Object({ slug: Type.String({ maxLength: 1000 }), ...EditionParam });
const Edition = Type.Object(EditionParam);
const Token = Type.Object({ token: Type.String({ maxLength: 1000 }) });

/** A list's address is its page 1; any other value of ?page= names no page of it. */
const noSuchPage = () => notFound('There is no such page of this list.');
const PATHS: Record<ListKind, (slug: string) => string> = {
  front: () => '/',
  section: sectionPath,
  tag: tagPath,
  author: authorPath,
};

/** The list's own feed (a section's, a tag's, an author's; the site's is on every page) and its structured data. */
function listExtras(site: SiteView, list: ArticleList): { feed?: PageFeed; jsonLd: Record<string, unknown> } {
  const { kind, title, name = '', slug = '', path } = list;
  if (kind === 'front') return { jsonLd: websiteGraph(site) };
  if (kind === 'author')
    return {
      feed: { title, base: path },
      jsonLd: profilePage(site, { name, slug, bio: list.intro, photo: list.photo }),
    };
  return {
    feed: { title, base: path },
    jsonLd: collectionPage(site, { name: title, path, ...(kind === 'section' && { description: list.intro }) }),
  };
}

export function registerArticlePages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    which: { kind: ListKind; slug?: string; page?: number },
  ) => {
    const { kind, slug = '', page = 1 } = which;
    const site = await editionSite(ctx, req, reply);
    if (!site) return reply;
    const key = `${site.edition.prefix}${PATHS[kind](slug)}?page=${page}`;
    const sent = await sendCachedPage(deps, { req, reply, key }, async () => {
      const found = await loadArticleList(deps, { kind, slug, page, language: editionLanguage(site) });
      if (!found) return undefined;
      // A tag's page names it in the page's language; sections and authors are named by their own names.
      const named = {
        ...found,
        path: editionPath(site, found.path),
        ...(kind === 'tag' && { title: site.i18n.t('list.tagged', { tag: found.name ?? '' }) }),
      };
      const { feed, jsonLd } = listExtras(site, named);
      const body = renderDocument(
        <ListPage
          site={site}
          title={named.title}
          intro={found.intro}
          photo={found.photo}
          path={named.path}
          articles={found.articles}
          page={found.page}
          pages={found.pages}
          morePages={found.morePages}
          home={kind === 'front'}
          feed={feed}
          jsonLd={jsonLd}
        />,
      );
      return { body, tags: ['lists'], expiresAt: found.expiresAt };
    });
    if (sent) return reply;
    const moved = await findMovedList(deps, { kind, slug });
    if (moved) return reply.redirect(editionPath(site, moved), 301);
    throw notFound();
  };

  const listRoute = { schema: { querystring: ListQuery }, schemaErrorFormatter: noSuchPage };
  const slugRoute = { ...listRoute, schema: { ...listRoute.schema, params: Slug } };
  const frontRoute = { ...listRoute, schema: { ...listRoute.schema, params: Edition } };
  // Each list in every language's edition: /sections/harbour in the default language, /es/sections/harbour in Spanish.
  for (const prefix of EDITION_PREFIXES) {
    app.get(`${prefix}/`, frontRoute, (req, reply) => list(req, reply, { kind: 'front', page: req.query.page }));
    app.get(`${prefix}/sections/:slug`, slugRoute, (req, reply) =>
      list(req, reply, { kind: 'section', slug: req.params.slug, page: req.query.page }),
    );
    app.get(`${prefix}/tags/:slug`, slugRoute, (req, reply) =>
      list(req, reply, { kind: 'tag', slug: req.params.slug, page: req.query.page }),
    );
    app.get(`${prefix}/authors/:slug`, slugRoute, (req, reply) =>
      list(req, reply, { kind: 'author', slug: req.params.slug, page: req.query.page }),
    );
  }

  // The secret in the address is the permission: staff share it with whoever should read ahead.
  app.get('/preview/:token', { schema: { params: Token } }, async (req, reply) => {
    const article = /^[A-Za-z0-9_-]{20,64}$/.test(req.params.token)
      ? await findArticleByPreviewToken(deps, req.params.token)
      : undefined;
    if (!article || article.status === 'trash') throw notFound('This preview link does not work (any more).');
    const body = renderDocument(
      <ArticlePage
        site={await ctx.siteIn(req, article.language)}
        article={article}
        comments={[]}
        discussionOpen={false}
        preview
      />,
    );
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(body);
  });
}
