// All SQL about article revisions: every save keeps the article's editable state as a JSON snapshot.
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRevisionsTable } from '../../platform/db/tables.ts';

export async function insertRevisionRow(db: Db, row: ArticleRevisionsTable): Promise<void> {
  await db.insertInto('article_revisions').values(row).execute();
}

/** An article's revisions, newest first. */
export const listRevisionRows = (db: Db, articleId: string) =>
  db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
