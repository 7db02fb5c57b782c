// Newer/older links for a paged list; page 1 has no query so its URL stays canonical.
export function Pagination({ path, page, pages }: { path: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && <a href={href(page - 1)} rel="prev">← Newer</a>}
      <span>Page {page} of {pages}</span>
      {page < pages && <a href={href(page + 1)} rel="next">Older →</a>}
    </nav>
  );
}
