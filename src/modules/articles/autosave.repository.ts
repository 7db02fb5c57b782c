// All SQL about autosave slots.
import type { Db } from '../../platform/db/database.ts';
import type { AutosavesTable } from '../../platform/db/tables.ts';

/** Writes the person's slot for an article (or 'new'), replacing what it held. */
export async function upsertAutosave(db: Db, row: AutosavesTable): Promise<void> {
  await db
    .insertInto('autosaves')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'article_key'])
        .doUpdateSet({ fields: row.fields, saved_at: row.saved_at, article_id: row.article_id }),
    )
    .execute();
}

export async function findAutosave(db: Db, userId: string, articleKey: string): Promise<AutosavesTable | undefined> {
  return db
    .selectFrom('autosaves')
    .selectAll()
    .where('user_id', '=', userId)
    .where('article_key', '=', articleKey)
    .executeTakeFirst();
}

export async function deleteAutosave(db: Db, userId: string, articleKey: string): Promise<void> {
  await db.deleteFrom('autosaves').where('user_id', '=', userId).where('article_key', '=', articleKey).execute();
}
