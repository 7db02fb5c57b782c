// Newer/older links for a paged list; page 1 has no query so its URL stays canonical.
export function Pagination({ path, page, pages, more = false }: { path: string; page: number; pages: number; more?: boolean }) {
  if (pages <= 1 && !more) return null;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && <a href={href(page - 1)} rel="prev">← Newer</a>}
      {/* A long list is counted only a few pages ahead: its last page is not named. */}
      <span>{more ? `Page ${page}` : `Page ${page} of ${pages}`}</span>
      {(page < pages || more) && <a href={href(page + 1)} rel="next">Older →</a>}
    </nav>
  );
}
