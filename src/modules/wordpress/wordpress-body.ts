// WordPress post bodies into Dateline's stored HTML: shortcodes into markup, wpautop's paragraphs,
// upload URLs moved, and then the project's one sanitizer. Comments become plain text for the
// comment formatter. Pure functions: what they need from the database comes in as arguments.
import { htmlToLines, sanitizeArticleHtml } from '../../platform/html/sanitizer.ts';

export interface AttachmentRef {
  url: string;
  label: string;
}

export interface BodyContext {
  /** Attachments by WordPress id, for [gallery ids="..."]. */
  attachments: Map<string, AttachmentRef>;
  /** The post's own attachments, for a [gallery] that lists no ids. */
  children: AttachmentRef[];
  /** Where an uploads URL now lives (a /media/ path, or the URL itself when kept). */
  rewriteUpload: (url: string) => string;
}

export interface BodyResult {
  html: string;
  /** Shortcodes left as text, by name. */
  unknownShortcodes: string[];
}

const BLOCKS = '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const UPLOAD_URL = /(?:https?:)?\/\/[^\s"'<>[\]()]+\/wp-content\/uploads\/[^\s"'<>[\]()]+/g;
const IMAGE_URL = /\.(?:jpe?g|png|gif|webp|avif)(?:\?[^\s]*)?$/i;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** WordPress's wpautop: blank lines make paragraphs, single newlines line breaks, block elements stay unwrapped. */
export function wpautop(input: string): string {
  if (input.trim() === '') return '';
  const pres: string[] = [];
  let text = input.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (m) => `<pre wp-pre-tag-${pres.push(m) - 1}></pre>`);
  text = `${text.replace(/\r\n?/g, '\n')}\n`;
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  text = text.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  text = text.replace(new RegExp(`(</${BLOCKS}>)`, 'gi'), '$1\n\n');
  // Newlines inside a tag are not line breaks.
  text = text.replace(/<[^>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  text = text.replace(/\n\s*\n+/g, '\n\n');
  text = text.split(/\n\s*\n/).filter((p) => p.trim() !== '').map((p) => `<p>${p.trim()}</p>\n`).join('');
  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  text = text.replace(/<\/blockquote><\/p>/gi, '</p></blockquote>');
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, 'gi'), '$1');
  text = text.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  text = text.replace(/([^\n>])\n(?!<\/p>)/g, (_m, before) => `${before}<br />\n`);
  text = text.replace(/(<br \/>)?\n(<\/p>)/g, '$2');
  text = text.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, 'gi'), '$1');
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1');
  return text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_m, i) => pres[Number(i)]);
}

/** A shortcode's attributes, as WordPress's shortcode_parse_atts reads them. */
export function parseShortcodeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (m[1]) attrs[m[1].toLowerCase()] = m[2];
    else if (m[3]) attrs[m[3].toLowerCase()] = m[4];
    else if (m[5]) attrs[m[5].toLowerCase()] = m[6];
    else attrs[String(n++)] = m[7] ?? m[8] ?? m[9];
  }
  return attrs;
}

const link = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

