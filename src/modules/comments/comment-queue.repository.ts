// All SQL of the moderation desk's queues of comments: which comments are in each, how many, and each commenter's
// record. The desk (moderation-desk/) reads them through the comments module, which owns the table.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { CommentStatus, Database } from '../../platform/db/tables.ts';

export type Queue = 'pending' | 'reported' | 'spam' | 'trash' | 'recent';
export const QUEUES: readonly Queue[] = ['pending', 'reported', 'spam', 'trash', 'recent'];

type CommentsEb = ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>;

/**
 * Reported: readers reported it after the last moderator decision on it (the same "open reports" the
 * report threshold counts), and it is not already filed as spam or trash. Asked as "among the reported comments"
 * (IN), so the few reports lead to their comments; asked of each comment (EXISTS), the queue and its count walked
 * every comment on the site.
 */
const hasOpenReports = (eb: CommentsEb) =>
  eb.and([
    eb('c.status', 'in', ['approved', 'pending']),
    eb(
      'c.id',
      'in',
      eb
        .selectFrom('comment_reports as r')
        .select('r.comment_id')
        .where((inner) =>
          inner.not(
            inner.exists(
              inner
                .selectFrom('comment_decisions as d')
                .select('d.id')
                .whereRef('d.comment_id', '=', 'r.comment_id')
                .where('d.staff_id', 'is not', null)
                .whereRef('d.created_at', '>=', 'r.created_at'),
            ),
          ),
        ),
    ),
  ]);

/** Narrows a queue to one article's comments, and to those a moderator searched for. */
export interface QueueFilter {
  articleId?: string;
  /** An email or an address (IP), matched exactly; or words, each found in the text or the name. */
  search?: { email: string } | { ip: string } | { words: string[] };
}

const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filter as one condition; undefined when it narrows nothing. */
function matching(filter: QueueFilter) {
  const { articleId, search } = filter;
  if (!articleId && !search) return undefined;
  return (eb: CommentsEb) => {
    const all: Expression<SqlBool>[] = [];
    if (articleId) all.push(eb('c.article_id', '=', articleId));
    if (search && 'email' in search) all.push(eb(eb.fn('lower', ['c.author_email']), '=', search.email.toLowerCase()));
    if (search && 'ip' in search) all.push(eb('c.ip', '=', search.ip));
    // ESCAPE spelled out: SQLite has no default escape character for LIKE.
    if (search && 'words' in search) {
      for (const word of search.words) {
        const pattern = likeWord(word.toLowerCase());
        all.push(
          eb.or([
            sql<boolean>`lower(c.body_text) like ${pattern} escape '\\'`,
            sql<boolean>`lower(c.author_name) like ${pattern} escape '\\'`,
          ]),
        );
      }
    }
    return eb.and(all);
  };
}

const inQueue = (queue: Exclude<Queue, 'recent'>) => (eb: CommentsEb) =>
  queue === 'reported' ? hasOpenReports(eb) : eb('c.status', '=', queue as CommentStatus);

/** A queue's count stops past this: the desk shows "10,000+" and pages that far. */
export const QUEUE_COUNT_CAP = 10_000;

/**
 * How many comments each queue holds, each counted off its own index and only up to QUEUE_COUNT_CAP + 1 (the desk
 * shows more than the cap as "10,000+"). In one pass over every comment, the counts grew with the site's history:
 * seconds at five million comments, asked every few seconds by each moderator's open queue.
 */
