// All SQL behind the sitemaps: public articles by month with a bound on each file's size, the sections, tags and
// authors that have public articles, and the articles of the last two days for Google News.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { addMonths, monthFigures } from '../../platform/db/month-digests.ts';

/** An article is public once published and its time has come; drafts, the trash and scheduled articles are not. */
const PUBLIC = (publicAt: string) => sql<boolean>`a.status = 'published' and a.published_at <= ${publicAt}`;

/** When readers last saw it change: the later of publication and the last change of content. */
const LASTMOD = sql<string>`case when a.modified_at > a.published_at then a.modified_at else a.published_at end`;

/**
 * The most bytes an article's <url> entry can take in a sitemap: a fixed part (the tags, the site's address, the
 * dates) plus its variable text at its worst (a character of an address percent-encoded as 12 bytes, one of a caption
 * escaped as 5). Summed along the month, it cuts the month into files that cannot pass the size limit.
 */
const entryBytes = (bytes: EntryBytes): RawBuilder<number> =>
  sql<number>`(${sql.lit(bytes.fixedBytes)} + 12 * length(a.slug) + 12 * length(a.image_url) + 5 * length(a.image_caption)
    + case when a.translation_group is null then 0 else (${alternateBytes(bytes.linkBytes)}) end)`;

/**
 * An article with translations carries an hreflang link to each member of its group (itself included) and an
 * x-default: a fixed part per link and its address at worst. Every member counts, public or not, so the bound holds
 * whatever is published; the group is read off its index.
 */
const alternateBytes = (linkBytes: number) =>
  sql<number>`select ${sql.lit(linkBytes)} + sum(${sql.lit(linkBytes)} + 12 * length(g.slug)) from articles g where g.translation_group = a.translation_group`;

/** The parts of an entry's byte bound that do not depend on the article. */
export interface EntryBytes {
  /** The tags, the dates, the site's address twice. */
  fixedBytes: number;
  /** One hreflang link without its slug. */
  linkBytes: number;
}

export interface MonthRow {
  /** "2026-11" */
  month: string;
  /** The sum of its entries' byte bounds. */
  bytes: number;
  lastmod: string;
}

/**
 * Months with public articles, newest first, with their byte bound and last change. A month that has ended is kept as
 * a digest while none of its articles changes (monthFigures); this month is computed each time, from its own range of
 * the publication-time index. Grouping every public article took 0.74 s on SQLite at a million articles.
 */
export async function listArticleMonths(db: Db, query: { publicAt: string } & EntryBytes): Promise<MonthRow[]> {
  type Figures = { n: number; bytes: number; lastmod: string | null };
  const figures = sql`count(*) as n, coalesce(sum(${entryBytes(query)}), 0) as bytes, max(${LASTMOD}) as lastmod`;
  const liveFrom = query.publicAt.slice(0, 7);
  const months = await monthFigures<Figures>(db, {
    scope: `sitemap:${query.fixedBytes}:${query.linkBytes}`,
    liveFrom,
    reach: [0],
    month: async (month, versions) =>
      (
        await sql<Figures & { versions: string }>`select ${versions} as versions, ${figures} from articles a
          where ${PUBLIC(query.publicAt)} and a.published_at >= ${month} and a.published_at < ${addMonths(month, 1)}`.execute(
          db,
        )
      ).rows[0],
    live: async () =>
      (
        await sql<Figures & { month: string }>`select substr(a.published_at, 1, 7) as month, ${figures} from articles a
          where ${PUBLIC(query.publicAt)} and a.published_at >= ${liveFrom} group by substr(a.published_at, 1, 7)`.execute(
          db,
        )
      ).rows.map(({ month, ...f }) => ({ month, figures: f })),
  });
  return months
    .filter((m) => Number(m.figures.n) > 0 && m.figures.lastmod !== null)
    .map((m) => ({ month: m.month, bytes: Number(m.figures.bytes), lastmod: m.figures.lastmod as string }));
}

export interface SitemapArticleRow {
  slug: string;
  lastmod: string;
  image_url: string;
  image_caption: string;
}

/**
 * One file of a month: the articles (oldest first) whose running byte bound falls in (from, to]. Consecutive
 * ranges of the same size cut the month into files none of which passes it.
 */
export async function listMonthArticles(db: Db, query: MonthPart) {
  const { rows } = await sql<SitemapArticleRow & { running: number }>`
    select slug, lastmod, image_url, image_caption from (
      select a.slug, ${LASTMOD} as lastmod, a.image_url, a.image_caption,
        sum(${entryBytes(query)}) over (order by a.published_at, a.id rows between unbounded preceding and current row) as running
      from articles a
      where ${PUBLIC(query.publicAt)} and a.published_at >= ${query.start} and a.published_at < ${query.end}
    ) t
    where running > ${query.from} and running <= ${query.to}
    order by running`.execute(db);
  return rows;
}

/** The running byte bound's span (from, to] of a month's public articles that one file holds. */
export type MonthPart = { publicAt: string; start: string; end: string; from: number; to: number } & EntryBytes;

export interface AlternateRow {
  /** The article of the file. */
  slug: string;
  /** Each public member of its translation group, the article itself included. */
  alternate_slug: string;
  language: string | null;
}

