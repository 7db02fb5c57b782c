// Languages of articles and of the people on the desk.
// Each article's language, and the translation group that links an article to its translations.
// - language: a BCP 47 tag; null means the site's default language, so existing articles follow the setting.
// - translation_group: articles sharing a group are translations of one another (at most one per language, kept by
//   the service); null for an article with no translation.
// - users.language: the language the desk speaks to this person; null means the site's default language.
// Frozen in time: this file imports nothing from src/modules.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('language', 'varchar(35)').execute();
  await db.schema.alterTable('articles').addColumn('translation_group', 'varchar(36)').execute();
  // Only linked articles: most have no translation, and counted in the index they would make SQLite's statistics
  // call it useless (a sitemap's lookup of an article's translations would then read every article).
  await db.schema
    .createIndex('articles_translation_group_idx')
    .on('articles')
    .column('translation_group')
    .where(sql.ref('translation_group'), 'is not', null)
    .execute();
  await db.schema.alterTable('users').addColumn('language', 'varchar(35)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
  await db.schema.dropIndex('articles_translation_group_idx').execute();
  await db.schema.alterTable('articles').dropColumn('translation_group').execute();
  await db.schema.alterTable('articles').dropColumn('language').execute();
}
