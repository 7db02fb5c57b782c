// Feeds, sitemaps and robots.txt in the mirror: they name pages by absolute address, as their formats require,
// so the sitemaps' addresses are followed by the crawl and every live address becomes the mirror's own.
import { DomUtils, parseDocument } from 'htmlparser2';

const XML_TYPES = /^(application\/(rss\+|atom\+)?xml|text\/xml)\b/;

/** True for the feeds' and sitemaps' content types. */
export const isXml = (contentType: string): boolean => XML_TYPES.test(contentType);

/** The addresses a sitemap (index or list) names in its `<loc>` elements: the crawl follows them. */
export function sitemapLocations(xml: string): string[] {
  const doc = parseDocument(xml, { xmlMode: true });
  return DomUtils.findAll((el) => el.name === 'loc', doc.children)
    .map((el) => DomUtils.textContent(el).trim())
    .filter(Boolean);
}

/**
 * The document with every address under the live site's origin moved under the mirror's base address. An
 * origin has no character that XML escapes, so its exact spelling in the text is the address and nothing else.
 */
export function rebaseAddresses(text: string, origin: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return text.split(`${origin}/`).join(`${base}/`);
}
