// The moderation desk's "recent" queue lists every comment newest first, whatever its status. No index held all
// comments in that order (comments_latest_idx leads with the status), so each view sorted every comment on the site
// to show 25: at five million comments that took seconds, and the queue's script asks for the page every few seconds.
// Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_recent_idx').on('comments').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_recent_idx').execute();
}
