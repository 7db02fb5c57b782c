// All SQL of the JSON backup: which tables it holds, in an order that satisfies every foreign key, each
// read in pages in a stable order, and written back row by row.
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/tables.ts';

export type BackupTable = keyof Database;

/**
 * The tables a backup holds, parents before children, with the columns that order their rows, and the columns each
 * database keeps for itself (`own`): left out of a backup, and dropped from a file's rows when it is restored.
 * Left out: api_tokens, sessions, password_tokens, sign_in_attempts, server_secrets, setup_codes and
 * comment_idempotency_keys (secrets and short-lived state); article_months and month_digests (kept by the database
 * from the articles, and made again as a restore writes them).
 */
export const BACKUP_TABLES: readonly { name: BackupTable; order: string[]; own?: string[] }[] = [
  { name: 'settings', order: ['key'] },
  { name: 'users', order: ['id'] },
  { name: 'sections', order: ['id'] },
  { name: 'tags', order: ['id'] },
  { name: 'media', order: ['id'] },
  // A count of this database's discussion changes (for page validators): a restored site keeps its own count.
  { name: 'articles', order: ['id'], own: ['discussion_revision'] },
  // Each byline's and tag's copy of its article's publication time (migrations 2026-12-13 and 2026-12-15), which the
  // database's triggers make again.
  { name: 'article_authors', order: ['article_id', 'user_id'], own: ['published_at'] },
  { name: 'article_tags', order: ['article_id', 'tag_id'], own: ['published_at'] },
  { name: 'slug_redirects', order: ['old_slug'] },
  { name: 'term_redirects', order: ['kind', 'old_slug'] },
  { name: 'article_revisions', order: ['id'] },
  { name: 'article_updates', order: ['id'] },
  { name: 'front_page_slots', order: ['position', 'article_id'] },
  // By depth, so every reply comes after the comment it answers.
  { name: 'comments', order: ['depth', 'id'] },
  { name: 'comment_decisions', order: ['id'] },
  { name: 'comment_reports', order: ['id'] },
  { name: 'comment_revisions', order: ['id'] },
  { name: 'commenter_bans', order: ['id'] },
  { name: 'audit_log', order: ['id'] },
  { name: 'wordpress_imports', order: ['source', 'kind', 'wp_id'] },
  { name: 'legacy_urls', order: ['path'] },
  // People who asked for no more mail must still get none after a restore. (The outbox and the server's
  // own secrets are left out: mail in flight and signing keys belong to the running site.)
  { name: 'notification_optouts', order: ['email'] },
];

type Row = Record<string, unknown>;
// Rows move as they are, whatever the table: the typed schema cannot name a table chosen at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: a backup names its tables at run time
const untyped = (db: Db) => db as unknown as Kysely<any>;

/** One page of a table's rows in the table's stable order. */
export async function listRows(
  db: Db,
  { table, order, offset, limit }: { table: BackupTable; order: string[]; offset: number; limit: number },
): Promise<Row[]> {
  // The table and column names come from BACKUP_TABLES, never from a file.
  let q = untyped(db).selectFrom(table).selectAll();
  for (const column of order) q = q.orderBy(column);
  return (await q.limit(limit).offset(offset).execute()) as Row[];
}

/** How many rows the tables that make a site hold: anything but zero means the site is in use. */
export async function countContent(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['users', 'articles', 'comments', 'sections', 'tags', 'media'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

export async function deleteSettings(db: Db): Promise<void> {
  await db.deleteFrom('settings').execute();
}

export async function insertRow(db: Db, table: BackupTable, row: Row): Promise<void> {
  await untyped(db).insertInto(table).values(row).execute();
}

/** Sections go in without parents first (a parent may come later in id order), then get them back. */
export async function setSectionParent(db: Db, id: string, parentId: string): Promise<void> {
  await db.updateTable('sections').set({ parent_id: parentId }).where('id', '=', id).execute();
}
