// All SQL about reader comments: reading and writing them, and a commenter's history for the moderation rules.
import { inEditionLanguage, type EditionLanguage } from '../../platform/db/edition-language.ts';
import { sql, type Expression } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { CommentRow, CommentStatus, NewCommentRow } from '../../platform/db/tables.ts';
import type { Comment, CommentOutline } from './comment.ts';
import type { ContextRow, HistoryQuestions } from '../moderation/index.ts';
import { chunksOf } from '../../platform/db/chunks.ts';
import { unnestedRows } from '../../platform/db/column-arrays.ts';

/** The columns a comment is read with (toComment), as `c`. */
export const COMMENT_COLUMNS = [
  'c.id',
  'c.article_id',
  'c.parent_id',
  'c.depth',
  'c.author_name',
  'c.author_url',
  'c.body_html',
  'c.status',
  'c.created_at',
  'c.edited_at',
  'c.featured_at',
  'c.staff_user_id',
] as const;

const PUBLIC_COLUMNS = [
  'id',
  'article_id',
  'parent_id',
  'depth',
  'author_name',
  'author_url',
  'body_html',
  'status',
  'created_at',
  'edited_at',
  'featured_at',
  'staff_user_id',
] as const;

const toComment = (row: Pick<CommentRow, (typeof PUBLIC_COLUMNS)[number]>): Comment => ({
  id: row.id,
  articleId: row.article_id,
  parentId: row.parent_id,
  depth: Number(row.depth),
  authorName: row.author_name,
  authorUrl: row.author_url,
  bodyHtml: row.body_html,
  status: row.status,
  createdAt: new Date(row.created_at),
  featured: row.featured_at !== null,
  byStaff: row.staff_user_id !== null,
  editedAt: row.edited_at ? new Date(row.edited_at) : null,
});

export async function findComment(db: Db, id: string): Promise<Comment | undefined> {
  const row = await db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toComment(row);
}