/** An embedded URL (oEmbed) as a figure for an image, a plain link for anything else: no third-party frames. */
function embed(url: string): string {
  const clean = url.trim();
  if (!/^https?:\/\//i.test(clean)) return `<p>${escapeHtml(clean)}</p>`;
  if (IMAGE_URL.test(clean)) return `<figure><img src="${escapeHtml(clean)}" alt=""></figure>`;
  return `<p>${link(clean)}</p>`;
}

function caption(attrs: Record<string, string>, content: string): string {
  const m = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
  const media = m ? m[1] : '';
  const text = (attrs.caption ?? (m ? m[2] : content)).trim();
  return `<figure>${media}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

function gallery(attrs: Record<string, string>, ctx: BodyContext): string {
  const ids = (attrs.ids ?? attrs.include ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const images = ids.length ? ids.map((id) => ctx.attachments.get(id)).filter((a): a is AttachmentRef => a !== undefined) : ctx.children;
  if (images.length === 0) return '';
  const items = images.map((a) => `<li><a href="${escapeHtml(a.url)}"><img src="${escapeHtml(a.url)}" alt="${escapeHtml(a.label)}"></a></li>`);
  return `<figure><ul>${items.join('')}</ul></figure>`;
}

const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio']);
const ENCLOSING = new Set(['caption', 'wp_caption', 'embed', 'video', 'audio']);

/** Turns the shortcodes Dateline knows into markup; the rest stay as text and are named in the result. */
export function expandShortcodes(content: string, ctx: BodyContext, hold: (html: string) => string = (html) => html): BodyResult {
  const unknown = new Set<string>();
  const re = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]]*?)(\/)?\](?:([\s\S]*?)\[\/\2\])?(\]?)/g;
  const html = content.replace(re, (whole, open: string, rawName: string, rawAttrs: string, selfClosing, inner: string | undefined, close: string) => {
    const name = rawName.toLowerCase();
    // [[name]] is WordPress's way of writing a shortcode as text.
    if (open === '[' && close === ']') return whole.slice(1, -1);
    if (!KNOWN.has(name)) {
      unknown.add(name);
      return whole;
    }
    const attrs = parseShortcodeAttributes(rawAttrs);
    const body = selfClosing || !ENCLOSING.has(name) ? '' : inner ?? '';
    const rest = !ENCLOSING.has(name) && inner !== undefined ? `${inner}[/${rawName}]` : '';
    const tail = `${rest}${close}`;
    if (name === 'caption' || name === 'wp_caption') return hold(caption(attrs, body)) + tail;
    if (name === 'gallery') return hold(gallery(attrs, ctx)) + tail;
    if (name === 'embed') return hold(embed(body || attrs.src || attrs['0'] || '')) + tail;
    const src = attrs.src ?? attrs.mp4 ?? attrs.mp3 ?? attrs.m4a ?? attrs.ogg ?? attrs.webm ?? attrs.wav ?? '';
    return (src ? hold(`<p>${link(src)}</p>`) : '') + tail;
  });
  return { html, unknownShortcodes: [...unknown] };
}

/** A WordPress post body as sanitized HTML, with the shortcodes nobody here understands listed. */
export function renderWordPressBody(content: string, ctx: BodyContext): BodyResult {
  let text = content.replace(UPLOAD_URL, (url) => ctx.rewriteUpload(url));
  // A URL alone on its line is an oEmbed in WordPress.
  text = text.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, (_m, url: string) => `[embed]${url}[/embed]`);
  // Markup made from shortcodes waits outside wpautop (as WordPress keeps <pre> out), in a block-level placeholder.
  const held: string[] = [];
  const expanded = expandShortcodes(text, ctx, (html) => `<figure wp-held-${held.push(html) - 1}></figure>`);
  // Block-editor content carries its own paragraphs; WordPress skips wpautop for it too.
  const blocks = /<!--\s*wp:/.test(expanded.html);
  const paragraphs = (blocks ? expanded.html : wpautop(expanded.html))
    .replace(/<figure wp-held-(\d+)><\/figure>/g, (_m, i) => held[Number(i)]);
  const html = sanitizeArticleHtml(paragraphs).replace(/<p>\s*<\/p>\n?/g, '').trim();
  return { html, unknownShortcodes: expanded.unknownShortcodes };
}

/** The upload URLs a body links to, for the report and for copying files. */
export const uploadUrls = (content: string): string[] => [...new Set(content.match(UPLOAD_URL) ?? [])];

/** Attachment ids named by [gallery ids="..."] in a body. */
export function galleryIds(content: string): string[] {
  const ids: string[] = [];
  for (const m of content.matchAll(/\[gallery\b([^\]]*)\]/gi)) {
    const attrs = parseShortcodeAttributes(m[1]);
    ids.push(...(attrs.ids ?? attrs.include ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  }
  return ids;
}

/** A WordPress comment (light HTML, newlines meaningful) as the plain text the comment formatter takes. */
export function commentToText(content: string): string {
  const withLinks = content.replace(/<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => {
    const text = label.replace(/<[^>]*>/g, '').trim();
    return text === '' || text === href ? ` ${href} ` : `${text} (${href})`;
  });
  return htmlToLines(withLinks);
}
