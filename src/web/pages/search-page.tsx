// The search page: the form with its filters, the results with the reader's words marked, and help when nothing matched.
import type { Byline } from '../../modules/articles/index.ts';
import { Bylines } from '../bylines.tsx';
import { ErrorSummary, fieldErrors } from '../form-errors.tsx';
import { Layout } from '../layout.tsx';
import { editionPath, formatDate, sectionPath, type SiteView } from '../site.ts';

/** A piece of text; `mark` when it is what the reader looked for. Rendered as text, so it can hold no markup. */
export interface MarkedText {
  text: string;
  mark: boolean;
}

export interface SearchResultView {
  path: string;
  headline: MarkedText[];
  snippet: MarkedText[];
  section?: string;
  publishedAt: Date | null;
  authors: Byline[];
  /** The source credit: the byline of a wire story without staff authors. */
  credit?: string;
}

export interface SearchForm {
  q: string;
  section: string;
  author: string;
  from: string;
  to: string;
  sort: string;
}

export interface SearchPageView {
  site: SiteView;
  form: SearchForm;
  /** The author a search is narrowed to, by name. */
  authorName?: string;
  error?: { field?: string; message: string };
  /** Whether the words held anything to look for. */
  searched: boolean;
  results: SearchResultView[];
  total: number;
  /** More matched than `total`: only the newest were ranked. */
  more?: boolean;
  /** Older articles went unsearched: what reaches them (see SearchOutcome). */
  olderUnsearched?: 'words' | 'dates';
  page: number;
  pages: number;
}

const Marked = ({ parts }: { parts: MarkedText[] }) => (
  <>{parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>
);

/** The address of this search with some fields changed; empty fields are left out. */
export function searchHref(form: SearchForm, changes: Partial<SearchForm> & { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...changes }))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  return `/search?${params.toString()}`;
}

/** The form's controls by the fields its errors name. */
const SEARCH_FIELD_IDS = {
  q: 'search-q',
  section: 'search-section',
  from: 'search-from',
  to: 'search-to',
  sort: 'search-sort',
};

export function SearchPage(view: SearchPageView) {
  const { site, form, error, results, total, page, pages } = view;
  const { i18n } = site;
  const title = form.q ? i18n.t('search.titleWithWords', { words: form.q }) : i18n.t('search.title');
  const filtered = Boolean(form.section || form.author || form.from || form.to);
  const older =
    view.olderUnsearched && i18n.t(view.olderUnsearched === 'words' ? 'search.olderByWords' : 'search.olderByDates');
  const errors = fieldErrors(error, 'search-');
  const invalidIf = (field: string) => errors.control(field);
  const beside = (field: string) => errors.message(field, { inline: true });
  return (
    <Layout site={site} title={title} head={<meta name="robots" content="noindex, follow" />}>
      <h1 class="list-title">{i18n.t('search.title')}</h1>
      <form class="search-page-form" action={editionPath(site, '/search')} method="get" role="search">
        <ErrorSummary problem={error} ids={SEARCH_FIELD_IDS} title={site.i18n.t('form.problem')} />
        <p class="field">
          <label for="search-q">{i18n.t('search.words')}</label>
          <input id="search-q" type="search" name="q" value={form.q} maxLength={200} {...invalidIf('q')} />
          {beside('q')}
        </p>
        <div class="search-filters">
          <p class="field">
            <label for="search-section">{i18n.t('search.section')}</label>
            <select id="search-section" name="section" {...invalidIf('section')}>
              <option value="">{i18n.t('search.allSections')}</option>
              {site.sections.map((s) => (
                <option value={s.slug} selected={s.slug === form.section}>
                  {s.name}
                </option>
              ))}
            </select>
            {beside('section')}
          </p>
          <p class="field">
            <label for="search-from">{i18n.t('search.from')}</label>
            <input id="search-from" type="date" name="from" value={form.from} {...invalidIf('from')} />
            {beside('from')}
          </p>
          <p class="field">
            <label for="search-to">{i18n.t('search.to')}</label>
            <input id="search-to" type="date" name="to" value={form.to} {...invalidIf('to')} />
            {beside('to')}
          </p>
          <p class="field">
            <label for="search-sort">{i18n.t('search.order')}</label>
            <select id="search-sort" name="sort" {...invalidIf('sort')}>
              <option value="">{i18n.t('search.bestMatch')}</option>
              <option value="newest" selected={form.sort === 'newest'}>
                {i18n.t('search.newest')}
              </option>
            </select>
            {beside('sort')}
          </p>
        </div>
        {form.author && <input type="hidden" name="author" value={form.author} />}
        {form.author && (
          <p class="search-author">
            {i18n.rich('search.byAuthor', {
              name: view.authorName ?? form.author,
              a: (c) => <a href={searchHref(form, { author: '' })}>{c}</a>,
            })}
          </p>
        )}
        <p>
          <button type="submit">{i18n.t('search.submit')}</button>
        </p>
      </form>
      {!error && view.searched && total > 0 && (
        <>
          <p class="search-count" role="status">
            {i18n.t(view.more ? 'search.countMore' : 'search.count', { total, words: form.q })}
            {older && ` ${older}`}
          </p>
          <ol class="search-results" start={(page - 1) * 10 + 1}>
            {results.map((r) => (
              <li class="search-result">
                {r.section && <p class="kicker">{r.section}</p>}
                <h2 class="card-headline">
                  <a href={r.path}>
                    <Marked parts={r.headline} />
                  </a>
                </h2>
                <p class="excerpt">
                  <Marked parts={r.snippet} />
                </p>
                <p class="meta">
                  <Bylines site={site} authors={r.authors} credit={r.credit} />
                  {r.publishedAt && (
                    <>
                      {' '}
                      · <time datetime={r.publishedAt.toISOString()}>{formatDate(site, r.publishedAt)}</time>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav class="pagination" aria-label={i18n.t('search.pagesLabel')}>
              {page > 1 && (
                <a href={searchHref(form, { page: page - 1 })} rel="prev">
                  {i18n.t('search.better')}
                </a>
              )}
              <span>{i18n.t('pagination.pageOf', { page, pages })}</span>
              {page < pages && (
                <a href={searchHref(form, { page: page + 1 })} rel="next">
                  {i18n.t('search.more')}
                </a>
              )}
            </nav>
          )}
        </>
      )}
      {!error && view.searched && total === 0 && (
        <section class="no-results" aria-labelledby="no-results-title">
          <h2 id="no-results-title">{i18n.t('search.nothing', { words: form.q })}</h2>
          <ul>
            <li>{i18n.t('search.tipSpelling')}</li>
            {older && <li>{older}</li>}
            <li>{i18n.t('search.tipFewer')}</li>
            {filtered && (
              <li>
                {i18n.rich('search.tipAll', {
                  a: (c) => <a href={searchHref({ ...form, section: '', author: '', from: '', to: '' })}>{c}</a>,
                })}
              </li>
            )}
          </ul>
          {site.sections.length > 0 && (
            <p>
              {i18n.rich('search.browse', {
                sections: (
                  <>
                    {site.sections.map((s, i) => (
                      <>
                        {i > 0 && ', '}
                        <a href={sectionPath(s.slug)}>{s.name}</a>
                      </>
                    ))}
                  </>
                ),
              })}
            </p>
          )}
          <p>{i18n.rich('search.latest', { a: (c) => <a href="/">{c}</a> })}</p>
        </section>
      )}
      {!error && !view.searched && form.q !== '' && <p role="status">{i18n.t('search.typeSomething')}</p>}
    </Layout>
  );
}
