// The one sanitizer: every piece of stored HTML that a page shows raw has passed through here.
import sanitizeHtml from 'sanitize-html';
import { limitNesting } from './nesting.ts';

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

const articlePolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's',
    'sub', 'sup', 'a', 'code', 'pre', 'hr', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'caption', 'abbr', 'cite', 'q', 'small', 'mark', 'del', 'ins',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Body images never jump the page and never block the headline.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
  },
};

const commentPolicy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: {
    // Readers' links carry no endorsement and no opener access.
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc noopener' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/** The size of a picture in the media library and its responsive sizes, as an <img> carries them. */
export interface ImageAttributes {
  width: number;
  height: number;
  srcset: string;
  sizes: string;
}

export interface ArticleHtmlOptions {
  /** The attributes of a picture the site holds, by its address: they replace what the markup says. */
  image?: (src: string) => ImageAttributes | undefined;
}

/** Cleans an article body (from Markdown or pasted HTML) down to the markup a page may show. */
export function sanitizeArticleHtml(html: string, options: ArticleHtmlOptions = {}): string {
  const { image } = options;
  if (!image) return sanitizeHtml(limitNesting(html), articlePolicy);
  const lazy = articlePolicy.transformTags!.img as sanitizeHtml.Transformer;
  return sanitizeHtml(limitNesting(html), {
    ...articlePolicy,
    transformTags: {
      ...articlePolicy.transformTags,
      img: (tagName, attribs) => {
        const known = attribs.src ? image(attribs.src) : undefined;
        if (!known) return lazy(tagName, attribs);
        const { width, height, srcset, sizes } = known;
        return lazy(tagName, { ...attribs, width: String(width), height: String(height), srcset, sizes });
      },
    },
  });
}

/** Cleans a formatted reader comment: paragraphs, line breaks and nofollow links only. */
export const sanitizeCommentHtml = (html: string): string => sanitizeHtml(limitNesting(html), commentPolicy);

/** Plain text of some HTML, for excerpts and feeds. */
export const htmlToText = (html: string): string =>
  sanitizeHtml(limitNesting(html.replace(/<\/(p|h\d|li|blockquote)>/g, '$& ')), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ').trim();

/**
 * Plain text of some HTML that keeps its line breaks and paragraphs (for text written elsewhere as light HTML).
 * A tag's attributes are matched up to the next "<" as well as ">", so an unclosed "<p " costs one scan, not one per "<".
 */
export const htmlToLines = (html: string): string =>
  sanitizeHtml(limitNesting(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?p(\s[^<>]*)?>/gi, '\n\n')), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();

/**
 * An address a page may put in a link or an image: http(s), or (with `sitePaths`) a path on this site.
 * Anything else (javascript:, data:, //another-host, control characters) comes back empty.
 */
export function safeAddress(url: string, options: { sitePaths: boolean }): string {
  const value = url.trim();
  // eslint-disable-next-line no-control-regex
  if (value === '' || /[\u0000-\u001F\u007F\s\\]/.test(value)) return '';
  if (value.startsWith('/')) return options.sitePaths && !value.startsWith('//') ? value : '';
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? value : '';
  } catch {
    return '';
  }
}
