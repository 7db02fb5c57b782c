// Article bodies are written in Markdown (raw HTML pasted in is allowed) and stored as sanitized HTML.
import MarkdownIt from 'markdown-it';
import { htmlToText, sanitizeArticleHtml, type ImageAttributes } from '../../platform/html/sanitizer.ts';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });

/** A library photo as a body's figure shows it. */
export interface BodyPhoto {
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

/**
 * A line of its own that puts a library photo in the body: `[photo 0193…]`, its id. Markdown leaves the
 * brackets alone (no link follows), and the line is replaced before Markdown runs.
 */
export const PHOTO_LINE = /^[ \t]{0,3}\[photo ([0-9A-Za-z-]{1,64})\][ \t]*$/gm;

/** The line that puts a library photo in the body. */
export const photoLine = (id: string) => `[photo ${id}]`;

/** The ids of the library photos a body names, in order, each once. */
export const bodyPhotoIds = (source: string): string[] => [
  ...new Set([...source.matchAll(PHOTO_LINE)].map((m) => m[1])),
];

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const oneLine = (s: string) => escapeHtml(s.replace(/\s+/g, ' ').trim());

/**
 * Each photo line as a figure with its caption and credit: an HTML block of one line, so Markdown passes it
 * through whole, and the sanitizer then checks it like any pasted HTML. A line naming no known photo stays text.
 */
function withFigures(source: string, photos: (id: string) => BodyPhoto | undefined): string {
  return source.replace(PHOTO_LINE, (line, id: string) => {
    const photo = photos(id);
    if (!photo) return line;
    const credit = photo.credit.trim() ? ` <small>${oneLine(photo.credit)}</small>` : '';
    const caption = photo.caption.trim() || credit ? `<figcaption>${oneLine(photo.caption)}${credit}</figcaption>` : '';
    return `\n<figure><img src="${escapeHtml(photo.url)}" alt="${oneLine(photo.alt)}">${caption}</figure>\n`;
  });
}

/**
 * Turns the editor's Markdown (or pasted HTML) into the HTML the article page shows; `images` gives library photos
 * their sizes, `photos` the photos named by `[photo id]` lines.
 */
export function renderArticleBody(
  source: string,
  images?: (src: string, alt: string) => ImageAttributes | undefined,
  photos?: (id: string) => BodyPhoto | undefined,
): string {
  return sanitizeArticleHtml(markdown.render(photos ? withFigures(source, photos) : source), { image: images });
}

/** Every image the body shows (address and alt text), in order, as the page will ask for them (after Markdown and the sanitizer). */
export function bodyImages(source: string): { src: string; alt: string }[] {
  const images: { src: string; alt: string }[] = [];
  renderArticleBody(source, (src, alt) => {
    images.push({ src, alt });
    return undefined;
  });
  return images;
}

/** A short plain-text summary: the first paragraph, cut at a word boundary. */
export function makeExcerpt(bodyHtml: string, maxLength = 280): string {
  const firstParagraph = /<p>([\s\S]*?)<\/p>/.exec(bodyHtml)?.[1] ?? bodyHtml;
  const text = htmlToText(firstParagraph);
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength - 40)).trimEnd()}…`;
}