/**
 * The public translations of one file's articles, in one statement: the same window as listMonthArticles picks the
 * file's articles, and each one's group is read off the translation group's index. The file's articles are worked
 * out once (materialized), then each one's group is looked up (CROSS JOIN keeps that order on SQLite; PostgreSQL reads
 * it as a plain join). As a joined subquery, SQLite walked every public article and ran the month's window again for
 * each: one sitemap file of a 10,000-article site took 22 seconds.
 */
export async function listMonthAlternates(db: Db, query: MonthPart): Promise<AlternateRow[]> {
  const { rows } = await sql<AlternateRow>`
    with p as materialized (
      select slug, translation_group, running from (
        select a.slug, a.translation_group,
          sum(${entryBytes(query)}) over (order by a.published_at, a.id rows between unbounded preceding and current row) as running
        from articles a
        where ${PUBLIC(query.publicAt)} and a.published_at >= ${query.start} and a.published_at < ${query.end}
      ) w
      where running > ${query.from} and running <= ${query.to} and translation_group is not null
    )
    select p.slug, t.slug as alternate_slug, t.language from p cross join articles t
    where t.translation_group = p.translation_group and t.status = 'published' and t.published_at <= ${query.publicAt}
    order by p.running, t.slug`.execute(db);
  return rows;
}

export interface ListRow {
  kind: 'section' | 'tag' | 'author';
  slug: string;
  lastmod: string;
}

/** How many sections, tags and authors have public articles (each found by its first, without grouping them all). */
export async function countPublicLists(db: Db, publicAt: string): Promise<number> {
  const has = (link: RawBuilder<unknown>) =>
    sql`exists (select 1 from articles a ${link} and ${PUBLIC(publicAt)} and a.kind = 'article')`;
  const { rows } = await sql<{ n: number }>`select
    (select count(*) from sections s where ${has(sql`where a.section_id = s.id`)})
    + (select count(*) from tags t where ${has(sql`join article_tags at on at.article_id = a.id where at.tag_id = t.id`)})
    + (select count(*) from users u where ${has(sql`join article_authors aa on aa.article_id = a.id where aa.user_id = u.id`)}) as n`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Sections, tags and authors with public articles, a page of them in a stable order, each with the last change of
 * its newest public article: what moves the list's first page, where a new story appears. Each list's newest article
 * is read off its own newest-first index (the section's list index, the tag's and the byline's copies of the
 * publication time), one entry or a few per list. The most recent change among all of a list's articles, which an edit
 * to a story of years ago would move, took three GROUP BYs over every public article: 3.3 s at a million.
 */
export async function listPublicLists(
  db: Db,
  query: { publicAt: string; limit: number; offset: number },
): Promise<ListRow[]> {
  const newest = (from: RawBuilder<unknown>) =>
    sql<string>`(select ${LASTMOD} from ${from} and ${PUBLIC(query.publicAt)} and a.kind = 'article'
      order by a.published_at desc, a.id desc limit 1)`;
  const throughLink = (table: string, column: string, list: string) =>
    sql<string>`(select ${LASTMOD} from ${sql.raw(table)} l join articles a on a.id = l.article_id
      where l.${sql.raw(column)} = ${sql.ref(list)} and l.published_at <= ${query.publicAt} and ${PUBLIC(query.publicAt)}
        and a.kind = 'article'
      order by l.published_at desc, l.article_id desc limit 1)`;
  const lists = sql`
    select 'section' as kind, s.slug as slug, ${newest(sql`articles a where a.section_id = s.id`)} as lastmod from sections s
    union all
    select 'tag' as kind, t.slug as slug, ${throughLink('article_tags', 'tag_id', 't.id')} as lastmod from tags t
    union all
    select 'author' as kind, u.slug as slug, ${throughLink('article_authors', 'user_id', 'u.id')} as lastmod from users u`;
  return (
    await sql<ListRow>`select kind, slug, lastmod from (${lists}) l where lastmod is not null
      order by kind, slug limit ${query.limit} offset ${query.offset}`.execute(db)
  ).rows;
}

/**
 * The front page's last change, as a list's (listPublicLists): that of the newest public article, read off the
 * newest-first index. The latest change among all public articles read every one of them.
 */
export async function findLastChange(db: Db, publicAt: string): Promise<string | undefined> {
  const { rows } = await sql<{ lastmod: string }>`select ${LASTMOD} as lastmod from articles a
    where ${PUBLIC(publicAt)} and a.kind = 'article' order by a.published_at desc, a.id desc limit 1`.execute(db);
  return rows[0]?.lastmod;
}

export interface NewsRow {
  slug: string;
  headline: string;
  published_at: string;
}

/** Articles published since `since` (Google News takes the last two days, at most 1,000), newest first. */
export async function listRecentArticles(
  db: Db,
  query: { publicAt: string; since: string; limit: number },
): Promise<NewsRow[]> {
  const { rows } = await sql<NewsRow>`
    select a.slug, a.headline, a.published_at from articles a
    where ${PUBLIC(query.publicAt)} and a.kind = 'article' and a.published_at >= ${query.since}
    order by a.published_at desc, a.id desc limit ${query.limit}`.execute(db);
  return rows;
}
