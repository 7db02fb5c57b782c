// The one-time code that guards making the first admin account in the browser (issue 14).
// Frozen in time: this file imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // At most one row (id 'first-admin'): in the database, so every process of a scaled-out site checks the same
  // code. Only the code's SHA-256 is kept; the code itself is printed once, in the log or by `dateline setup-code`.
  await db.schema
    .createTable('setup_codes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_codes').execute();
}