export async function countQueues(db: Db, filter: QueueFilter = {}): Promise<Record<Queue, number>> {
  const narrow = matching(filter);
  const count = async (queue: Queue) => {
    let q = db.selectFrom('comments as c').select('c.id');
    if (queue !== 'recent') q = q.where(inQueue(queue));
    if (narrow) q = q.where(narrow);
    const row = await db
      .selectFrom(q.limit(QUEUE_COUNT_CAP + 1).as('capped'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return [queue, Number(row.n)] as const;
  };
  return Object.fromEntries(await Promise.all(QUEUES.map(count))) as Record<Queue, number>;
}

/**
 * How many comments joined the pending or reported queue from `since` on: posted and held, or reported, since then.
 * From, not after: a comment stamped in the very millisecond of the last digest but committed after it is counted.
 */
export async function countArrivalsSince(db: Db, since: Date): Promise<number> {
  const at = since.toISOString();
  // Two walks, each off its own index, and a comment in both counted once (UNION): as one OR over every comment,
  // the digest's check read the whole table each time it ran.
  const held = db
    .selectFrom('comments as c')
    .select('c.id')
    .where('c.status', '=', 'pending')
    .where('c.created_at', '>=', at);
  const reported = db
    .selectFrom('comments as c')
    .select('c.id')
    .where(hasOpenReports)
    .where(
      'c.id',
      'in',
      db.selectFrom('comment_reports as r2').select('r2.comment_id').where('r2.created_at', '>=', at),
    );
  const row = await db
    .selectFrom(held.union(reported).as('arrived'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of a queue, newest first, with the article and the parent comment each answers. */
export async function listQueue(db: Db, input: { queue: Queue; limit: number; offset: number; filter?: QueueFilter }) {
  let q = db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select([
      'c.id',
      'c.article_id',
      'c.author_name',
      'c.author_email',
      'c.author_url',
      'c.body_html',
      'c.body_text',
      'c.edited_at',
      'c.status',
      'c.created_at',
      'c.ip',
      'c.kind',
      'c.featured_at',
      'c.staff_user_id',
      'a.headline',
      'a.slug',
      'p.id as parent_id',
      'p.author_name as parent_author',
      'p.body_text as parent_text',
    ]);
  if (input.queue !== 'recent') q = q.where(inQueue(input.queue));
  const narrow = matching(input.filter ?? {});
  if (narrow) q = q.where(narrow);
  const rows = await q
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorUrl: r.author_url,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    editedAt: r.edited_at ? new Date(r.edited_at) : null,
    status: r.status,
    createdAt: new Date(r.created_at),
    ip: r.ip,
    kind: r.kind,
    featured: r.featured_at !== null,
    byStaff: r.staff_user_id !== null,
    article: { headline: r.headline, slug: r.slug },
    parent: r.parent_id ? { id: r.parent_id, authorName: r.parent_author ?? '', text: r.parent_text ?? '' } : null,
  }));
}

/** The ids of one page of a queue, in the order listQueue shows them: what the desk's script compares with the page it shows. */
export async function listQueueIds(
  db: Db,
  input: { queue: Queue; limit: number; offset: number; filter?: QueueFilter },
): Promise<string[]> {
  let q = db.selectFrom('comments as c').select('c.id');
  if (input.queue !== 'recent') q = q.where(inQueue(input.queue));
  const narrow = matching(input.filter ?? {});
  if (narrow) q = q.where(narrow);
  const rows = await q
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => r.id);
}

/** Each email's record: comments in all, how many were approved, and when it first commented. */
export async function listCommenterHistory(db: Db, emails: string[]) {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .where('author_email', 'in', emails)
    .groupBy('author_email')
    .select((eb) => [
      'author_email',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'approved').then(1).else(0).end()).as('approved'),
      eb.fn.min('created_at').as('first_seen'),
    ])
    .execute();
  return rows.map((r) => ({
    email: r.author_email,
    total: Number(r.total),
    approved: Number(r.approved ?? 0),
    firstSeen: new Date(String(r.first_seen)),
  }));
}

/** Each article's comments waiting for a decision and shown to readers. */
export async function countByArticle(
  db: Db,
  articleIds: string[],
): Promise<Map<string, { pending: number; approved: number }>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments as c')
    .where('c.article_id', 'in', articleIds)
    .groupBy('c.article_id')
    .select((eb) => [
      'c.article_id',
      eb.fn.sum<number>(eb.case().when('c.status', '=', 'pending').then(1).else(0).end()).as('pending'),
      eb.fn.sum<number>(eb.case().when('c.status', '=', 'approved').then(1).else(0).end()).as('approved'),
    ])
    .execute();
  return new Map(
    rows.map((r) => [r.article_id, { pending: Number(r.pending ?? 0), approved: Number(r.approved ?? 0) }]),
  );
}
