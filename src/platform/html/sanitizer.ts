// The one sanitizer: every piece of stored HTML that a page shows raw has passed through here.
import sanitizeHtml from 'sanitize-html';
import { limitNesting } from './nesting.ts';

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

const articlePolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'a',
    'code',
    'pre',
    'hr',
    'figure',
    'figcaption',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'abbr',
    'cite',
    'q',
    'small',
    'mark',
    'del',
    'ins',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'srcset', 'sizes'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Body images never jump the page and never block the headline (see sanitizeArticleHtml).
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

/** The size of a library photo and its responsive sizes, as an <img> carries them. */
export interface ImageAttributes {
  width: number;
  height: number;
  srcset: string;
  /** The layout hint; body images fill the text column unless told otherwise. */
  sizes?: string;
}

/** Body images fill the text column, as the featured image does. */
export const BODY_IMAGE_SIZES = '(min-width: 44rem) 42rem, 100vw';

export interface ArticleHtmlOptions {
  /**
   * Asked about every image's address: a library photo answers its attributes, which become srcset, sizes, width
   * and height. Given, it also drops any srcset or sizes the markup carries (they could name images the page cannot
   * show); absent (HTML this site already stored, as in a restore), they are kept as they are.
   */
  image?: (src: string, alt: string) => ImageAttributes | undefined;
}

/** Cleans an article body (from Markdown or pasted HTML) down to the markup a page may show. */
export function sanitizeArticleHtml(html: string, options: ArticleHtmlOptions = {}): string {
  const { image } = options;
  // Body images never jump the page and never block the headline.
  const img: sanitizeHtml.Transformer = (tagName, attribs) => {
    if (!image) return { tagName, attribs: { ...attribs, loading: 'lazy' } };
    const { srcset: _srcset, sizes: _sizes, ...kept } = attribs;
    const known = kept.src ? image(kept.src, kept.alt ?? '') : undefined;
    return {
      tagName,
      attribs: {
        ...kept,
        loading: 'lazy',
        ...(known && {
          srcset: known.srcset,
          sizes: known.sizes ?? BODY_IMAGE_SIZES,
          width: String(known.width),
          height: String(known.height),
        }),
      },
    };
  };
  return sanitizeHtml(limitNesting(html), { ...articlePolicy, transformTags: { ...articlePolicy.transformTags, img } });
}

/** Cleans a formatted reader comment: paragraphs, line breaks and nofollow links only. */
export const sanitizeCommentHtml = (html: string): string => sanitizeHtml(limitNesting(html), commentPolicy);

/** Plain text of some HTML, for excerpts and feeds. */
export const htmlToText = (html: string): string =>
  sanitizeHtml(limitNesting(html.replace(/<\/(p|h\d|li|blockquote)>/g, '$& ')), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Plain text of some HTML that keeps its line breaks and paragraphs (for text written elsewhere as light HTML).
 * A tag's attributes are matched up to the next "<" as well as ">", so an unclosed "<p " costs one scan, not one per "<".
 */
export const htmlToLines = (html: string): string =>
  sanitizeHtml(limitNesting(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?p(\s[^<>]*)?>/gi, '\n\n')), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** The same (already clean) HTML with every link and image address made absolute against `base`, for feeds read away from the site. */
export function withAbsoluteUrls(html: string, base: string): string {
  const absolute = (value: string) => {
    try {
      return new URL(value, base).href;
    } catch {
      return value;
    }
  };
  return sanitizeHtml(html, {
    // The input has passed the sanitizer already; this pass only rewrites addresses.
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      '*': (tagName, attribs) => ({
        tagName,
        attribs: {
          ...attribs,
          ...(attribs.href !== undefined && { href: absolute(attribs.href) }),
          ...(attribs.src !== undefined && { src: absolute(attribs.src) }),
        },
      }),
    },
  });
}

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
