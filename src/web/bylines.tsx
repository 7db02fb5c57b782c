// "By A, B and C", each name linking to the author's page; a wire story without staff authors is "By dpa".
import type { Byline } from '../modules/articles/index.ts';
import { authorPath } from './site.ts';

export function Bylines({ authors, credit = '' }: { authors: Byline[]; credit?: string }) {
  if (authors.length === 0) return credit ? <span class="byline">By {credit}</span> : null;
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
