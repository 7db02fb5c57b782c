// An article's count of approved comments is kept by the same triggers that move its discussion revision, instead of
// by each writing path. On PostgreSQL the application's own `comment_count + 1` locked the article's row from that
// statement until the client sent COMMIT: every comment posted under one article waited a round trip to Node for the
// one before (the load test's backends sat "idle in transaction" on it). The deferred trigger takes the lock only
// while the transaction commits, inside the server. It also leaves no path that can forget to count (approval, edits,
// staff replies, erasure, imports, restores). The counts are set once from the rows, the starting point the
// triggers move from. Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** What a comment shows on the public page (as the triggers of 2026-12-05 name it). */
const SHOWN =
  'status, body_html, edited_at, featured_at, author_name, author_url, parent_id, article_id, staff_user_id, created_at';

/** One statement for a row's change, bumping the revision once per article touched and moving the count by the change. */
const CHANGED = `UPDATE articles SET discussion_revision = discussion_revision + 1,
      comment_count = comment_count
        + CASE WHEN id = NEW.article_id AND NEW.status = 'approved' THEN 1 ELSE 0 END
        - CASE WHEN id = OLD.article_id AND OLD.status = 'approved' THEN 1 ELSE 0 END
    WHERE id IN (OLD.article_id, NEW.article_id)`;
const ADDED = `UPDATE articles SET discussion_revision = discussion_revision + 1, comment_count = comment_count + 1
    WHERE id = NEW.article_id`;
const REMOVED = `UPDATE articles SET discussion_revision = discussion_revision + 1, comment_count = comment_count - 1
    WHERE id = OLD.article_id`;

/** The statements for a comment added, changed and removed: counting (up), or moving the revision alone (down). */
const statements = (counting: boolean) =>
  counting
    ? { added: ADDED, changed: CHANGED, removed: REMOVED }
    : {
        added: 'UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = NEW.article_id',
        changed:
          'UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id IN (OLD.article_id, NEW.article_id)',
        removed: 'UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = OLD.article_id',
      };

const RECOUNT = `UPDATE articles SET comment_count =
    (SELECT count(*) FROM comments WHERE comments.article_id = articles.id AND comments.status = 'approved')`;

async function sqliteTriggers(db: Kysely<any>, counting: boolean) {
  const { added, changed, removed } = statements(counting);
  for (const t of ['insert', 'update', 'delete'])
    await sql.raw(`DROP TRIGGER IF EXISTS comments_revision_${t}`).execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_insert AFTER INSERT ON comments WHEN NEW.status = 'approved'
    BEGIN ${added}; END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_update AFTER UPDATE OF ${SHOWN} ON comments
    WHEN OLD.status = 'approved' OR NEW.status = 'approved'
    BEGIN ${changed}; END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_delete AFTER DELETE ON comments WHEN OLD.status = 'approved'
    BEGIN ${removed}; END`)
    .execute(db);
}

/** The PostgreSQL function behind the three deferred triggers of 2026-12-07 (which stay as they are). */
async function postgresFunction(db: Kysely<any>, counting: boolean) {
  const { added, changed, removed } = statements(counting);
  await sql
    .raw(`CREATE OR REPLACE FUNCTION dateline_discussion_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${added};
      ELSIF TG_OP = 'DELETE' THEN
        ${removed};
      ELSE
        ${changed};
      END IF;
      RETURN NULL;
    END $$`)
    .execute(db);
}

export function commentCountByTriggerMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      await (dialect === 'postgres' ? postgresFunction(db, true) : sqliteTriggers(db, true));
      await sql.raw(RECOUNT).execute(db);
    },
    async down(db) {
      await (dialect === 'postgres' ? postgresFunction(db, false) : sqliteTriggers(db, false));
    },
  };
}
