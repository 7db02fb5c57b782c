// Maps what the sitemaps list to their entries: absolute addresses, photos with their captions, news details.
import type { UrlEntry } from '../../web/sitemap-xml.ts';
import {
  absoluteUrl,
  articlePath,
  authorPath,
  CORRECTIONS_PATH,
  sectionPath,
  tagPath,
  type SiteView,
} from '../../web/site.ts';
import type { NewsArticle, SitemapArticle, SitemapList } from './sitemap.service.ts';

/** Image sitemaps read captions of up to 512 characters; a longer one is cut at a word. */
const CAPTION_MAX = 512;
const caption = (text: string) =>
  text.length <= CAPTION_MAX ? text : `${text.slice(0, CAPTION_MAX - 1).replace(/\s+\S*$/, '')}…`;
/** Addresses longer than this are refused by sitemap readers; such a photo is left out (the page still is in). */
const URL_MAX = 2048;

export const sitemapFileUrl = (site: Pick<SiteView, 'publicUrl'>, name: string) =>
  absoluteUrl(site, `/sitemaps/${name}.xml`);

export function articleEntries(site: SiteView, articles: SitemapArticle[]): UrlEntry[] {
  return articles.map((a) => {
    const image = a.image && absoluteUrl(site, a.image.url);
    return {
      url: absoluteUrl(site, articlePath(a.slug)),
      lastmod: a.lastmod,
      ...(a.image && image && image.length <= URL_MAX && { image: { url: image, caption: caption(a.image.caption) } }),
      ...(a.alternates && { alternates: alternates(site, a.alternates) }),
    };
  });
}

/** As the article page names them: each version by its language, and x-default for the site default's. */
function alternates(site: SiteView, versions: NonNullable<SitemapArticle['alternates']>) {
  const links = versions.map((v) => ({ language: v.language, url: absoluteUrl(site, articlePath(v.slug)) }));
  const fallback = versions.find((v) => v.isDefault);
  return fallback ? [...links, { language: 'x-default', url: absoluteUrl(site, articlePath(fallback.slug)) }] : links;
}

const LIST_PATHS: Record<SitemapList['kind'], (slug: string) => string> = {
  front: () => '/',
  edition: (prefix) => `${prefix}/`,
  corrections: () => CORRECTIONS_PATH,
  section: sectionPath,
  tag: tagPath,
  author: authorPath,
};

export const listEntries = (site: SiteView, lists: SitemapList[]): UrlEntry[] =>
  lists.map((l) => ({
    url: absoluteUrl(site, LIST_PATHS[l.kind](l.slug ?? '')),
    ...(l.lastmod && { lastmod: l.lastmod }),
  }));

export const newsEntries = (
  site: SiteView,
  publication: { name: string; language: string },
  articles: NewsArticle[],
): UrlEntry[] =>
  articles.map((a) => ({
    url: absoluteUrl(site, articlePath(a.slug)),
    news: { publication, publishedAt: a.publishedAt, title: a.headline },
  }));
