// The hourly erasure of commenters' addresses (comments past the retention period whose ip or browser is still kept)
// read every comment to find the few of the last hour: at five million comments, a full scan each hour and at every
// start. A partial index holds only the comments whose addresses are still kept, by age, so the erasure reads just
// those and the index stays as small as the retention period. Frozen in time: imports nothing from src/modules.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index comments_addresses_kept_idx on comments (created_at) where ip <> '' or user_agent <> ''`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_addresses_kept_idx').execute();
}
