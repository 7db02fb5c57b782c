// Newer/older links for a paged list; page 1 has no query so its URL stays canonical.
import type { SiteView } from './site.ts';

export function Pagination({
  site,
  path,
  page,
  pages,
  more = false,
}: {
  site: SiteView;
  path: string;
  page: number;
  pages: number;
  more?: boolean;
}) {
  if (pages <= 1 && !more) return null;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  return (
    <nav class="pagination" aria-label={site.i18n.t('pagination.label')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {site.i18n.t('pagination.newer')}
        </a>
      )}
      {/* A long list is counted only a few pages ahead: its last page is not named. */}
      <span>{more ? site.i18n.t('pagination.page', { page }) : site.i18n.t('pagination.pageOf', { page, pages })}</span>
      {(page < pages || more) && (
        <a href={href(page + 1)} rel="next">
          {site.i18n.t('pagination.older')}
        </a>
      )}
    </nav>
  );
}
