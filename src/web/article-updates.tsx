// An article's updates and corrections as readers see them: newest first, each with its time in the newsroom's
// zone; corrections marked as such.
import type { ArticleUpdate } from '../modules/updates/index.ts';
import { formatDate, type SiteView } from './site.ts';

export function ArticleUpdates({ site, updates }: { site: SiteView; updates: ArticleUpdate[] }) {
  if (updates.length === 0) return null;
  return (
    <aside class="article-updates" aria-labelledby="article-updates-title">
      <h2 id="article-updates-title" class="visually-hidden">
        {site.i18n.t('updates.title')}
      </h2>
      <ul>
        {updates.map((u) => (
          <li class={u.kind === 'correction' ? 'article-update correction' : 'article-update'} id={`update-${u.id}`}>
            <strong class="update-kind">
              {site.i18n.t(u.kind === 'correction' ? 'updates.correction' : 'updates.update')}
            </strong>{' '}
            <time datetime={u.createdAt.toISOString()}>{formatDate(site, u.createdAt, true)}</time>: {u.note}
          </li>
        ))}
      </ul>
    </aside>
  );
}
