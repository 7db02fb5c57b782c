// All SQL of reader search. The one place that branches on the engine: FTS5 with bm25 on SQLite, a tsvector with
// ts_rank_cd on PostgreSQL. Matches come back wrapped in \u0002 … \u0003, which indexed text never holds.
import { inEditionLanguage, type EditionLanguage } from '../../platform/db/edition-language.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import { PLANNED_PER_RUN } from '../../platform/db/named-statements.ts';

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
/**
 * How many rows a search reads, at most, for each candidate it ranks: on SQLite the newest matches of the words, on
 * PostgreSQL (a narrowed search for a common word) the newest articles the filters keep.
 */
const SCANNED_PER_CANDIDATE = 20;
/** PostgreSQL: a search for words with at most this many matches looks at every one of them (see postgresCandidates). */
const RARE_MATCHES = 1000;

export interface SearchFilter {
  /** For SQLite, an FTS5 query built by toFtsQuery; for PostgreSQL, the reader's words for websearch_to_tsquery. */
  match: string;
  /** Only articles in the language (and those with none, when it is the site's default). */
  language?: EditionLanguage;
  /**
   * PostgreSQL: the languages whose stemming reads the reader's words (a document is stemmed in its article's
   * language): the edition's, or every site language when searching them all.
   */
  queryLanguages: string[];
  sectionId?: string;
  authorId?: string;
  /** ISO instants: published at or after `from`, before `until`. */
  from?: string;
  until?: string;
  /** Only what is public at this instant. */
  now: string;
  sort: 'relevance' | 'newest';
  limit: number;
  offset: number;
  /**
   * How many matches are ranked at most: the newest ones. A word in every twentieth article matches 50,000 of a
   * million, and ranking them all would make a search slower as the archive grows; the reader never pages past
   * this many anyway (MAX_PAGE).
   */
  candidates: number;
  /** How many rows are read to find the candidates, at most (see SCANNED_PER_CANDIDATE); tests set it small. */
  scanned?: number;
  /** See RARE_MATCHES; tests set it small. */
  rareMatches?: number;
}

/** What a reader can change to reach older articles that a search left unread (see findSearchBound). */
export type SearchBound = 'words' | 'dates';

/** A search's bounds: the filter's own (a test's), or the defaults. */
const boundsOf = (f: SearchFilter) => ({
  scanned: f.scanned ?? f.candidates * SCANNED_PER_CANDIDATE,
  rare: f.rareMatches ?? RARE_MATCHES,
});

export interface SearchRow {
  article_id: string;
  headline: string;
  snippet: string;
}

/** What every search must satisfy, whatever it matched: published, public by now, an article, and the filters. */
function visible(f: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    sql`a.status = 'published'`,
    sql`a.published_at <= ${f.now}`,
    sql`a.kind = 'article'`,
  ];
  if (f.language) parts.push(inEditionLanguage('a', f.language));
  if (f.sectionId) parts.push(sql`a.section_id = ${f.sectionId}`);
  if (f.authorId)
    parts.push(
      sql`exists (select 1 from article_authors aa where aa.article_id = a.id and aa.user_id = ${f.authorId})`,
    );
  if (f.from) parts.push(sql`a.published_at >= ${f.from}`);
  if (f.until) parts.push(sql`a.published_at < ${f.until}`);
  return sql.join(parts, sql` and `);
}

/**
 * A page of matching articles, best first (or newest first), with their total. Only the newest `candidates` matches
 * are ranked and counted, so the cost stays the same however many articles match: a total above `candidates`
 * comes back as `candidates + 1`, meaning "more than that".
 */
export async function searchArticles(
  db: Db,
  dialect: Dialect,
  f: SearchFilter,
): Promise<{ rows: SearchRow[]; total: number }> {
  return dialect === 'sqlite' ? searchSqlite(db, f) : searchPostgres(db, f);
}

