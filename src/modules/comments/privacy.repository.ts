// All SQL about a commenter's data as privacy asks for it: old addresses blanked, everything one email wrote.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/** Blanks the address and browser of comments posted before a time; returns how many changed. */
export async function blankAddressesBefore(db: Db, before: string): Promise<number> {
  const result = await db
    .updateTable('comments')
    .set({ ip: '', user_agent: '' })
    .where('created_at', '<', before)
    // Written as the partial index comments_addresses_kept_idx states it (literals, not parameters), so both
    // planners see that the index holds every row this can touch.
    .where(sql<boolean>`(ip <> '' or user_agent <> '')`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every comment an email wrote, oldest first, with its article's slug and what only moderators see. */
export const listCommentsOfEmail = (db: Db, email: string) =>
  db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'articles.slug',
      'comments.author_name',
      'comments.author_url',
      'comments.body_text',
      'comments.status',
      'comments.created_at',
      'comments.ip',
      'comments.user_agent',
    ])
    .where('comments.author_email', '=', email)
    .orderBy('comments.created_at')
    .execute();

/** The earlier texts of these comments, oldest first. */
export const listEarlierTexts = (db: Db, commentIds: string[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comment_revisions')
        .select(['comment_id', 'body'])
        .where('comment_id', 'in', commentIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();

/** The articles an email commented under (whose pages change when their comments go). */
export async function articlesCommentedBy(db: Db, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom('comments')
    .select('article_id')
    .distinct()
    .where('author_email', '=', email)
    .execute();
  return rows.map((r) => r.article_id);
}

/** Deletes every comment an email wrote; returns how many. */
export async function deleteCommentsOfEmail(db: Db, email: string): Promise<number> {
  return Number((await db.deleteFrom('comments').where('author_email', '=', email).executeTakeFirst()).numDeletedRows);
}
