// The reader's list indexes carry each article's language, so a language edition's lists (/es/, /es/sections/…) stay
// read off the index in order, as the one-language lists are: the language is checked in the index entry, never in
// the table row. Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

const INDEXES = {
  articles_newest_idx: ['status', 'kind', 'published_at', 'id'],
  articles_section_list_idx: ['section_id', 'status', 'kind', 'published_at', 'id'],
};

async function rebuild(db: Kysely<any>, withLanguage: boolean): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES)) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on('articles')
      .columns(withLanguage ? [...columns, 'language'] : columns)
      .execute();
  }
}

export const up = (db: Kysely<any>) => rebuild(db, true);
export const down = (db: Kysely<any>) => rebuild(db, false);
