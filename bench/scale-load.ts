// The scale bench's bulk loader: articles and their comments written by SQL alone (a recursive series on SQLite,
// generate_series on PostgreSQL), never through the app, so a million articles and five million comments load in
// minutes. The site grows backwards in time at a newsroom's steady pace (one article every 15 minutes): the
// newest articles, a month's worth of articles and an author's page one stay the same at every size, and only the
// history behind them grows. Also exported for the EXPLAIN test, which seeds the same shape of site.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../src/platform/db/database.ts';

/** Every article is this much older than the one before it. */
export const ARTICLE_SPACING_MS = 15 * 60_000;
export const COMMENTS_PER_ARTICLE = 5;
/** Commenters' addresses are erased after the default retention period, 60 days. */
const ADDRESSES_KEPT_MS = 60 * 86_400_000;
export const AUTHORS = 50;
/** Seven articles in ten are filed in the first section, so its 500th page exists at 10,000 articles. */
export const SECTIONS = ['news', 'sport', 'culture', 'business'];
/** One of these words is in each headline, so a search for one matches one article in WORDS.length. */
export const WORDS = [
  'harbour',
  'ferry',
  'council',
  'budget',
  'festival',
  'school',
  'bridge',
  'market',
  'storm',
  'library',
  'election',
  'hospital',
  'fishing',
  'tourism',
  'museum',
  'railway',
  'housing',
  'theatre',
  'river',
  'airport',
];

/**
 * Most of a newsroom's tags, and its former writers, have a few stories from long ago. The rare tag is on articles
 * RARE_FROM to RARE_FROM + 4, the former writer shares the byline of the five after: old at 10,000 articles, and the
 * same stories, in the default edition, at every size.
 */
export const RARE_TAG = 'lighthouse';
export const RARE_AUTHOR = 'former-writer';
const RARE_FROM = 8000;

/**
 * The language of an edition the newsroom stopped writing: the oldest OLD_EDITION_ARTICLES articles at every size,
 * the rest in the default language (naming none). Its front page, sections and feed read the furthest back.
 */
export const OLD_EDITION = 'es';
export const OLD_EDITION_ARTICLES = 1000;
/** Articles 0 to DEFAULT_AT_EVERY_SIZE - 1 are in the default edition at every size (the smallest is 10,000). */
export const DEFAULT_AT_EVERY_SIZE = 10_000 - OLD_EDITION_ARTICLES;

/** Article i's search document on SQLite is DOC_ID_TOP - i: the newest article has the highest. */
const DOC_ID_TOP = 1_000_000_000;

export const articleId = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
export const articleSlug = (i: number) => `story-${i}`;
export const authorSlug = (k: number) => `writer-${k}`;

/** Sections, authors and tags the articles refer to; run once on a migrated, empty database. */
export async function seedTerms(db: Db): Promise<void> {
  await db
    .insertInto('sections')
    .values(
      SECTIONS.map((slug, i) => ({
        id: `section-${slug}`,
        slug,
        name: slug[0].toUpperCase() + slug.slice(1),
        description: '',
        position: i,
      })),
    )
    .execute();
  await db
    .insertInto('users')
    .values(
      Array.from({ length: AUTHORS }, (_, k) => ({
        id: `writer-${k}`,
        email: `writer${k}@bench.test`,
        name: `Writer ${k}`,
        slug: authorSlug(k),
        bio: '',
        role: 'author' as const,
        password_hash: null,
        created_at: '2000-01-01T00:00:00.000Z',
      })),
    )
    .execute();
  await db
    .insertInto('tags')
    .values([
      ...WORDS.map((w) => ({ id: `tag-${w}`, slug: w, name: w })),
      { id: `tag-${RARE_TAG}`, slug: RARE_TAG, name: RARE_TAG },
    ])
    .execute();
  await db
    .insertInto('users')
    .values({
      id: RARE_AUTHOR,
      email: 'former@bench.test',
      name: 'Former Writer',
      slug: RARE_AUTHOR,
      bio: '',
      role: 'author' as const,
      password_hash: null,
      created_at: '2000-01-01T00:00:00.000Z',
    })
    .execute();
}

interface Pieces {
  /** Rows i for from <= i < to, as `select i from …`. */
  series(from: number, to: number): RawBuilder<unknown>;
  /** The 12-digit zero-padded decimal of an integer expression. */
  pad12(e: RawBuilder<unknown>): RawBuilder<string>;
  /** An ISO instant (…T…Z with milliseconds) `ms` milliseconds before `newest`. */
  before(newest: string, ms: RawBuilder<unknown>): RawBuilder<string>;
  /** The integer part of a / b. */
  div(a: RawBuilder<unknown>, b: number): RawBuilder<number>;
}

