// The discussion revision's triggers on PostgreSQL run at commit instead of at each comment's write. Run at the write,
// the bump locked the article's row from the comment's insert to the end of its transaction (the moderation
// decisions, the mail, the idempotency answer), and every comment posted under one article waited for the one before:
// the comment load test spent most of its time waiting on that row lock. Deferred, the row is locked only while
// the transaction commits. SQLite, with one writer at a time, keeps its triggers. Frozen in time: imports nothing
// from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** What a comment shows on the public page (as the triggers of 2026-12-05 name it). */
const SHOWN =
  'status, body_html, edited_at, featured_at, author_name, author_url, parent_id, article_id, staff_user_id, created_at';

const TRIGGERS = [
  { name: 'comments_revision_insert', on: 'INSERT', when: `NEW.status = 'approved'` },
  {
    name: 'comments_revision_update',
    on: `UPDATE OF ${SHOWN}`,
    when: `OLD.status = 'approved' OR NEW.status = 'approved'`,
  },
  { name: 'comments_revision_delete', on: 'DELETE', when: `OLD.status = 'approved'` },
];

async function recreate(db: Kysely<any>, deferred: boolean) {
  for (const t of TRIGGERS) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t.name} ON comments`).execute(db);
    const create = deferred
      ? `CREATE CONSTRAINT TRIGGER ${t.name} AFTER ${t.on} ON comments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW`
      : `CREATE TRIGGER ${t.name} AFTER ${t.on} ON comments FOR EACH ROW`;
    await sql.raw(`${create} WHEN (${t.when}) EXECUTE FUNCTION dateline_discussion_changed()`).execute(db);
  }
}

export function deferredDiscussionRevisionMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      if (dialect === 'postgres') await recreate(db, true);
    },
    async down(db) {
      if (dialect === 'postgres') await recreate(db, false);
    },
  };
}
