// The article's body as printed: the dateline opens the first paragraph ("HAVANA TIMES – Russian President…").
import { render } from 'preact-render-to-string';
import type { Article } from '../modules/articles/index.ts';

/** The dateline as readers see it, without the dash the desk may have typed after it. */
export const datelineText = (dateline: string) => dateline.replace(/\s*[–—-]\s*$/, '');

/** The body's HTML with the dateline opening its first paragraph. */
export function bodyWithDateline(article: Pick<Article, 'dateline' | 'bodyHtml'>): string {
  if (!article.dateline) return article.bodyHtml;
  const dateline = render(<span class="dateline">{datelineText(article.dateline)} – </span>);
  return article.bodyHtml.startsWith('<p>')
    ? `<p>${dateline}${article.bodyHtml.slice(3)}`
    : `<p>${dateline}</p>${article.bodyHtml}`;
}
