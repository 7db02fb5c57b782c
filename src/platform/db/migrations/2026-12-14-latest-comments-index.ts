// The site's comment feed (/comments/rss.xml) reads the newest approved comments off this index, newest first, and
// stops at the feed's length. Without it, every approved comment was sorted by its time to keep the newest 20: at
// five million comments the query took 3.3 s on SQLite, and the request 3.6 s there and 4.3 s on PostgreSQL, against
// 40-60 ms at 50,000. Writes to comments wait while it builds: on PostgreSQL inside the migration's transaction, on
// SQLite behind its one writer (about 10 s and 7 s at five million comments on the bench machine).
// Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_latest_idx').on('comments').columns(['status', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_latest_idx').execute();
}
