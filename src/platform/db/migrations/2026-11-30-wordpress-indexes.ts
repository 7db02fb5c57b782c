// The WordPress id lookups of a re-import must use the primary key. Within the import's one long transaction
// PostgreSQL plans with the statistics of a near-empty table, and the two side indexes, which began with the same
// (source, kind) prefix, tied with it: the planner took one and filtered every row of that kind for each lookup,
// so a 20,000-post import ran 25 times longer than one a tenth its size. Led by the column they exist for,
// they no longer compete. Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('wordpress_imports_guid_idx').execute();
  await db.schema.dropIndex('wordpress_imports_parent_idx').execute();
  await db.schema
    .createIndex('wordpress_imports_guid_idx')
    .on('wordpress_imports')
    .columns(['guid', 'source', 'kind'])
    .execute();
  await db.schema
    .createIndex('wordpress_imports_parent_idx')
    .on('wordpress_imports')
    .columns(['parent_wp_id', 'source', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('wordpress_imports_guid_idx').execute();
  await db.schema.dropIndex('wordpress_imports_parent_idx').execute();
  await db.schema
    .createIndex('wordpress_imports_guid_idx')
    .on('wordpress_imports')
    .columns(['source', 'kind', 'guid'])
    .execute();
  await db.schema
    .createIndex('wordpress_imports_parent_idx')
    .on('wordpress_imports')
    .columns(['source', 'kind', 'parent_wp_id'])
    .execute();
}
