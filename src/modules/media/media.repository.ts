// All SQL about the media library.
import type { Db } from '../../platform/db/database.ts';
import type { MediaTable } from '../../platform/db/tables.ts';
import type { MediaItem } from './media.ts';

export const toItem = (r: MediaTable): MediaItem => ({
  id: r.id, url: r.url, originalName: r.original_name, format: r.format, width: Number(r.width), height: Number(r.height),
  bytes: Number(r.bytes), srcset: r.srcset, caption: r.caption, credit: r.credit, alt: r.alt, createdAt: new Date(r.created_at),
});

export async function insertMedia(db: Db, row: MediaTable): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

export async function listMedia(db: Db, page: { limit: number; offset: number }): Promise<MediaItem[]> {
  const rows = await db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map(toItem);
}

export async function findMedia(db: Db, id: string): Promise<MediaItem | undefined> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

export async function findMediaByUrls(db: Db, urls: string[]): Promise<MediaItem[]> {
  if (urls.length === 0) return [];
  const rows = await db.selectFrom('media').selectAll().where('url', 'in', [...new Set(urls)].slice(0, 500)).execute();
  return rows.map(toItem);
}

/** Whether the library lists a picture at this address. */
export async function findMediaIdByUrl(db: Db, url: string): Promise<string | undefined> {
  return (await db.selectFrom('media').select('id').where('url', '=', url).executeTakeFirst())?.id;
}
