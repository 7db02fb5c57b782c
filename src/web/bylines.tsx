// "By A, B and C", each name linking to the author's page.
import type { Byline } from '../modules/articles/index.ts';
import { authorPath } from './site.ts';

export function Bylines({ authors }: { authors: Byline[] }) {
  if (authors.length === 0) return null;
  return (
    <span class="byline">
      By{' '}
      {authors.map((a, i) => (
        <>
          {i > 0 && (i === authors.length - 1 ? ' and ' : ', ')}
          <a href={authorPath(a.slug)} rel="author">{a.name}</a>
        </>
      ))}
    </span>
  );
}
