// The replies index holds replies only. Most comments answer nobody (parent_id null); counted in the index, they made
// SQLite's statistics call it useless, and a page's threads then read the whole comments table once per level of
// replies. Without them the index is small and its statistics true. Frozen in time: imports nothing from src/modules.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_parent_idx').execute();
  await db.schema
    .createIndex('comments_parent_idx')
    .on('comments')
    .column('parent_id')
    .where(sql.ref('parent_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_parent_idx').execute();
  await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();
}
