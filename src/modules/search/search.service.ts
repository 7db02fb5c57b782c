// Reader search: the reader's words and filters checked and turned into one query over what is public now.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import { wallTimeToInstant } from '../../platform/zoned-time.ts';
import { findArticlesByIds, type Article } from '../articles/index.ts';
import { findUserBySlug } from '../people/index.ts';
import { findSectionBySlug, type Section } from '../sections/index.ts';
import { currentSettings } from '../settings/index.ts';
import {
  MARK_END,
  MARK_START,
  findSearchBound,
  searchArticles,
  toFtsQuery,
  type SearchBound,
  type SearchFilter,
} from './search.repository.ts';

export const RESULTS_PER_PAGE = 10;
/** Deeper pages cost the database more than any reader needs: narrow the search instead. */
export const MAX_PAGE = 50;
export const MAX_QUERY_LENGTH = 200;
/** The newest this many matches are ranked and counted: every page a reader may ask for, and no more. */
export const MAX_RESULTS = MAX_PAGE * RESULTS_PER_PAGE;

export interface SearchInput {
  /** Only the articles of one language's edition (/es/search); every language without it (the API). */
  language?: { tag: string; isDefault: boolean };
  /** The reader's words; "quoted phrases" and -excluded words are understood. */
  q: string;
  /** Section slug. */
  section?: string;
  /** Author slug. */
  author?: string;
  /** YYYY-MM-DD, in the site's time zone, inclusive. */
  from?: string;
  to?: string;
  sort?: 'relevance' | 'newest';
  page: number;
}

/** A piece of a headline or snippet; `mark` when it is what the reader looked for. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface SearchResult {
  article: Article;
  headline: Segment[];
  snippet: Segment[];
}

export interface SearchOutcome {
  results: SearchResult[];
  /** Matches counted, at most MAX_RESULTS. */
  total: number;
  /** More articles matched than MAX_RESULTS: only the newest of them were ranked. */
  more: boolean;
  /**
   * Older articles may match but were not searched: only the newest matches of the words were read ('words': more
   * specific words reach further back), or only the newest articles under the filters ('dates': an earlier "to" date
   * does).
   */
  olderUnsearched?: SearchBound;
  page: number;
  pages: number;
  section?: Section;
  author?: { slug: string; name: string };
  /** False when the words hold nothing to look for (only punctuation, or nothing at all). */
  searched: boolean;
}

/** Splits text marked by the engine into plain and matched pieces; the markers never reach a page. */
export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  let text = '';
  const flush = () => {
    if (text) out.push({ text, mark });
    text = '';
  };
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      mark = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  flush();
  return out;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(field: 'from' | 'to', value: string, timeZone: string): Date {
  const instant = DAY.test(value) ? wallTimeToInstant(`${value}T00:00`, timeZone) : undefined;
  if (!instant)
    throw invalid({
      field,
      code: 'invalid_date',
      message: `"${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.`,
      values: {
        value,
      },
    });
  return instant;
}

const nextDay = (day: string) =>
  new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1)).toISOString().slice(0, 10);

/** Published articles matching the words and filters, best match first unless newest first is asked for. */
export async function searchPublicArticles(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'pageCache'>,
  input: SearchInput,
): Promise<SearchOutcome> {
  const q = input.q.trim();
  if (q.length > MAX_QUERY_LENGTH)
    throw invalid({
      field: 'q',
      code: 'query_too_long',
      message: `Search for at most ${MAX_QUERY_LENGTH} characters.`,
      values: {
        max: MAX_QUERY_LENGTH,
      },
    });
  if (!Number.isInteger(input.page) || input.page < 1 || input.page > MAX_PAGE) {
    throw invalid({
      field: 'page',
      code: 'invalid_page',
      message: `The page must be a whole number from 1 to ${MAX_PAGE}; for older results, narrow the search by date.`,
      values: { max: MAX_PAGE },
    });
  }
  const settings = await currentSettings(deps);
  const section = input.section ? await findSectionBySlug(deps.db, input.section) : undefined;
  if (input.section && !section)
    throw invalid({
      field: 'section',
      code: 'unknown_section',
      message: `There is no section with the slug "${input.section}".`,
      values: {
        slug: input.section,
      },
    });
  const author = input.author ? await findUserBySlug(deps.db, input.author) : undefined;
  if (input.author && !author)
    throw invalid({
      field: 'author',
      code: 'unknown_author',
      message: `There is no author with the slug "${input.author}".`,
      values: {
        slug: input.author,
      },
    });
  const from = input.from ? dayStart('from', input.from, settings.timeZone) : undefined;
  const to = input.to ? dayStart('to', input.to, settings.timeZone) : undefined;
  // "To" is the whole of that day: up to the start of the next one.
  const until = to && wallTimeToInstant(`${nextDay(input.to!)}T00:00`, settings.timeZone);
  if (from && to && from > to)
    throw invalid('to', 'dates_reversed', 'The end date comes before the start date; swap them.');
  const base = { page: input.page, section, author: author && { slug: author.slug, name: author.name } };

  const fts = toFtsQuery(q);
  if (!fts) return { ...base, results: [], total: 0, more: false, pages: 0, searched: false };
  const filter: SearchFilter = {
    match: deps.dialect === 'sqlite' ? fts : q,
    language: input.language,
    queryLanguages: input.language ? [input.language.tag] : [...new Set([settings.language, ...settings.languages])],
    sectionId: section?.id,
    authorId: author?.id,
    from: from && iso(from),
    until: until && iso(until),
    now: iso(deps.clock.now()),
    sort: input.sort ?? 'relevance',
    limit: RESULTS_PER_PAGE,
    offset: (input.page - 1) * RESULTS_PER_PAGE,
    candidates: MAX_RESULTS,
  };
  const { rows, total: counted } = await searchArticles(deps.db, deps.dialect, filter);
  const total = Math.min(counted, MAX_RESULTS);
  // Fewer than the bound found: perhaps because only the newest rows were read (see search.repository.ts).
  const older = counted <= MAX_RESULTS ? await findSearchBound(deps.db, deps.dialect, filter) : undefined;
  const articles = await findArticlesByIds(
    deps,
    rows.map((r) => r.article_id),
  );
  const byId = new Map(articles.map((a) => [a.id, a]));
  const results = rows.flatMap((r) => {
    const article = byId.get(r.article_id);
    if (!article) return [];
    const snippet = segments(r.snippet);
    const headline = segments(r.headline);
    return [
      {
        article,
        headline: headline.length ? headline : [{ text: article.headline, mark: false }],
        snippet: snippet.length ? snippet : [{ text: article.excerpt, mark: false }],
      },
    ];
  });
  return {
    ...base,
    results,
    total,
    more: counted > MAX_RESULTS,
    olderUnsearched: older,
    pages: Math.min(MAX_PAGE, Math.ceil(total / RESULTS_PER_PAGE)),
    searched: true,
  };
}
