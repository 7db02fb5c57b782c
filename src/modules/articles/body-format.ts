// Article bodies are written in Markdown (raw HTML pasted in is allowed) and stored as sanitized HTML.
import MarkdownIt from 'markdown-it';
import { htmlToText, sanitizeArticleHtml } from '../../platform/html/sanitizer.ts';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });

/** Turns the editor's Markdown (or pasted HTML) into the HTML the article page shows. */
export function renderArticleBody(source: string): string {
  return sanitizeArticleHtml(markdown.render(source));
}

/** A short plain-text summary: the first paragraph, cut at a word boundary. */
export function makeExcerpt(bodyHtml: string, maxLength = 280): string {
  const firstParagraph = /<p>([\s\S]*?)<\/p>/.exec(bodyHtml)?.[1] ?? bodyHtml;
  const text = htmlToText(firstParagraph);
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength - 40)).trimEnd()}…`;
}
