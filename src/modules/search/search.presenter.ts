// Maps search results to the JSON shape and to the search page's view data.
import { escapeHtml } from '../../platform/text.ts';
import type { SearchResultView } from '../../web/pages/search-page.tsx';
import { articlePath } from '../../platform/paths.ts';
import type { Segment, SearchResult } from './search.service.ts';

/** Escaped text with the matches in <mark>: built from the pieces, so article text can never become markup. */
export const markedHtml = (parts: Segment[]): string =>
  parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');

export const plainText = (parts: Segment[]): string => parts.map((p) => p.text).join('');

export const searchResultView = (r: SearchResult): SearchResultView => ({
  path: articlePath(r.article.slug),
  headline: r.headline,
  snippet: r.snippet,
  section: r.article.section?.name,
  publishedAt: r.article.publishedAt,
  authors: r.article.authors,
  credit: r.article.sourceCredit,
});
