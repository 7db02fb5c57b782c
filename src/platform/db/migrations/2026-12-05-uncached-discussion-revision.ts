// An article's discussion revision: a number the database bumps whenever a comment readers can see is added, changed
// or removed, so the article page's validator (its ETag) can say "the discussion changed" without reading the comments.
// Kept by triggers rather than by each writing path: approval, edits, picks, staff replies, bans, imports and erasure
// all write comments, and a path that forgot to bump would let a changed page answer 304 to an old copy.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** What a comment shows on the public page; a change to any other column (an address blanked) changes no page. */
const SHOWN =
  'status, body_html, edited_at, featured_at, author_name, author_url, parent_id, article_id, staff_user_id, created_at';

async function sqliteUp(db: Kysely<any>) {
  await sql
    .raw(`CREATE TRIGGER comments_revision_insert AFTER INSERT ON comments WHEN NEW.status = 'approved'
    BEGIN UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = NEW.article_id; END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_update AFTER UPDATE OF ${SHOWN} ON comments
    WHEN OLD.status = 'approved' OR NEW.status = 'approved'
    BEGIN UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id IN (OLD.article_id, NEW.article_id); END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_delete AFTER DELETE ON comments WHEN OLD.status = 'approved'
    BEGIN UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = OLD.article_id; END`)
    .execute(db);
}

async function postgresUp(db: Kysely<any>) {
  await sql
    .raw(`CREATE FUNCTION dateline_discussion_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = NEW.article_id;
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id = OLD.article_id;
      ELSE
        UPDATE articles SET discussion_revision = discussion_revision + 1 WHERE id IN (OLD.article_id, NEW.article_id);
      END IF;
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_insert AFTER INSERT ON comments FOR EACH ROW
    WHEN (NEW.status = 'approved') EXECUTE FUNCTION dateline_discussion_changed()`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_update AFTER UPDATE OF ${SHOWN} ON comments FOR EACH ROW
    WHEN (OLD.status = 'approved' OR NEW.status = 'approved') EXECUTE FUNCTION dateline_discussion_changed()`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER comments_revision_delete AFTER DELETE ON comments FOR EACH ROW
    WHEN (OLD.status = 'approved') EXECUTE FUNCTION dateline_discussion_changed()`)
    .execute(db);
}

export function discussionRevisionMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      await db.schema
        .alterTable('articles')
        .addColumn('discussion_revision', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await (dialect === 'postgres' ? postgresUp(db) : sqliteUp(db));
    },
    async down(db) {
      for (const t of ['insert', 'update', 'delete']) {
        await sql
          .raw(`DROP TRIGGER IF EXISTS comments_revision_${t}${dialect === 'postgres' ? ' ON comments' : ''}`)
          .execute(db);
      }
      if (dialect === 'postgres') await sql.raw('DROP FUNCTION IF EXISTS dateline_discussion_changed()').execute(db);
      await db.schema.alterTable('articles').dropColumn('discussion_revision').execute();
    },
  };
}
