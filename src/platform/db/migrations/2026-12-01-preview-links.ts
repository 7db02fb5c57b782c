// Preview links get their own table: only a hash of the secret is stored, each link expires, and an article may
// have several (one per person it was sent to), each revocable. The one raw secret an article held converts to a
// hashed link that expires a week from now, if the article still has something to preview (a draft, one in review,
// or one scheduled for later); links of public or trashed articles are dropped. Frozen in time: imports nothing
// from src/modules.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

const WEEK_MS = 7 * 86_400_000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('preview_links')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('preview_links_article_idx').on('preview_links').column('article_id').execute();

  const now = new Date();
  const held = (await db
    .selectFrom('articles')
    .select(['id', 'preview_token', 'status', 'published_at'])
    .where('preview_token', 'is not', null)
    .execute()) as { id: string; preview_token: string; status: string; published_at: string | null }[];
  for (const article of held) {
    const scheduled =
      article.status === 'published' && article.published_at !== null && article.published_at > now.toISOString();
    if (article.status !== 'draft' && article.status !== 'pending' && !scheduled) continue;
    await db
      .insertInto('preview_links')
      .values({
        id: randomUUID(),
        article_id: article.id,
        token_hash: createHash('sha256').update(article.preview_token).digest('hex'),
        created_by: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + WEEK_MS).toISOString(),
      })
      .execute();
  }
  await db.schema.dropIndex('articles_preview_idx').execute();
  await db.schema.alterTable('articles').dropColumn('preview_token').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The raw secrets are gone for good: the old links cannot come back.
  await db.schema.alterTable('articles').addColumn('preview_token', 'varchar(64)').execute();
  await db.schema.createIndex('articles_preview_idx').on('articles').column('preview_token').unique().execute();
  await db.schema.dropTable('preview_links').execute();
}
