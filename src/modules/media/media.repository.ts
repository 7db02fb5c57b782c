// All SQL about the media library.
import type { Db } from '../../platform/db/database.ts';
import type { MediaTable } from '../../platform/db/tables.ts';
import type { MediaItem } from './media.ts';

export const toItem = (r: MediaTable): MediaItem => ({
  id: r.id,
  url: r.url,
  originalName: r.original_name,
  format: r.format,
  width: Number(r.width),
  height: Number(r.height),
  bytes: Number(r.bytes),
  srcset: r.srcset,
  caption: r.caption,
  credit: r.credit,
  alt: r.alt,
  uploadedBy: r.uploaded_by,
  createdAt: new Date(r.created_at),
});

export async function insertMedia(db: Db, row: MediaTable): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

/** A search by words in the caption or credit, case-insensitive on both engines (LIKE is case-sensitive on PostgreSQL). */
function searched(db: Db, text: string | undefined) {
  let query = db.selectFrom('media');
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['caption']), 'like', eb.val(pattern)).$castTo<boolean>(),
        eb(eb.fn('lower', ['credit']), 'like', eb.val(pattern)).$castTo<boolean>(),
      ]),
    );
  }
  return query;
}

/** A page of the library, newest first, optionally only photos whose caption or credit has every word of `text`. */
export async function listMedia(db: Db, page: { limit: number; offset: number; text?: string }): Promise<MediaItem[]> {
  const rows = await searched(db, page.text)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toItem);
}

export async function countMedia(db: Db, text?: string): Promise<number> {
  const row = await searched(db, text)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findMedia(db: Db, id: string): Promise<MediaItem | undefined> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

export async function findMediaByIds(db: Db, ids: string[]): Promise<MediaItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', [...new Set(ids)].slice(0, 500))
    .execute();
  return rows.map(toItem);
}

export async function findMediaByUrls(db: Db, urls: string[]): Promise<MediaItem[]> {
  if (urls.length === 0) return [];
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('url', 'in', [...new Set(urls)].slice(0, 500))
    .execute();
  return rows.map(toItem);
}

/** Whether the library lists a picture at this address. */
export async function findMediaIdByUrl(db: Db, url: string): Promise<string | undefined> {
  return (await db.selectFrom('media').select('id').where('url', '=', url).executeTakeFirst())?.id;
}

export async function updateMediaText(
  db: Db,
  id: string,
  text: { caption: string; credit: string; alt: string },
): Promise<boolean> {
  const result = await db.updateTable('media').set(text).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMedia(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