/** A comment and the slug of its article, to check the article is public and to link back to it. */
export async function findCommentWithArticleSlug(
  db: Db,
  id: string,
): Promise<{ comment: Comment; slug: string } | undefined> {
  const row = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select([...COMMENT_COLUMNS, 'a.slug'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row && { comment: toComment(row), slug: row.slug };
}

/** A comment with what only moderators see: email, text as typed, address and browser. */
export async function findCommentForModeration(db: Db, id: string) {
  const row = await db
    .selectFrom('comments')
    .select([...PUBLIC_COLUMNS, 'author_email', 'body_text', 'ip', 'user_agent'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...toComment(row),
      authorEmail: row.author_email,
      bodyText: row.body_text,
      ip: row.ip,
      userAgent: row.user_agent,
    }
  );
}

/**
 * An article's approved comments, with only what differs per row: on the hot path of an uncached article page,
 * building each string column costs more than the query itself. Each list below adds its order and its filter.
 */
const approvedOf = (db: Db, articleId: string) =>
  db
    .selectFrom('comments')
    .select([
      'id',
      'parent_id',
      'depth',
      'author_name',
      'author_url',
      'body_html',
      'created_at',
      'edited_at',
      'featured_at',
      'staff_user_id',
    ])
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved');

/** Approved comments of an article, oldest first. */
export async function listApprovedComments(db: Db, articleId: string): Promise<Comment[]> {
  const rows = await approvedOf(db, articleId).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => approvedComment(row, articleId));
}

/** What an approved comment's row holds for a page; only what differs per row is selected. */
interface ApprovedRow {
  id: string;
  parent_id: string | null;
  depth: number;
  author_name: string;
  author_url: string;
  body_html: string;
  created_at: string;
  edited_at: string | null;
  featured_at: string | null;
  staff_user_id: string | null;
}

const approvedComment = (row: ApprovedRow, articleId: string): Comment => ({
  id: row.id,
  articleId,
  parentId: row.parent_id,
  depth: Number(row.depth),
  authorName: row.author_name,
  authorUrl: row.author_url,
  bodyHtml: row.body_html,
  status: 'approved' as const,
  createdAt: new Date(row.created_at),
  featured: row.featured_at !== null,
  byStaff: row.staff_user_id !== null,
  editedAt: row.edited_at ? new Date(row.edited_at) : null,
});

/**
 * An approved comment that starts a thread on the public page: it answers nothing, or answers a comment readers do
 * not see (buildThread shows such a reply on its own). Pages count and slice these.
 */
/** How many threads the public page of an article's discussion has (the pages are pages of these). */
export async function countThreads(db: Db, articleId: string): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from comments c where ${threadStart(articleId)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

const threadStart = (
  articleId: string,
) => sql`c.article_id = ${articleId} and c.status = 'approved' and (c.parent_id is null
  or not exists (select 1 from comments p where p.id = c.parent_id and p.status = 'approved'))`;

/**
 * The threads of one page of the public discussion, from `offset` on (oldest first, `limit` of them), and every
 * approved reply under them, however deep: `thread(id)`, the ids the page shows, for the statement that follows.
 */
const withThreadPage = (input: {
  articleId: string;
  offset: number;
  limit: number;
}) => sql`with recursive page_threads(id) as (
      select id from (select c.id from comments c where ${threadStart(input.articleId)}
        order by c.created_at, c.id limit ${input.limit} offset ${input.offset}) as starts
    ), thread(id) as (
      select id from page_threads
      union all
      -- The queue drives the step (SQLite keeps a cross join's order), each reply found by the parent index.
      select r.id from thread t cross join comments r where r.parent_id = t.id and r.status = 'approved'
    )`;

/** A comment's place on a page and what names its rendered markup, without its text (see CommentOutline). */
interface OutlineRow {
  id: string;
  parent_id: string | null;
  edited_at: string | Date | null;
  created_at: string | Date;
}

const toOutline = (row: OutlineRow): CommentOutline => ({
  id: row.id,
  parentId: row.parent_id,
  editedAt: row.edited_at ? new Date(row.edited_at) : null,
  createdAt: new Date(row.created_at),
});

/**
 * One page of the public discussion in outline: the page's threads and every approved reply under them, oldest
 * first, each comment's id, parent, last edit and time, none of its text. Turning a row's strings into JavaScript
 * strings costs more than the query, so a page reads only this, and then the full rows of the comments whose markup
 * it does not hold (listApprovedCommentsIn). The rest of the discussion is never read.
 */
export async function listThreadPageOutline(
  db: Db,
  input: { articleId: string; offset: number; limit: number },
): Promise<CommentOutline[]> {
  const { rows } = await sql<OutlineRow>`${withThreadPage(input)}
    select id, parent_id, edited_at, created_at from comments where id in (select id from thread)
    order by created_at, id`.execute(db);
  return rows.map(toOutline);
}

/**
 * Every approved comment of an article in outline, oldest first: the page when it holds every thread (one range of
 * the article's index, without listThreadPageOutline's walk down each thread).
 */
export async function listApprovedOutline(db: Db, articleId: string): Promise<CommentOutline[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'edited_at', 'created_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOutline);
}

/** These comments of an article that are approved now, in no particular order (one statement per 500). */
export async function listApprovedCommentsIn(db: Db, articleId: string, ids: string[]): Promise<Comment[]> {
  const out: Comment[] = [];
  for (const chunk of chunksOf(ids, 500)) {
    const rows = await approvedOf(db, articleId).where('id', 'in', chunk).execute();
    for (const row of rows) out.push(approvedComment(row, articleId));
  }
  return out;
}

/** An article's approved comments editors featured, oldest first. */
export async function listFeaturedComments(db: Db, articleId: string): Promise<Comment[]> {
  const rows = await approvedOf(db, articleId)
    .where('featured_at', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => approvedComment(row, articleId));
}

/** An article's oldest approved comments, at most `limit`. */
export async function listFirstComments(db: Db, articleId: string, limit: number): Promise<Comment[]> {
  const rows = await approvedOf(db, articleId).orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map((row) => approvedComment(row, articleId));
}

/** The comment a reply answers, with what its reply notification needs (who wrote it, where to write, whether they asked). */
export async function findReplyTarget(db: Db, id: string) {
  const row = await db
    .selectFrom('comments')
    .select([...PUBLIC_COLUMNS, 'author_email', 'notify_replies'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const comment = toComment(row);
  return {
    comment,
    notify: {
      authorName: row.author_name,
      authorEmail: row.author_email,
      notifyReplies: Number(row.notify_replies) === 1,
      status: row.status,
    },
  };
}

/** What a reply notification needs of the comment answered: who wrote it, where to write, and whether they asked. */
export async function findReplyParent(db: Db, id: string) {
  const row = await db
    .selectFrom('comments')
    .select(['author_name', 'author_email', 'notify_replies', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      authorName: row.author_name,
      authorEmail: row.author_email,
      notifyReplies: Number(row.notify_replies) === 1,
      status: row.status,
    }
  );
}

export async function insertComment(db: Db, row: NewCommentRow): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

/** The columns an imported comment is written with (saveImportedDiscussions's rows). */
const IMPORTED_COLUMNS = [
  'id',
  'article_id',
  'parent_id',
  'depth',
  'kind',
  'author_name',
  'author_email',
  'author_url',
  'body_text',
  'body_html',
  'status',
  'created_at',
  'ip',
  'user_agent',
] as const;

export type ImportedCommentRow = Pick<Required<NewCommentRow>, (typeof IMPORTED_COLUMNS)[number]>;

/**
 * Creates or overwrites comments by id. With `postgresCreated` (PostgreSQL only) the rows go as one array a column
 * (unnestedRows), and it returns the rows it created rather than overwrote (a new row has no xmax yet: nothing
 * updated or locked it), for a caller that counts them itself.
 */
export async function upsertComments(
  db: Db,
  rows: ImportedCommentRow[],
  options: { postgresCreated?: boolean } = {},
): Promise<{ article_id: string; status: CommentStatus }[]> {
  const created: { article_id: string; status: CommentStatus }[] = [];
  // 14 columns a row: 200 rows stay far below either engine's limit on bound parameters; as arrays, 14 in all.
  for (const chunk of chunksOf(rows, options.postgresCreated ? 1000 : 200)) {
    const insert = db.insertInto('comments');
    const upsert = (
      options.postgresCreated
        ? insert.columns(IMPORTED_COLUMNS).expression(unnestedRows(chunk, IMPORTED_COLUMNS, ['depth']))
        : insert.values(chunk)
    ).onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        article_id: eb.ref('excluded.article_id'),
        parent_id: eb.ref('excluded.parent_id'),
        depth: eb.ref('excluded.depth'),
        kind: eb.ref('excluded.kind'),
        author_name: eb.ref('excluded.author_name'),
        author_email: eb.ref('excluded.author_email'),
        author_url: eb.ref('excluded.author_url'),
        body_text: eb.ref('excluded.body_text'),
        body_html: eb.ref('excluded.body_html'),
        status: eb.ref('excluded.status'),
        created_at: eb.ref('excluded.created_at'),
        ip: eb.ref('excluded.ip'),
        user_agent: eb.ref('excluded.user_agent'),
      })),
    );
    if (!options.postgresCreated) {
      await upsert.execute();
      continue;
    }
    const written = await upsert.returning(['article_id', 'status', sql<boolean>`xmax = 0`.as('created')]).execute();
    for (const r of written) if (r.created) created.push({ article_id: r.article_id, status: r.status });
  }
  return created;
}

