// The one formatter for reader comments: plain text in, paragraphs and safe links out. Never HTML in.
import MarkdownIt from 'markdown-it';
import { sanitizeCommentHtml } from '../../platform/html/sanitizer.ts';

// 'zero' turns off every Markdown rule: only paragraphs, line breaks and bare-URL links remain.
const formatter = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable(['linkify', 'newline']);
formatter.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/** Formats a reader's text for display; any markup they typed comes out as visible text. */
export function formatCommentText(text: string): string {
  return sanitizeCommentHtml(formatter.render(text));
}