async function searchSqlite(db: Db, f: SearchFilter) {
  // The matches are read off the FTS5 index newest document first (a document's rowid grows with its article's
  // creation), at most SCANNED_PER_CANDIDATE for each candidate: a filter that excludes most of a common word's
  // matches (a section, an author, a date range) would otherwise read every one of them. The first `candidates + 1`
  // that pass the filters are ranked. bm25 is computed as the matches are read, in that one scan: asked again for
  // the candidates' rowids (`rowid in (…)`), FTS5 read every match of the word and scored each, 0.9 s for a common
  // word at a million articles. Column weights: headline, subheadline, body, bylines, tags, dateline.
  const order =
    f.sort === 'newest' ? sql`c.published_at desc, c.id desc` : sql`c.score, c.published_at desc, c.id desc`;
  const score = f.sort === 'newest' ? sql`0` : sql`bm25(search_index, 10.0, 5.0, 1.0, 3.0, 4.0, 2.0)`;
  const matches = sql`select rowid as doc_id, ${score} as score from search_index where search_index match ${f.match}
    order by rowid desc limit ${boundsOf(f).scanned}`;
  const candidates = sql`select m.doc_id, m.score, d.article_id, a.id, a.published_at
    from (${matches}) m join search_documents d on d.doc_id = m.doc_id join articles a on a.id = d.article_id
    where ${visible(f)} order by m.doc_id desc limit ${f.candidates + 1}`;
  const page = await sql<{ doc_id: number; article_id: string; total: number }>`with c as materialized (${candidates})
    select c.doc_id, c.article_id, count(*) over () as total from c
    order by ${order} limit ${f.limit} offset ${f.offset}`.execute(db);
  const total = page.rows.length
    ? Number(page.rows[0].total)
    : f.offset === 0
      ? 0
      : Number((await sql<{ n: number }>`select count(*) as n from (${candidates})`.execute(db)).rows[0]?.n ?? 0);
  if (page.rows.length === 0) return { rows: [], total };
  // Headline marks and snippets for the page of results only.
  const marked = await sql<{ doc_id: number; headline: string; snippet: string }>`select rowid as doc_id,
      highlight(search_index, 0, char(2), char(3)) as headline, snippet(search_index, 2, char(2), char(3), '…', 32) as snippet
    from search_index where search_index match ${f.match} and rowid in (${sql.join(page.rows.map((r) => r.doc_id))})`.execute(
    db,
  );
  const byDoc = new Map(marked.rows.map((m) => [Number(m.doc_id), m]));
  const rows = page.rows.map((r) => ({
    article_id: r.article_id,
    headline: byDoc.get(Number(r.doc_id))?.headline ?? '',
    snippet: byDoc.get(Number(r.doc_id))?.snippet ?? '',
  }));
  return { rows, total };
}

/** What the best plan of each search statement on PostgreSQL depends on is its words: planned with them each time. */
const perRun = sql.raw(PLANNED_PER_RUN);

// ts_headline reads the whole body, so it runs only on the page of results, after ranking.
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=16, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The reader's words as a tsquery in each language's stemming, any of them matching: one language's words are the
 * edition's, and a search of every language finds a document by the stems of its own. A function in FROM, so the
 * query is computed once.
 */
function tsquery(f: SearchFilter): RawBuilder<unknown> {
  const parsed = f.queryLanguages.map(
    (language) => sql`websearch_to_tsquery(dateline_search_config(${language}), ${f.match})`,
  );
  return parsed.reduce((any, q) => sql`tsquery_or(${any}, ${q})`);
}

/**
 * The newest `candidates + 1` matches, newest first, with what ranking and marking need. Every search first reads at
 * most RARE_MATCHES + 1 matches of the words (`few`): when that is all of them, the filters sort out those few, the
 * whole archive searched. When there are more, it walks newest first and tests each document in turn:
 * - unnarrowed (a language edition included), through the documents' own copy of the publication time (the
 *   2026-12-12 migration), reading an article only for a match. Walked through the articles, each document was looked
 *   up by its article's id: 28 ms for "harbour" at a million articles, against 5 ms this way. The count comes first
 *   because that walk looks cheap to the planner for any word: for a word in one article it read all million
 *   documents (572 ms) where the GIN index has the one match;
 * - narrowed by section, author or dates, through the newest `scanned` articles the filters keep (keptArticles), as
 *   SQLite reads only the newest matches: a filter can exclude every match of a common word ("bridge" in sport), and
 *   an unbounded walk then tested every document of the section, 100,000 of them at a million articles (790 ms).
 */