const PIECES: Record<Dialect, Pieces> = {
  sqlite: {
    series: (from, to) =>
      sql`select value as i from (with recursive s(value) as (select ${sql.lit(from)} union all select value + 1 from s where value + 1 < ${sql.lit(to)}) select value from s)`,
    pad12: (e) => sql`substr('000000000000' || ${e}, -12)`,
    before: (newest, ms) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${newest}, printf('%+d seconds', -(${ms}) / 1000))`,
    div: (a, b) => sql`(${a} / ${sql.lit(b)})`,
  },
  postgres: {
    series: (from, to) =>
      sql`select i from generate_series(${sql.lit(from)}::bigint, ${sql.lit(to - 1)}::bigint) as g(i)`,
    pad12: (e) => sql`lpad((${e})::text, 12, '0')`,
    before: (newest, ms) =>
      sql`to_char((${newest}::timestamptz - (${ms}) * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    div: (a, b) => sql`(${a} / ${sql.lit(b)})`,
  },
};

/**
 * Writes articles from <= i < to (article 0 the newest, published at `newest`), their bylines, tags, search
 * documents and COMMENTS_PER_ARTICLE approved comments each, in slices of `slice` articles, one transaction a slice.
 * Then the oldest OLD_EDITION_ARTICLES of the site (0 to `to`) become the old edition's, and those that were before
 * go back to the default: called again with a larger `to`, it keeps the edition the oldest.
 */
export async function loadArticles(
  db: Db,
  dialect: Dialect,
  input: { from: number; to: number; newest: string; slice?: number; onSlice?: (done: number) => void },
): Promise<void> {
  const p = PIECES[dialect];
  const slice = input.slice ?? 50_000;
  const i = sql.ref('i');
  const at = p.before(input.newest, sql`${i} * ${sql.lit(ARTICLE_SPACING_MS)}`);
  const word = (shift: number) =>
    sql`case ${sql.raw(`(i + ${shift}) % ${WORDS.length}`)} ${sql.join(
      WORDS.map((w, k) => sql`when ${sql.lit(k)} then ${sql.lit(w)}`),
      sql` `,
    )} end`;
  const section = sql`case when i % 10 < 7 then 'section-news' else 'section-' || ${sql.raw(`case i % 10 when 7 then 'sport' when 8 then 'culture' else 'business' end`)} end`;
  // A bulk load, not a site's traffic: on SQLite the growing indexes are kept in a large page cache and no slice
  // waits for the disk (a crash would only lose the bench's own scratch file); both are set back afterwards.
  if (dialect === 'sqlite') {
    await sql`pragma cache_size = -524288`.execute(db);
    await sql`pragma synchronous = off`.execute(db);
  }
  for (let from = input.from; from < input.to; from += slice) {
    const to = Math.min(input.to, from + slice);
    await db.transaction().execute(async (trx) => {
      await sql`insert into articles (id, slug, headline, subheadline, body_source, body_html, excerpt, dateline, source_credit, section_id,
          image_url, image_caption, image_credit, image_alt, image_width, image_height, status, published_at, comment_setting, comment_count,
          created_at, updated_at, kind)
        select '00000000-0000-7000-8000-' || ${p.pad12(i)}, 'story-' || i, 'Story ' || i || ' on the ' || ${word(0)} || ' and the ' || ${word(7)},
          '', 'Text.', '<p>The ' || ${word(3)} || ' story number ' || i || ', told in a paragraph of plain words about the town and its ' || ${word(11)} || '.</p>',
          'The story number ' || i || '.', 'ALDER BAY –', '', ${section},
          '', '', '', '', null, null, 'published', ${at}, 'default', 0 /* counted by the comments' triggers */, ${at}, ${at}, 'article'
        from (${p.series(from, to)}) s`.execute(trx);
      await sql`insert into article_authors (article_id, user_id, position)
        select '00000000-0000-7000-8000-' || ${p.pad12(i)}, 'writer-' || (i % ${sql.lit(AUTHORS)}), 0 from (${p.series(from, to)}) s`.execute(
        trx,
      );
      await sql`insert into article_tags (article_id, tag_id)
        select '00000000-0000-7000-8000-' || ${p.pad12(i)}, 'tag-' || ${word(0)} from (${p.series(from, to)}) s`.execute(
        trx,
      );
      // The rare tag's and the former writer's stories in this slice, if any.
      const rare = (first: number) => ({ lo: Math.max(from, first), hi: Math.min(to, first + 5) });
      const tagged = rare(RARE_FROM);
      if (tagged.lo < tagged.hi)
        await sql`insert into article_tags (article_id, tag_id)
          select '00000000-0000-7000-8000-' || ${p.pad12(i)}, ${`tag-${RARE_TAG}`} from (${p.series(tagged.lo, tagged.hi)}) s`.execute(
          trx,
        );
      const bylined = rare(RARE_FROM + 5);
      if (bylined.lo < bylined.hi)
        await sql`insert into article_authors (article_id, user_id, position)
          select '00000000-0000-7000-8000-' || ${p.pad12(i)}, ${RARE_AUTHOR}, 1 from (${p.series(bylined.lo, bylined.hi)}) s`.execute(
          trx,
        );
      // On SQLite a document's rowid grows with its article's creation, and search ranks the newest matches by it:
      // the history loaded behind the newest articles takes rowids below theirs, as if it had been written first.
      await sql`insert into search_documents (${sql.raw(dialect === 'sqlite' ? 'doc_id, ' : '')}article_id, headline, subheadline, body, bylines, tags, dateline)
        select ${sql.raw(dialect === 'sqlite' ? `${DOC_ID_TOP} - s.i, ` : '')}a.id, a.headline, '', 'The story, told in a paragraph of plain words about the town.', 'Writer ' || (s.i % ${sql.lit(AUTHORS)}), ${word(0)}, a.dateline
        from (${p.series(from, to)}) s join articles a on a.id = '00000000-0000-7000-8000-' || ${p.pad12(i)}`.execute(
        trx,
      );
      const j = sql.ref('i');
      // A running site erases commenters' addresses after its retention period (60 days by default): older comments
      // are loaded with them erased already, or the server's first start would erase millions of them.
      const keptUntil = (value: RawBuilder<unknown>) =>
        sql`case when ${article} * ${sql.lit(ARTICLE_SPACING_MS)} < ${sql.lit(ADDRESSES_KEPT_MS)} then ${value} else '' end`;
      const article = p.div(j, COMMENTS_PER_ARTICLE);
      await sql`insert into comments (id, article_id, parent_id, depth, author_name, author_email, author_url, body_text, body_html, status, created_at, ip, user_agent)
        select '00000000-0000-7000-9000-' || ${p.pad12(j)}, '00000000-0000-7000-8000-' || ${p.pad12(article)}, null, 0,
          'Reader ' || (${j} % 997), 'reader' || (${j} % 997) || '@example.org', '', 'A reader''s comment, number ' || ${j} || '.',
          '<p>A reader''s comment, number ' || ${j} || '.</p>', 'approved',
          ${p.before(input.newest, sql`${article} * ${sql.lit(ARTICLE_SPACING_MS)} - (${j} % ${sql.lit(COMMENTS_PER_ARTICLE)} + 1) * 60000`)},
          ${keptUntil(sql`'198.51.100.' || (${j} % 250)`)}, ${keptUntil(sql`'bench'`)}
        from (${p.series(from * COMMENTS_PER_ARTICLE, to * COMMENTS_PER_ARTICLE)}) s`.execute(trx);
    });
    input.onSlice?.(to);
  }
  await sql`update articles set language = null where language = ${OLD_EDITION}`.execute(db);
  await sql`update articles set language = ${OLD_EDITION}
    where id between ${articleId(Math.max(0, input.to - OLD_EDITION_ARTICLES))} and ${articleId(input.to - 1)}`.execute(
    db,
  );
  // Planner statistics, as a running site's autovacuum (PostgreSQL) or `optimize` (SQLite) keeps them. On PostgreSQL
  // autovacuum also vacuums a table that only grows (every 20% more rows) and so marks its pages all-visible: without
  // that, an index-only scan visits the table for each row, and the 500th page of a section took 2.3 x as long at a
  // million articles as at 10,000. VACUUM runs outside a transaction, and by name, not on the whole database.
  if (dialect === 'postgres')
    await sql`vacuum articles, comments, article_authors, article_tags, search_documents`.execute(db);
  await sql`analyze`.execute(db);
  // A bulk load leaves SQLite's write-ahead log hundreds of MB long, and every read then consults it: fold it back
  // into the database, as a running site's automatic checkpoints do. With synchronous back to normal first, the
  // checkpoint also waits for the disk: left to the server's first checkpoint, flushing the gigabytes loaded without
  // waiting stalled one posted comment for 0.8 s at a million articles.
  if (dialect === 'sqlite') {
    await sql`pragma synchronous = normal`.execute(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    await sql`pragma cache_size = -2000`.execute(db);
  }
}
