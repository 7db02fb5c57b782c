// All SQL about preview links, but the article they open (article.repository.ts hydrates that).
import type { Db } from '../../platform/db/database.ts';
import type { PreviewLinksTable } from '../../platform/db/tables.ts';

export async function insertPreviewLink(db: Db, row: PreviewLinksTable): Promise<void> {
  await db.insertInto('preview_links').values(row).execute();
}

/** An article's unexpired links with who made them, newest first. */
export const listLivePreviewLinks = (db: Db, articleId: string, now: string) =>
  db
    .selectFrom('preview_links')
    .leftJoin('users', 'users.id', 'preview_links.created_by')
    .select([
      'preview_links.id',
      'preview_links.created_at',
      'preview_links.expires_at',
      'users.name as created_by_name',
    ])
    .where('preview_links.article_id', '=', articleId)
    .where('preview_links.expires_at', '>', now)
    .orderBy('preview_links.created_at', 'desc')
    .orderBy('preview_links.id', 'desc')
    .execute();

export async function deletePreviewLink(db: Db, articleId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('preview_links')
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Ends every link of an article (it went public, left the public or its schedule, or went to the trash). */
export async function deletePreviewLinksOf(db: Db, articleId: string): Promise<number> {
  return Number(
    (await db.deleteFrom('preview_links').where('article_id', '=', articleId).executeTakeFirst()).numDeletedRows,
  );
}
