// All SQL of reader search. The one place that branches on the engine: FTS5 with bm25 on SQLite, a tsvector with
// ts_rank_cd on PostgreSQL. Matches come back wrapped in \u0002 … \u0003, which indexed text never holds.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface SearchFilter {
  /** For SQLite, an FTS5 query built by toFtsQuery; for PostgreSQL, the reader's words for websearch_to_tsquery. */
  match: string;
  /** Only articles in the language (and those with none, when it is the site's default). */
  language?: { tag: string; isDefault: boolean };
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
}

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
  if (f.language)
    parts.push(
      f.language.isDefault
        ? sql`(a.language = ${f.language.tag} or a.language is null)`
        : sql`a.language = ${f.language.tag}`,
    );
  if (f.sectionId) parts.push(sql`a.section_id = ${f.sectionId}`);
  if (f.authorId)
    parts.push(
      sql`exists (select 1 from article_authors aa where aa.article_id = a.id and aa.user_id = ${f.authorId})`,
    );
  if (f.from) parts.push(sql`a.published_at >= ${f.from}`);
  if (f.until) parts.push(sql`a.published_at < ${f.until}`);
  return sql.join(parts, sql` and `);
}

/** A page of matching articles, best first (or newest first), with their total. */
export async function searchArticles(
  db: Db,
  dialect: Dialect,
  f: SearchFilter,
): Promise<{ rows: SearchRow[]; total: number }> {
  return dialect === 'sqlite' ? searchSqlite(db, f) : searchPostgres(db, f);
}

async function searchSqlite(db: Db, f: SearchFilter) {
  // The FTS5 match runs first, on its own: joined freely, SQLite's planner may walk the articles and test the match
  // for each. Column weights: headline, subheadline, body, bylines, tags, dateline.
  const from = sql`hits join search_documents d on d.doc_id = hits.doc_id join articles a on a.id = d.article_id where ${visible(f)}`;
  const hits = sql`with hits as materialized (
    select rowid as doc_id, bm25(search_index, 10.0, 5.0, 1.0, 3.0, 4.0, 2.0) as score from search_index where search_index match ${f.match})`;
  const order =
    f.sort === 'newest' ? sql`a.published_at desc, a.id desc` : sql`hits.score, a.published_at desc, a.id desc`;
  // One pass over the matches gives the page and the total (SQLite serves one query at a time anyway).
  const page = await sql<{ doc_id: number; article_id: string; total: number }>`${hits}
    select hits.doc_id, d.article_id, count(*) over () as total from ${from} order by ${order} limit ${f.limit} offset ${f.offset}`.execute(
    db,
  );
  const total = page.rows.length
    ? Number(page.rows[0].total)
    : f.offset === 0
      ? 0
      : Number((await sql<{ n: number }>`${hits} select count(*) as n from ${from}`.execute(db)).rows[0]?.n ?? 0);
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

// ts_headline reads the whole body, so it runs only on the page of results, after ranking.
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=16, MaxFragments=2, FragmentDelimiter=" … "`;

async function searchPostgres(db: Db, f: SearchFilter) {
  const from = sql`search_documents d join articles a on a.id = d.article_id, websearch_to_tsquery('dateline_search', ${f.match}) q
    where d.document @@ q and ${visible(f)}`;
  const order =
    f.sort === 'newest'
      ? sql`a.published_at desc, a.id desc`
      : sql`ts_rank_cd(d.document, q) desc, a.published_at desc`;
  const [rows, count] = await Promise.all([
    sql<SearchRow>`with page as (
        select d.article_id, d.headline, d.body, q, row_number() over (order by ${order}) as position
        from ${from} order by ${order} limit ${f.limit} offset ${f.offset}
      )
      select article_id,
        ts_headline('dateline_search', headline, q, ${HEADLINE_OPTIONS}) as headline,
        ts_headline('dateline_search', body, q, ${SNIPPET_OPTIONS}) as snippet
      from page order by position`.execute(db),
    sql<{ n: number }>`select count(*) as n from ${from}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
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
