// Updates and corrections readers see on an article, and the time its content last really changed.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When the article's content last changed (an edit of its words, picture or labels, or a recorded update or
  // correction). updated_at also moves for pins, discussion switches and the trash; this moves only for what a
  // reader would call a change, so dateModified, feeds and sitemaps do not claim news where there is none.
  await db.schema.alterTable('articles').addColumn('modified_at', 'varchar(30)').execute();
  // The best that is known of the past: the last save.
  await sql`update articles set modified_at = updated_at`.execute(db);

  // "Updated at 3:40 pm: adds the minister's statement"; "Correction: an earlier version misspelled ...".
  await db.schema
    .createTable('article_updates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // 'update' or 'correction'
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    // Plain text, as the editor wrote it.
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    // Who recorded it; the name is kept if they leave, as the audit log keeps names.
    .addColumn('editor_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('editor_name', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('article_updates_article_idx')
    .on('article_updates')
    .columns(['article_id', 'created_at'])
    .execute();
  // The /corrections page lists every correction, newest first.
  await db.schema
    .createIndex('article_updates_kind_idx')
    .on('article_updates')
    .columns(['kind', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_updates').execute();
  await db.schema.alterTable('articles').dropColumn('modified_at').execute();
}
