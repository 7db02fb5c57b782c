// The desk's list of articles: filters by status, section, author and words in the headline, sorting and pages.
import type { Article } from '../../modules/articles/index.ts';
import type { Section } from '../../modules/sections/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { Pagination } from '../pagination.tsx';
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
  i18n,
  id,
  counts,
  link,
}: {
  i18n: Translator;
  id: string;
  counts?: { pending: number; approved: number };
  link: boolean;
}) {
  const { pending = 0, approved = 0 } = counts ?? {};
  const queue = (which: string) => `/admin/moderation?queue=${which}&article=${encodeURIComponent(id)}`;
  const shown = i18n.t('desk.list.approved', { count: approved });
  const waiting = i18n.t('desk.list.pending', { count: pending });
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
  const { i18n } = chrome;
  return (
    <DeskLayout chrome={chrome} title={i18n.t('desk.list.title')} notice={notice}>
      <form method="get" action="/admin/articles" class="filters" aria-label={i18n.t('desk.list.filterLabel')}>
        <label>
          {i18n.t('desk.list.status')}{' '}
          <select name="status">
            <option value="">{i18n.t('desk.list.allButTrash')}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {i18n.t('desk.list.statusFilter', { status: s })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('desk.list.section')}{' '}
          <select name="section">
            <option value="">{i18n.t('desk.list.allSections')}</option>
            {sections.map((s) => (
              <option value={s.slug} selected={f.section === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('desk.list.author')}{' '}
          <select name="author">
            <option value="">{i18n.t('desk.list.allAuthors')}</option>
            {people.map((p) => (
              <option value={p.id} selected={f.author === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('desk.list.headlineContains')} <input name="q" type="search" value={f.q ?? ''} />
        </label>
        <label>
          {i18n.t('desk.list.sort')}{' '}
          <select name="sort">
            <option value="newest" selected={f.sort === 'newest'}>
              {i18n.t('desk.list.sortNewest')}
            </option>
            <option value="updated" selected={f.sort === 'updated'}>
              {i18n.t('desk.list.sortUpdated')}
            </option>
            <option value="headline" selected={f.sort === 'headline'}>
              {i18n.t('desk.list.sortHeadline')}
            </option>
          </select>
        </label>
        <button type="submit">{i18n.t('desk.list.filter')}</button>
      </form>
      <p>{i18n.t('desk.list.count', { count: list.total })}</p>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">{i18n.t('desk.list.headline')}</th>
            <th scope="col">{i18n.t('desk.list.status')}</th>
            <th scope="col">{i18n.t('desk.list.authors')}</th>
            <th scope="col">{i18n.t('desk.list.section')}</th>
            <th scope="col">{i18n.t('desk.list.date')}</th>
            <th scope="col">{i18n.t('desk.list.comments')}</th>
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
                <span class={`status status-${a.status}`}>{i18n.t('desk.status.name', { status: a.status })}</span>
              </td>
              <td>{a.authors.length > 0 ? a.authors.map((x) => x.name).join(', ') : a.sourceCredit}</td>
              <td>{a.section?.name ?? ''}</td>
              <td>
                {a.publishedAt ? (
                  <time datetime={a.publishedAt.toISOString()}>{i18n.date(a.publishedAt, true)}</time>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <CommentCounts i18n={i18n} id={a.id} counts={comments.counts.get(a.id)} link={comments.mayModerate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination site={{ ...chrome.site, i18n }} path={path} page={list.page} pages={list.pages} />
    </DeskLayout>
  );
}
