// Indexes that keep the reader's lists as fast at a million articles as at ten thousand. Each list's filter columns
// come first (status and kind by equality, the section), then its order (publication time, id): the page is
// read off the index in order with no sort, and, as every column the page's query selects is in it, the skipped
// entries of a deep page never touch the table. Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The front page after the editors' placed stories, feeds, author and tag pages: strictly newest first.
  await db.schema
    .createIndex('articles_newest_idx')
    .on('articles')
    .columns(['status', 'kind', 'published_at', 'id'])
    .execute();
  // A section's pages.
  await db.schema
    .createIndex('articles_section_list_idx')
    .on('articles')
    .columns(['section_id', 'status', 'kind', 'published_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['articles_section_list_idx', 'articles_newest_idx']) await db.schema.dropIndex(name).execute();
}