function postgresCandidates(f: SearchFilter): RawBuilder<unknown> {
  const columns = sql`d.article_id, d.headline, d.body, d.document, d.config, q, a.published_at, a.id`;
  const newest = sql`order by a.published_at desc, a.id desc limit ${f.candidates + 1}`;
  const { rare, scanned } = boundsOf(f);
  // A count over `few` in WHERE is computed once (an InitPlan), so only one of the two branches reads anything. The
  // narrowed walk tests each article's document in its turn (a lateral subquery the planner may not flatten,
  // `offset 0`) and stops at the candidates: joined plainly, the planner read every match of the words to hash-join
  // them.
  const walk = narrowed(f)
    ? sql`select ${columns} from (${keptArticles(f, scanned)}) a
        cross join lateral (select d.*, q from search_documents d, ${tsquery(f)} q
          where d.article_id = a.id and d.document @@ q offset 0) d
      where (select count(*) from few) > ${rare} ${newest}`
    : sql`select ${columns} from search_documents d join articles a on a.id = d.article_id, ${tsquery(f)} q
      where (select count(*) from few) > ${rare} and d.document @@ q and d.published_at <= ${f.now} and ${visible(f)}
      order by d.published_at desc, d.article_id desc limit ${f.candidates + 1}`;
  return sql`select * from (
      (select ${columns} from few join search_documents d on d.article_id = few.article_id
        join articles a on a.id = d.article_id, ${tsquery(f)} q
      where (select count(*) from few) <= ${rare} and ${visible(f)} ${newest})
      union all
      (${walk})
    ) m order by m.published_at desc, m.id desc limit ${f.candidates + 1}`;
}

/**
 * The newest `limit` articles a narrowed search keeps (ids and publication times, newest first). An author's are
 * walked through their bylines' own copy of the publication time (the 2026-12-13 migration), so only that author's
 * articles are read. Walked through all articles, asking each whether the author wrote it, a word the author never
 * used tested half a million articles at a million for one writer in 50 (1.2 s).
 */
function keptArticles(f: SearchFilter, limit: number): RawBuilder<unknown> {
  if (!f.authorId)
    return sql`select a.id, a.published_at from articles a where ${visible(f)}
      order by a.published_at desc, a.id desc limit ${limit}`;
  // The time bounds again on the bylines' copy, where they start and end the index walk; visible() checks them too.
  const times = [sql`aa.published_at <= ${f.now}`];
  if (f.from) times.push(sql`aa.published_at >= ${f.from}`);
  if (f.until) times.push(sql`aa.published_at < ${f.until}`);
  return sql`select aa.article_id as id, aa.published_at from article_authors aa join articles a on a.id = aa.article_id
    where aa.user_id = ${f.authorId} and ${sql.join(times, sql` and `)} and ${visible({ ...f, authorId: undefined })}
    order by aa.published_at desc, aa.article_id desc limit ${limit}`;
}

// The edition's language alone does not narrow: on a one-language site it keeps every article, and the bounded walk
// would rank fewer of a word found in one article in a hundred than the unbounded one does. A bilingual site's
// edition can exclude most matches of a word; that case walks unbounded too.
const narrowed = (f: SearchFilter) => Boolean(f.sectionId || f.authorId || f.from || f.until);

/** The at most RARE_MATCHES + 1 matches a search looks at first (see postgresCandidates). */
const fewMatches = (f: SearchFilter) => sql`select d.article_id from search_documents d, ${tsquery(f)} q
  where d.document @@ q limit ${boundsOf(f).rare + 1}`;

