// WordPress post bodies into Dateline's stored HTML: shortcodes into markup, wpautop's paragraphs,
// upload addresses moved, and then the project's one sanitizer. Comments become plain text for the
// comment formatter. Pure functions: what they need from the database and the disk comes in as arguments.
// Every step is linear in the text (see wordpress-shortcodes.ts, wpautop.ts, wordpress-uploads.ts): a
// hostile body costs what a long one does.
import { htmlToLines, sanitizeArticleHtml, type ImageAttributes } from '../../platform/html/sanitizer.ts';
import { parseShortcodeAttributes, replaceShortcodes } from './wordpress-shortcodes.ts';
import { replaceUploadAddresses, type UploadAddress } from './wordpress-uploads.ts';
import { wpautop } from './wpautop.ts';

export interface AttachmentRef {
  url: string;
  label: string;
}

export interface BodyContext {
  /** The old site's address, for upload addresses written without a host. */
  origin: string;
  /** Attachments by WordPress id, for [gallery ids="..."]. */
  attachments: Map<string, AttachmentRef>;
  /** The post's own attachments, for a [gallery] that lists no ids. */
  children: AttachmentRef[];
  /** Where an upload now lives (a /media/ path, or its old address when it stays there). */
  rewriteUpload: (address: UploadAddress) => string;
  /** Size and responsive sizes of a picture in the media folder, by its address there. */
  image?: (src: string) => ImageAttributes | undefined;
}

export interface BodyResult {
  html: string;
  /** Shortcodes left as text, by name. */
  unknownShortcodes: string[];
}

const IMAGE_URL = /\.(?:jpe?g|png|gif|webp|avif)(?:\?\S*)?$/i;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const link = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

/** An embedded URL (oEmbed) as a figure for an image, a plain link for anything else: no third-party frames. */
function embed(url: string): string {
  const clean = url.trim();
  if (!/^https?:\/\//i.test(clean)) return `<p>${escapeHtml(clean)}</p>`;
  if (IMAGE_URL.test(clean)) return `<figure><img src="${escapeHtml(clean)}" alt=""></figure>`;
  return `<p>${link(clean)}</p>`;
}

function caption(attrs: Record<string, string>, content: string): string {
  // Anchored at the start, and each [^<>]* stops at the next angle bracket: one scan of the content.
  const m = /^\s*((?:<a\s[^<>]*>\s*)?<img\s[^<>]*>(?:\s*<\/a>)?)/i.exec(content);
  const media = m ? m[1] : '';
  const text = (attrs.caption ?? (m ? content.slice(m[0].length) : content)).trim();
  // A caption with nothing in it (an unclosed [caption], say) is no figure at all.
  if (!media && !text) return '';
  return `<figure>${media}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

function gallery(attrs: Record<string, string>, ctx: BodyContext): string {
  const ids = (attrs.ids ?? attrs.include ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const images = ids.length
    ? ids.map((id) => ctx.attachments.get(id)).filter((a): a is AttachmentRef => a !== undefined)
    : ctx.children;
  if (images.length === 0) return '';
  const items = images.map(
    (a) => `<li><a href="${escapeHtml(a.url)}"><img src="${escapeHtml(a.url)}" alt="${escapeHtml(a.label)}"></a></li>`,
  );
  return `<figure><ul>${items.join('')}</ul></figure>`;
}

const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio']);
const ENCLOSING = new Set(['caption', 'wp_caption', 'embed', 'video', 'audio']);

/** Turns the shortcodes Dateline knows into markup; the rest stay as text and are named in the result. */
export function expandShortcodes(
  content: string,
  ctx: BodyContext,
  hold: (html: string) => string = (html) => html,
): BodyResult {
  const unknown = new Set<string>();
  const html = replaceShortcodes(content, (m) => {
    // [[name]] is WordPress's way of writing a shortcode as text.
    if (m.escaped && m.trailingBracket) return m.whole.slice(1, -1);
    if (!KNOWN.has(m.name)) {
      unknown.add(m.name);
      return m.whole;
    }
    const attrs = parseShortcodeAttributes(m.attrs);
    const enclosing = ENCLOSING.has(m.name);
    const body = m.selfClosing || !enclosing ? '' : (m.inner ?? '');
    const rest = !enclosing && m.inner !== undefined ? `${m.inner}[/${m.rawName}]` : '';
    const tail = `${rest}${m.trailingBracket ? ']' : ''}`;
    if (m.name === 'caption' || m.name === 'wp_caption') {
      const figure = caption(attrs, body);
      return (figure ? hold(figure) : '') + tail;
    }
    if (m.name === 'gallery') return hold(gallery(attrs, ctx)) + tail;
    if (m.name === 'embed') return hold(embed(body || attrs.src || attrs['0'] || '')) + tail;
    const src = attrs.src ?? attrs.mp4 ?? attrs.mp3 ?? attrs.m4a ?? attrs.ogg ?? attrs.webm ?? attrs.wav ?? '';
    return (src ? hold(`<p>${link(src)}</p>`) : '') + tail;
  });
  return { html, unknownShortcodes: [...unknown] };
}

/** A WordPress post body as sanitized HTML, with the shortcodes nobody here understands listed. */
export function renderWordPressBody(content: string, ctx: BodyContext): BodyResult {
  let text = replaceUploadAddresses(content, ctx.origin, ctx.rewriteUpload);
  // A URL alone on its line is an oEmbed in WordPress.
  text = text.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, (_m, url: string) => `[embed]${url}[/embed]`);
  // Markup made from shortcodes waits outside wpautop (as WordPress keeps <pre> out), in a block-level placeholder.
  const held: string[] = [];
  const nonce = Math.random().toString(36).slice(2, 10);
  const expanded = expandShortcodes(text, ctx, (html) => `<figure wp-held-${nonce}-${held.push(html) - 1}></figure>`);
  // Block-editor content carries its own paragraphs; WordPress skips wpautop for it too.
  const blocks = /<!--\s*wp:/.test(expanded.html);
  const paragraphs = (blocks ? expanded.html : wpautop(expanded.html)).replace(
    new RegExp(`<figure wp-held-${nonce}-(\\d+)></figure>`, 'g'),
    (_m, i) => held[Number(i)],
  );
  const html = sanitizeArticleHtml(paragraphs, { image: ctx.image })
    .replace(/<p>\s*<\/p>\n?/g, '')
    .trim();
  return { html, unknownShortcodes: expanded.unknownShortcodes };
}

/** A WordPress comment (light HTML, newlines meaningful) as the plain text the comment formatter takes. */
export function commentToText(content: string): string {
  const lower = content.toLowerCase();
  const out: string[] = [];
  let done = 0;
  // Each link's opening tag ends at the next angle bracket, and its closing tag is found by one search:
  // when there is none, no later link has one either.
  for (const open of content.matchAll(/<a\s[^<>]*>/gi)) {
    const start = open.index;
    if (start < done) continue;
    const close = lower.indexOf('</a>', start + open[0].length);
    if (close === -1) break;
    const hrefs = [...open[0].matchAll(/href\s*=\s*["']([^"']+)["']/gi)];
    if (hrefs.length === 0) continue;
    const href = hrefs[hrefs.length - 1][1];
    const label = content
      .slice(start + open[0].length, close)
      .replace(/<[^<>]*>/g, '')
      .trim();
    out.push(content.slice(done, start), label === '' || label === href ? ` ${href} ` : `${label} (${href})`);
    done = close + 4;
  }
  out.push(content.slice(done));
  return htmlToLines(out.join(''));
}
