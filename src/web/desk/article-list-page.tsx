// The desk's list of articles: filters by status, section, author and words in the headline, sorting and pages.
import type { Article } from '../../modules/articles/index.ts';
import type { Section } from '../../modules/sections/index.ts';
import { Pagination } from '../pagination.tsx';
import { formatDate } from '../site.ts';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

/** The filters as the person set them (the query of the page's address). */
export interface ArticleListFilters {
  status?: string;
  section?: string;
  author?: string;
  q?: string;
  sort: string;
}

interface Props {
  chrome: DeskChrome;
  list: { articles: Article[]; total: number; page: number; pages: number };
  sections: Section[];
  people: { id: string; name: string }[];
  filters: ArticleListFilters;
  /** The list's address with its filters, for the links between pages. */
  path: string;
  /** Articles in the trash open in the editor only for those who may restore or delete them. */
  mayDelete: boolean;
  /** Each article's comments waiting and shown; linked to the moderation queue for those who moderate. */
  comments: { counts: Map<string, { pending: number; approved: number }>; mayModerate: boolean };
  notice?: string;
}

function CommentCounts({
  id,
  counts,
  link,
}: {
  id: string;
  counts?: { pending: number; approved: number };
  link: boolean;
}) {
  const { pending = 0, approved = 0 } = counts ?? {};
  const queue = (which: string) => `/admin/moderation?queue=${which}&article=${encodeURIComponent(id)}`;
  const shown = `${approved} approved`;
  const waiting = `${pending} pending`;
  if (!link)
    return (
      <span class="comment-counts">
        {shown} · {waiting}
      </span>
    );
  return (
    <span class="comment-counts">
      <a href={queue('recent')}>{shown}</a> ·{' '}
      {pending > 0 ? (
        <a href={queue('pending')} class="pending-count">
          {waiting}
        </a>
      ) : (
        waiting
      )}
    </span>
  );
}

const STATUSES = ['draft', 'pending', 'scheduled', 'published', 'trash'];

export function ArticleListPage({
  chrome,
  list,
  sections,
  people,
  filters: f,
  path,
  mayDelete,
  comments,
  notice,
}: Props) {
  return (
    <DeskLayout chrome={chrome} title="Articles" notice={notice}>
      <form method="get" action="/admin/articles" class="filters" aria-label="Filter articles">
        <label>
          Status{' '}
          <select name="status">
            <option value="">All but the trash</option>
            {STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {s === 'pending' ? 'pending review' : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Section{' '}
          <select name="section">
            <option value="">All</option>
            {sections.map((s) => (
              <option value={s.slug} selected={f.section === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Author{' '}
          <select name="author">
            <option value="">All</option>
            {people.map((p) => (
              <option value={p.id} selected={f.author === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Headline contains <input name="q" type="search" value={f.q ?? ''} />
        </label>
        <label>
          Sort{' '}
          <select name="sort">
            <option value="newest" selected={f.sort === 'newest'}>
              Newest
            </option>
            <option value="updated" selected={f.sort === 'updated'}>
              Last changed
            </option>
            <option value="headline" selected={f.sort === 'headline'}>
              Headline A–Z
            </option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        {list.total} {list.total === 1 ? 'article' : 'articles'}
      </p>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">Headline</th>
            <th scope="col">Status</th>
            <th scope="col">Authors</th>
            <th scope="col">Section</th>
            <th scope="col">Date</th>
            <th scope="col">Comments</th>
          </tr>
        </thead>
        <tbody>
          {list.articles.map((a) => (
            <tr>
              <td>
                {a.status === 'trash' && !mayDelete ? (
                  a.headline
                ) : (
                  <a href={`/admin/articles/${a.id}/edit`}>{a.headline}</a>
                )}
              </td>
              <td>
                <span class={`status status-${a.status}`}>{a.status}</span>
              </td>
              <td>{a.authors.length > 0 ? a.authors.map((x) => x.name).join(', ') : a.sourceCredit}</td>
              <td>{a.section?.name ?? ''}</td>
              <td>
                {a.publishedAt ? (
                  <time datetime={a.publishedAt.toISOString()}>{formatDate(chrome.site, a.publishedAt, true)}</time>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <CommentCounts id={a.id} counts={comments.counts.get(a.id)} link={comments.mayModerate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination site={chrome.site} path={path} page={list.page} pages={list.pages} />
    </DeskLayout>
  );
}
