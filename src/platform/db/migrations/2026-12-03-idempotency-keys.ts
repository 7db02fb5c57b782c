// Idempotency keys of comment posts: a client that sends the same Idempotency-Key again (a retry after a node died
// mid-request) gets the first answer back instead of posting twice. Rows are written in the transaction that stores the
// comment, so every app process sees them, and forgotten after a day. Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment_idempotency_keys')
    // sha256 of the client's key: the key itself may be anything printable up to 255 characters.
    .addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
    // sha256 of what was posted: the same key with another comment is refused, not answered with the first one.
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('comment_id', 'varchar(36)', (c) => c.notNull())
    // The answer as JSON: the posted comment, or the error its poster was told after it was stored (a repeat).
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_idempotency_keys_created_idx')
    .on('comment_idempotency_keys')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_idempotency_keys').execute();
}
