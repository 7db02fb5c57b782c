// /sitemap.xml (the index) and /sitemaps/*.xml, served from the page cache like the lists they follow.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage, type RenderedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderSitemapIndex, renderUrlSet } from '../../web/sitemap-xml.ts';
import { articleEntries, listEntries, newsEntries, sitemapFileUrl } from './sitemap.presenter.ts';
import {
  listArticleFile,
  listListsFile,
  listNewsArticles,
  listSitemapFiles,
  newsPublication,
  parseArticleFile,
  sitemapExpiry,
} from './sitemap.service.ts';

const XML = 'application/xml; charset=utf-8';

const newest = (dates: (Date | undefined)[]) => {
  const times = dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
};

const SitemapFile = Type.Object({ file: Type.String({ maxLength: 1000 }) });

export function registerSitemapPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  app.get('/sitemap.xml', async (req, reply) => {
    await sendCachedPage(deps, { req, reply, key: 'sitemap:index' }, async () => {
      const [site, files, news] = await Promise.all([ctx.site(req), listSitemapFiles(deps), listNewsArticles(deps)]);
      const body = await renderSitemapIndex(
        files.map((f) => ({ url: sitemapFileUrl(site, f.name), lastmod: f.lastmod })),
      );
      return {
        body,
        tags: ['lists'],
        contentType: XML,
        expiresAt: await sitemapExpiry(deps, news),
        lastModified: newest(files.map((f) => f.lastmod)),
      };
    });
    return reply;
  });

  app.get('/sitemaps/:file', { schema: { params: SitemapFile } }, async (req, reply) => {
    const name = /^([a-z0-9-]{1,40})\.xml$/.exec(req.params.file)?.[1];
    if (!name) throw notFound('There is no such sitemap.');
    const sent = await sendCachedPage(
      deps,
      { req, reply, key: `sitemap:${name}` },
      async (): Promise<RenderedPage | undefined> => {
        const site = await ctx.site(req);
        if (name === 'news') {
          const news = await listNewsArticles(deps);
          if (news.length === 0) return undefined;
          const body = await renderUrlSet(newsEntries(site, await newsPublication(deps), news), { news: true });
          return {
            body,
            tags: ['lists'],
            contentType: XML,
            expiresAt: await sitemapExpiry(deps, news),
            lastModified: news[0].publishedAt,
          };
        }
        const lists = /^lists(?:-([2-9]|[1-9]\d{1,4}))?$/.exec(name);
        if (lists) {
          const entries = await listListsFile(deps, lists[1] ? Number(lists[1]) : 1);
          if (entries.length === 0) return undefined;
          return {
            body: await renderUrlSet(listEntries(site, entries), {}),
            tags: ['lists'],
            contentType: XML,
            expiresAt: await sitemapExpiry(deps),
            lastModified: newest(entries.map((e) => e.lastmod)),
          };
        }
        const file = parseArticleFile(name);
        if (!file) return undefined;
        const articles = await listArticleFile(deps, file);
        if (articles.length === 0) return undefined;
        return {
          body: await renderUrlSet(articleEntries(site, articles), { image: true, xhtml: true }),
          tags: ['lists'],
          contentType: XML,
          expiresAt: await sitemapExpiry(deps),
          lastModified: newest(articles.map((a) => a.lastmod)),
        };
      },
    );
    if (!sent)
      throw notFound(
        name === 'news'
          ? 'No article was published in the last two days, so the news sitemap is empty.'
          : 'There is no such sitemap.',
      );
    return reply;
  });
}
