// "By A, B and C" (in the page's language), each name linking to the author's page; a wire story without staff
// authors is "By dpa".
import type { Byline } from '../modules/articles/index.ts';
import { authorPath, type SiteView } from './site.ts';

export function Bylines({ site, authors, credit = '' }: { site: SiteView; authors: Byline[]; credit?: string }) {
  if (authors.length === 0)
    return credit ? <span class="byline">{site.i18n.rich('byline.by', { authors: <>{credit}</> })}</span> : null;
  const links = authors.map((a) => (
    <a href={authorPath(a.slug)} rel="author">
      {a.name}
    </a>
  ));
  return <span class="byline">{site.i18n.rich('byline.by', { authors: <>{site.i18n.list(links)}</> })}</span>;
}
