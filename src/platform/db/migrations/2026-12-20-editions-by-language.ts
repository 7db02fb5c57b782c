// A language edition's lists were read off the site's list indexes, which carry the language last (2026-12-05): an
// edition's page walked every newer article of every language to find its own. For an edition whose stories are old
// (one the newsroom stopped writing, or writes rarely) that was most of the archive: at a million articles, /es/ and
// its feed took 92 ms on SQLite and a section of it 57 ms, against 3 ms for the default edition's. These indexes lead
// with the language, so an edition's page is read off its own entries. They hold only articles that name a language:
// on a one-language site, where none does, they stay empty and cost no write. The default edition, which also holds
// the articles that name none, keeps the site's list indexes. Frozen in time: imports nothing from src/modules.
import { sql, type Kysely } from 'kysely';

const INDEXES = {
  articles_edition_newest_idx: ['language', 'status', 'kind', 'published_at', 'id'],
  articles_edition_section_idx: ['language', 'section_id', 'status', 'kind', 'published_at', 'id'],
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES))
    await db.schema
      .createIndex(name)
      .on('articles')
      .columns(columns)
      .where(sql.ref('language'), 'is not', null)
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(INDEXES)) await db.schema.dropIndex(name).execute();
}