/**
 * Stops counting the comments this transaction creates by trigger (PostgreSQL; see the 2026-12-10 migration):
 * the caller adds them with addCommentCounts before it commits. The setting ends with the transaction.
 */
export async function countCreatedCommentsByCaller(db: Db): Promise<void> {
  await sql`select set_config('dateline.comments_counted_by_caller', 'on', true)`.execute(db);
}

/** PostgreSQL: adds approved comments to their articles' counts, and moves each article's discussion revision once. */
export async function addCommentCounts(db: Db, counts: Map<string, number>): Promise<void> {
  for (const chunk of chunksOf([...counts], 500)) {
    const values = sql.join(chunk.map(([id, n]) => sql`(${id}, ${n}::integer)`));
    await sql`update articles set comment_count = comment_count + added.n, discussion_revision = discussion_revision + 1
      from (values ${values}) as added(id, n) where articles.id = added.id`.execute(db);
  }
}

/** The depth of each of these comments that exists. */
export async function findCommentDepths(db: Db, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of chunksOf(ids, 500)) {
    const rows = await db.selectFrom('comments').select(['id', 'depth']).where('id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, Number(r.depth));
  }
  return out;
}

/** Changes the status only if it is still `from`; returns whether this call made the change. */
export async function updateCommentStatus(
  db: Db,
  { id, from, to }: { id: string; from: CommentStatus; to: CommentStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Approved comments counted from the rows themselves, to check the stored count against. */
export async function countApprovedComments(db: Db, articleId: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets or clears the comment's pick time; returns whether the comment exists. */
export async function updateCommentFeatured(db: Db, id: string, featuredAt: string | null): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ featured_at: featuredAt })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A commenter's history as the moderation rules ask for it (see HistoryQuestions): queries not yet run, each selecting
 * the moderation context's columns in its order, to be read with the bans in one statement.
 */
export function commenterHistoryParts(db: Db, ask: HistoryQuestions): Expression<ContextRow>[] {
  const none = sql<string | null>`null`;
  const kind = (k: string) => sql.lit(k).$castTo<string>().as('kind');
  const parts: Expression<ContextRow>[] = [];
  // The latest time from one address or one email, any status (an index's last entry).
  const last = (k: string, column: 'ip' | 'author_email', value: string) =>
    db
      .selectFrom('comments')
      .select((eb) => [
        kind(k),
        none.as('ref'),
        none.as('email'),
        none.as('ip'),
        none.as('text'),
        eb.fn.max('created_at').$castTo<string | null>().as('at'),
      ])
      .where(column, '=', value);
  if (ask.lastFromIp) parts.push(last('last_ip', 'ip', ask.ip));
  if (ask.lastFromEmail) parts.push(last('last_email', 'author_email', ask.email));
  if (ask.recentSince) {
    // Wrapped, since a part of a UNION may not have its own ORDER BY and LIMIT on SQLite.
    const recent = db
      .selectFrom('comments')
      .select(['body_text', 'created_at'])
      .where('author_email', '=', ask.email)
      .where('created_at', '>=', ask.recentSince.toISOString())
      .orderBy('created_at', 'desc')
      .limit(20);
    parts.push(
      db
        .selectFrom(recent.as('r'))
        .select([
          kind('recent'),
          none.as('ref'),
          none.as('email'),
          none.as('ip'),
          'r.body_text as text',
          'r.created_at as at',
        ]),
    );
  }
  if (ask.approved) {
    const one = db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', ask.email)
      .where('status', '=', 'approved')
      .limit(1);
    parts.push(
      db
        .selectFrom(one.as('a'))
        .select([kind('approved'), 'a.id as ref', none.as('email'), none.as('ip'), none.as('text'), none.as('at')]),
    );
  }
  return parts;
}

/**
 * How many of the site's newest approved comments a language edition's feed looks through for its own before it
 * reads its own articles' comments instead.
 */
export const EDITION_WALK = 2000;

/**
 * The newest approved comments on articles public at `publicAt` (of one article, or of all, or of one edition's),
 * with their article. The comments are walked newest first (comments_latest_idx, or one article's thread index) and
 * each one's article is asked whether it is public, a lookup by id, until the feed is full; only those few are joined
 * to their articles. Joined from the start, SQLite first built a Bloom filter over every article (0.2 s at a million
 * articles).
 * An edition other than the default one walks only the site's newest EDITION_WALK comments: an edition whose stories
 * are old (one the newsroom stopped writing) found its comments at the far end of the walk, 3.6 s at five million
 * comments. When those do not fill its feed, the comments are read from its articles instead
 * (listNewestOnEditionArticles).
 */
export async function listLatestApprovedComments(
  db: Db,
  dialect: Dialect,
  query: { articleId?: string; language?: EditionLanguage; publicAt: string; limit: number },
) {
  const edition = query.language && !query.language.isDefault && !query.articleId ? query.language : undefined;
  // The walk's far end: the created_at of the EDITION_WALK-th newest approved comment (none when there are fewer,
  // and then the walk reads them all).
  const walkedTo = edition
    ? (
        await db
          .selectFrom('comments')
          .select('created_at')
          .where('status', '=', 'approved')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .offset(EDITION_WALK - 1)
          .executeTakeFirst()
      )?.created_at
    : undefined;
  const latest = db
    .selectFrom('comments as c')
    .select(COMMENT_COLUMNS)
    .where('c.status', '=', 'approved')
    .where((eb) => {
      let article = eb
        .selectFrom('articles as v')
        .select('v.published_at')
        .whereRef('v.id', '=', 'c.article_id')
        .where('v.status', '=', 'published');
      if (query.language) article = article.where(inEditionLanguage('v', query.language));
      return eb(article, '<=', query.publicAt);
    })
    .$if(query.articleId !== undefined, (q) => q.where('c.article_id', '=', query.articleId!))
    .$if(walkedTo !== undefined, (q) => q.where('c.created_at', '>=', walkedTo!));
  const rows = await db
    .selectFrom(latest.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(query.limit).as('latest'))
    .innerJoin('articles as a', 'a.id', 'latest.article_id')
    .selectAll('latest')
    .select(['a.slug', 'a.headline'])
    .orderBy('latest.created_at', 'desc')
    .orderBy('latest.id', 'desc')
    .execute();
  // Comments older than the walk's end are older than every comment walked: a full feed is the newest.
  const full = walkedTo === undefined || rows.length >= query.limit;
  return (full ? rows : await listNewestOnEditionArticles(db, dialect, { ...query, language: edition! })).map((r) => ({
    comment: toComment(r),
    article: { slug: r.slug, headline: r.headline },
  }));
}

/**
 * The newest approved comments on an edition's public articles, read from the articles (the edition's own index,
 * 2026-12-20) and each one's thread, then sorted: as many rows as the edition's articles have comments, which is few
 * for the editions that need it (the site's newest comments hold a busy edition's). The articles lead on both engines:
 * SQLite keeps a CROSS JOIN's order; PostgreSQL reads each article's newest comments in a lateral subquery, where a
 * plain join let it walk the site's comments newest first, asking each one's article, the walk this replaces.
 */
function listNewestOnEditionArticles(
  db: Db,
  dialect: Dialect,
  query: { language: EditionLanguage; publicAt: string; limit: number },
) {
  const articles = db
    .selectFrom('articles as a')
    .where(inEditionLanguage('a', query.language))
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', query.publicAt);
  const joined =
    dialect === 'postgres'
      ? articles.innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('comments as c')
              .select(COMMENT_COLUMNS)
              .whereRef('c.article_id', '=', 'a.id')
              .where('c.status', '=', 'approved')
              .orderBy('c.created_at', 'desc')
              .orderBy('c.id', 'desc')
              .limit(query.limit)
              .as('c'),
          (join) => join.onTrue(),
        )
      : articles.crossJoin('comments as c').whereRef('c.article_id', '=', 'a.id').where('c.status', '=', 'approved');
  return joined
    .select(COMMENT_COLUMNS)
    .select(['a.slug', 'a.headline'])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit)
    .execute();
}
