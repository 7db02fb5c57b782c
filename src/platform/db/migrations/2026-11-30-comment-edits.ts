// Commenters change their own comments for a while, moderators correct them, and every earlier text is kept.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // sha256 of the random key in the commenter's signed cookie: the browser that posted a comment owns it.
  // Null for comments from before this, imports and the demo: nobody can change those as their author.
  await db.schema.alterTable('comments').addColumn('author_key_hash', 'varchar(64)').execute();
  // Set when the text last changed after posting, by its author or a moderator: pages mark it "edited".
  await db.schema.alterTable('comments').addColumn('edited_at', 'varchar(30)').execute();
  // The owner's view of an article looks up their comments on it by key.
  await db.schema
    .createIndex('comments_author_key_idx')
    .on('comments')
    .columns(['author_key_hash', 'article_id'])
    .execute();

  // One row per change of a comment's text: the text as it was before the change.
  await db.schema
    .createTable('comment_revisions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('comment_id', 'varchar(36)', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    // 'author', or the id of the staff member who changed it (kept if they leave, as the audit log keeps names).
    .addColumn('edited_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_revisions_comment_idx')
    .on('comment_revisions')
    .columns(['comment_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_revisions').execute();
  await db.schema.dropIndex('comments_author_key_idx').execute();
  await db.schema.alterTable('comments').dropColumn('edited_at').execute();
  await db.schema.alterTable('comments').dropColumn('author_key_hash').execute();
}
