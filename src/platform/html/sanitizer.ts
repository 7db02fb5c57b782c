// The one sanitizer: every piece of stored HTML that a page shows raw has passed through here.
import sanitizeHtml from 'sanitize-html';

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

const articlePolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's',
    'sub', 'sup', 'a', 'code', 'pre', 'hr', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'caption', 'abbr', 'cite', 'q', 'small', 'mark', 'del', 'ins',
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

/** Sizes of a library photo, for an image the body shows. */
export interface ImageSizes {
  srcset: string;
  width: number;
  height: number;
}

/** Body images fill the text column, as the featured image does. */
export const BODY_IMAGE_SIZES = '(min-width: 44rem) 42rem, 100vw';

/**
 * Cleans an article body (from Markdown or pasted HTML) down to the markup a page may show. `images` is asked
 * about every image's address: a library photo answers its sizes, which become srcset, width and height. A
 * writer's own srcset or sizes never survive (they could name images the page cannot show).
 */
export function sanitizeArticleHtml(html: string, images?: (src: string, alt: string) => ImageSizes | undefined): string {
  const img: sanitizeHtml.Transformer = (tagName, attribs) => {
    const { srcset: _srcset, sizes: _sizes, ...kept } = attribs;
    const sizes = kept.src ? images?.(kept.src, kept.alt ?? '') : undefined;
    return {
      tagName,
      attribs: {
        ...kept, loading: 'lazy',
        ...(sizes && { srcset: sizes.srcset, sizes: BODY_IMAGE_SIZES, width: String(sizes.width), height: String(sizes.height) }),
      },
    };
  };
  return sanitizeHtml(html, { ...articlePolicy, transformTags: { ...articlePolicy.transformTags, img } });
}

/** Cleans a formatted reader comment: paragraphs, line breaks and nofollow links only. */
export const sanitizeCommentHtml = (html: string): string => sanitizeHtml(html, commentPolicy);

/** Plain text of some HTML, for excerpts and feeds. */
export const htmlToText = (html: string): string =>
  sanitizeHtml(html.replace(/<\/(p|h\d|li|blockquote)>/g, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ').trim();

/** Plain text of some HTML that keeps its line breaks and paragraphs (for text written elsewhere as light HTML). */
export const htmlToLines = (html: string): string =>
  sanitizeHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?p(\s[^>]*)?>/gi, '\n\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
