// Article bodies are written in Markdown (raw HTML pasted in is allowed) and stored as sanitized HTML.
import MarkdownIt from 'markdown-it';
import { htmlToText, sanitizeArticleHtml, type ImageAttributes } from '../../platform/html/sanitizer.ts';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });

/** Turns the editor's Markdown (or pasted HTML) into the HTML the article page shows; `images` gives library photos their sizes. */
export function renderArticleBody(source: string, images?: (src: string, alt: string) => ImageAttributes | undefined): string {
  return sanitizeArticleHtml(markdown.render(source), { image: images });
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
