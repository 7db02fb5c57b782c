// All SQL about the media library.
import type { Db } from '../../platform/db/database.ts';
import type { MediaTable } from '../../platform/db/tables.ts';

export async function insertMedia(db: Db, row: MediaTable): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

/** The newest uploads first, a page at a time. */
export const listMediaRows = (db: Db, page: { limit: number; offset: number }) =>
  db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();

export const findMediaRow = (db: Db, id: string) => db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
