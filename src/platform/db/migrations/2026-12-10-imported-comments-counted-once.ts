// An import counts the comments it adds once per article, just before it commits, instead of by the deferred
// trigger of each row (PostgreSQL). At commit that trigger ran one UPDATE of the article per approved comment:
// 2.5 s of a 10,000-post, 100,000-comment import's 29 s, while the import sat waiting. A transaction that sets
// `dateline.comments_counted_by_caller` to 'on' (set_config(..., true): it ends with the transaction) skips
// the insert trigger and adds the counts itself; a comment it updates still goes through the update trigger.
// SQLite's triggers are not deferred: each is one in-process UPDATE, a small part of an insert.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

const APPROVED = `NEW.status = 'approved'`;

async function recreate(db: Kysely<any>, when: string) {
  await sql.raw('DROP TRIGGER IF EXISTS comments_revision_insert ON comments').execute(db);
  await sql
    .raw(`CREATE CONSTRAINT TRIGGER comments_revision_insert AFTER INSERT ON comments
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION dateline_discussion_changed()`)
    .execute(db);
}

export function importedCommentsCountedOnceMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      if (dialect === 'postgres')
        await recreate(
          db,
          `${APPROVED} AND current_setting('dateline.comments_counted_by_caller', true) IS DISTINCT FROM 'on'`,
        );
    },
    async down(db) {
      if (dialect === 'postgres') await recreate(db, APPROVED);
    },
  };
}