/** `few` (fewMatches) as the first CTE of a search's statement. */
const fewMatchesCte = (f: SearchFilter) => sql`few as materialized (${fewMatches(f)}),`;

async function searchPostgres(db: Db, f: SearchFilter) {
  // Only the candidates are ranked, and their count is the total.
  const order =
    f.sort === 'newest'
      ? sql`c.published_at desc, c.id desc`
      : sql`ts_rank_cd(c.document, c.q) desc, c.published_at desc, c.id desc`;
  const rows = await sql<
    SearchRow & { total: number }
  >`${perRun}with ${fewMatchesCte(f)} c as materialized (${postgresCandidates(f)}),
    page as (
      select c.article_id, c.headline, c.body, c.config, c.q, count(*) over () as total, row_number() over (order by ${order}) as position
      from c order by ${order} limit ${f.limit} offset ${f.offset}
    )
    select article_id, total,
      ts_headline(config, headline, q, ${HEADLINE_OPTIONS}) as headline,
      ts_headline(config, body, q, ${SNIPPET_OPTIONS}) as snippet
    from page order by position`.execute(db);
  const total = rows.rows.length
    ? Number(rows.rows[0].total)
    : f.offset === 0
      ? 0
      : Number(
          (
            await sql<{
              n: number;
            }>`${perRun}with ${fewMatchesCte(f)} c as (${postgresCandidates(f)}) select count(*) as n from c`.execute(
              db,
            )
          ).rows[0]?.n ?? 0,
        );
  return { rows: rows.rows.map(({ article_id, headline, snippet }) => ({ article_id, headline, snippet })), total };
}

/**
 * Which bound, if any, left older articles unsearched in a search that found at most `candidates`: 'words' when
 * only the newest matches of the words were read (SQLite reads its matches before any filter, so only more
 * specific words reach further back), 'dates' when only the newest articles under the reader's filters were walked
 * (PostgreSQL, a narrowed search for a common word: the walk starts at the "to" date, so an earlier one reaches
 * further back). Each count stops one past its bound.
 */
export async function findSearchBound(db: Db, dialect: Dialect, f: SearchFilter): Promise<SearchBound | undefined> {
  const { rare, scanned } = boundsOf(f);
  if (dialect === 'sqlite') {
    const read = await sql<{ n: number }>`select count(*) as n from (select rowid from search_index
      where search_index match ${f.match} limit ${scanned + 1})`.execute(db);
    return Number(read.rows[0]?.n ?? 0) > scanned ? 'words' : undefined;
  }
  if (!narrowed(f)) return undefined;
  const counts = await sql<{ matches: number; kept: number }>`${perRun}select
      (select count(*) from (${fewMatches(f)}) m) as matches,
      (select count(*) from (${keptArticles(f, scanned + 1)}) k) as kept`.execute(db);
  const { matches, kept } = counts.rows[0] ?? { matches: 0, kept: 0 };
  return Number(matches) > rare && Number(kept) > scanned ? 'dates' : undefined;
}

/**
 * The reader's words as an FTS5 query that cannot be a syntax error: each word or "quoted phrase" a quoted string
 * (so AND, OR, NEAR, * and column names are just words), all required; a word or phrase after a minus excluded.
 * Undefined when nothing is left to look for.
 */
export function toFtsQuery(text: string): string | undefined {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const m of text.slice(0, 300).matchAll(/(-?)"([^"]*)"?|(-?)(\S+)/g)) {
    const negative = (m[1] ?? m[3]) === '-';
    const words = (m[2] ?? m[4] ?? '').match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu);
    if (!words) continue;
    (negative ? exclude : include).push(`"${words.join(' ')}"`);
  }
  if (include.length === 0) return undefined;
  const positive = include.slice(0, 16).join(' ');
  return exclude.length ? `${positive} NOT (${exclude.slice(0, 16).join(' OR ')})` : positive;
}
