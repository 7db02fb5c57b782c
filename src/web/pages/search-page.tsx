// The search page: the form with its filters, the results with the reader's words marked, and help when nothing matched.
import type { Byline } from '../../modules/articles/index.ts';
import { Bylines } from '../bylines.tsx';
import { ErrorSummary, fieldErrors } from '../form-errors.tsx';
import { Layout } from '../layout.tsx';
import { formatDate, sectionPath, type SiteView } from '../site.ts';

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
  page: number;
  pages: number;
}

const Marked = ({ parts }: { parts: MarkedText[] }) => <>{parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;

/** The address of this search with some fields changed; empty fields are left out. */
export function searchHref(form: SearchForm, changes: Partial<SearchForm> & { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...changes })) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  return `/search?${params.toString()}`;
}

/** The form's controls by the fields its errors name. */
const SEARCH_FIELD_IDS = { q: 'search-q', section: 'search-section', from: 'search-from', to: 'search-to', sort: 'search-sort' };

export function SearchPage(view: SearchPageView) {
  const { site, form, error, results, total, page, pages } = view;
  const title = form.q ? `Search: ${form.q}` : 'Search';
  const filtered = Boolean(form.section || form.author || form.from || form.to);
  const errors = fieldErrors(error, 'search-');
  const invalidIf = (field: string) => errors.control(field);
  const beside = (field: string) => errors.message(field, { inline: true });
  return (
    <Layout site={site} title={title} head={<meta name="robots" content="noindex, follow" />}>
      <h1 class="list-title">Search</h1>
      <form class="search-page-form" action="/search" method="get" role="search">
        <ErrorSummary problem={error} ids={SEARCH_FIELD_IDS} />
        <p class="field">
          <label for="search-q">Words to find</label>
          <input id="search-q" type="search" name="q" value={form.q} maxLength={200} {...invalidIf('q')} />{beside('q')}
        </p>
        <div class="search-filters">
          <p class="field">
            <label for="search-section">Section</label>
            <select id="search-section" name="section" {...invalidIf('section')}>
              <option value="">All sections</option>
              {site.sections.map((s) => <option value={s.slug} selected={s.slug === form.section}>{s.name}</option>)}
            </select>{beside('section')}
          </p>
          <p class="field">
            <label for="search-from">From</label>
            <input id="search-from" type="date" name="from" value={form.from} {...invalidIf('from')} />{beside('from')}
          </p>
          <p class="field">
            <label for="search-to">To</label>
            <input id="search-to" type="date" name="to" value={form.to} {...invalidIf('to')} />{beside('to')}
          </p>
          <p class="field">
            <label for="search-sort">Order</label>
            <select id="search-sort" name="sort" {...invalidIf('sort')}>
              <option value="">Best match</option>
              <option value="newest" selected={form.sort === 'newest'}>Newest first</option>
            </select>{beside('sort')}
          </p>
        </div>
        {form.author && <input type="hidden" name="author" value={form.author} />}
        {form.author && <p class="search-author">By {view.authorName ?? form.author} · <a href={searchHref(form, { author: '' })}>any author</a></p>}
        <p><button type="submit">Search</button></p>
      </form>
      {!error && view.searched && total > 0 && (
        <>
          <p class="search-count" role="status">{total === 1 ? 'One article' : `${total.toLocaleString('en')} articles`} found for “{form.q}”.</p>
          <ol class="search-results" start={(page - 1) * 10 + 1}>
            {results.map((r) => (
              <li class="search-result">
                {r.section && <p class="kicker">{r.section}</p>}
                <h2 class="card-headline"><a href={r.path}><Marked parts={r.headline} /></a></h2>
                <p class="excerpt"><Marked parts={r.snippet} /></p>
                <p class="meta">
                  <Bylines authors={r.authors} credit={r.credit} />
                  {r.publishedAt && <> · <time datetime={r.publishedAt.toISOString()}>{formatDate(site, r.publishedAt)}</time></>}
                </p>
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav class="pagination" aria-label="Pages of results">
              {page > 1 && <a href={searchHref(form, { page: page - 1 })} rel="prev">← Better matches</a>}
              <span>Page {page} of {pages}</span>
              {page < pages && <a href={searchHref(form, { page: page + 1 })} rel="next">More results →</a>}
            </nav>
          )}
        </>
      )}
      {!error && view.searched && total === 0 && (
        <section class="no-results" aria-labelledby="no-results-title">
          <h2 id="no-results-title">Nothing found for “{form.q}”</h2>
          <ul>
            <li>Check the spelling, or try another word for the same thing.</li>
            <li>Use fewer words: every word must appear in an article for it to be found.</li>
            {filtered && <li><a href={searchHref({ ...form, section: '', author: '', from: '', to: '' })}>Search all sections and dates</a> instead.</li>}
          </ul>
          {site.sections.length > 0 && (
            <p>Or browse a section: {site.sections.map((s, i) => <>{i > 0 && ', '}<a href={sectionPath(s.slug)}>{s.name}</a></>)}.</p>
          )}
          <p><a href="/">See the latest news</a>.</p>
        </section>
      )}
      {!error && !view.searched && form.q !== '' && <p role="status">Type a word to look for: letters or digits.</p>}
    </Layout>
  );
}
