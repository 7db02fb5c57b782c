// The one formatter for reader comments: plain text in, paragraphs and safe links out. Never HTML in.
import MarkdownIt from 'markdown-it';
import { sanitizeCommentHtml } from './sanitizer.ts';
import { cleanText } from '../text.ts';

// 'zero' turns off every Markdown rule: only paragraphs, line breaks and bare-URL links remain.
const formatter = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable(['linkify', 'newline']);
formatter.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
// Only http and https become links: the sanitizer drops any other link with its text, so "ftp://…", "//host/…" or
// "mailto:…" would vanish from what the reader wrote. Turned off here, they stay as typed.
formatter.linkify.add('ftp:', null).add('//', null).add('mailto:', null);

declare const formatted: unique symbol;

/**
 * A comment's text made ready to store: cleaned (line ends, outer space) and formatted by formatCommentText.
 * saveImportedDiscussions stores its HTML as it is, so only formatImportedText makes one: the brand is a type
 * that no object literal has, and a copy of one made on a worker thread (the WordPress import's reader) keeps it
 * by its declared type. Anything else takes an explicit cast, which a review sees.
 */
export interface FormattedComment {
  readonly text: string;
  readonly html: string;
  readonly [formatted]: true;
}

/** A comment's text from another system, cleaned and formatted as saveImportedDiscussions stores it. */
export function formatImportedText(value: string): FormattedComment {
  const text = cleanText(value);
  return { text, html: formatCommentText(text) } as FormattedComment;
}

/** Formats a reader's text for display; any markup they typed comes out as visible text. */
export function formatCommentText(text: string): string {
  // Most comments hold no link, and then the formatter only makes paragraphs and line breaks: that is done here
  // directly, for a fraction of the time (posting and, above all, an import of hundreds of thousands of comments).
  // Every link markdown-it finds here starts "http://" or "https://".
  return text.includes('//') ? formatWithLinks(text) : paragraphsOf(text);
}

/** The general path: markdown-it, then the sanitizer. `paragraphsOf` must give the same bytes wherever it is used. */
export const formatWithLinks = (text: string): string => sanitizeCommentHtml(formatter.render(text));

// markdown-it's rules, as its 'zero' preset with line breaks applies them (its normalize, StateBlock, paragraph and
// newline rules): lines of only spaces and tabs part paragraphs; a paragraph is trimmed of ASCII space, tab and
// newline; before a line break the spaces (not tabs) that end the line go, after it the spaces and tabs that begin
// the next. The sanitizer then writes <br /> and escapes &, < and > in text (quotes stay as typed).
const BLANK_LINE = /^[ \t]*$/;
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraphsOf(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').split('\n');
  let html = '';
  for (let i = 0; i < lines.length; ) {
    if (BLANK_LINE.test(lines[i])) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !BLANK_LINE.test(lines[end])) end++;
    const parts = asciiTrim(lines.slice(i, end).join('\n')).split('\n');
    html += `<p>${parts
      .map((part, n) => {
        const line = n > 0 ? part.replace(/^[ \t]+/, '') : part;
        return escapeText(n < parts.length - 1 ? line.replace(/ +$/, '') : line);
      })
      .join('<br />\n')}</p>\n`;
    i = end;
  }
  return html;
}

const asciiTrim = (s: string) => s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
