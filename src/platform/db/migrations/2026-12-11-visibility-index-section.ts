// A search narrowed to a section reads up to 10,000 of the newest matches of the words on SQLite and asks each
// match's article whether it is public and in that section. articles_visibility_idx (2026-12-09) answered the first
// question but not the second, so every match read its article's row, body and all: "bridge" in sport took 60 ms
// at a million articles, 43 ms with the section in the index. PostgreSQL walks a section through its own index
// (articles_section_list_idx) and keeps this one as it was.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import type { Kysely, Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

async function visibilityIndex(db: Kysely<any>, columns: string[]) {
  await db.schema.dropIndex('articles_visibility_idx').execute();
  await db.schema.createIndex('articles_visibility_idx').on('articles').columns(columns).execute();
}

const BEFORE = ['id', 'status', 'kind', 'published_at', 'language'];

export function visibilityIndexSectionMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      if (dialect === 'sqlite') await visibilityIndex(db, [...BEFORE, 'section_id']);
    },
    async down(db) {
      if (dialect === 'sqlite') await visibilityIndex(db, BEFORE);
    },
  };
}
