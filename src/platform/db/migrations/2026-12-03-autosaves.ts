// Autosave: each person's unsaved text of an article (or of the new article they are writing), kept apart from the
// article and its version, so saving every few seconds never races the version check. One slot per person and
// article ('new' for an article not saved yet). Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('autosaves')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_key', 'varchar(36)', (c) => c.notNull())
    .addColumn('article_id', 'varchar(36)', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('autosaves_pk', ['user_id', 'article_key'])
    .execute();
  await db.schema.createIndex('autosaves_article_idx').on('autosaves').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('autosaves').execute();
}
