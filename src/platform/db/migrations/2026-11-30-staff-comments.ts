// What the moderation desk adds to a comment: an editor's pick, and a reply written by staff.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When an editor featured the comment (shown under "Editor's picks" while approved); null when it is not featured.
  await db.schema.alterTable('comments').addColumn('featured_at', 'varchar(30)').execute();
  // The staff member who wrote the comment from the desk; the "Staff" badge comes from this column only, never
  // from the name or email typed, so a reader cannot wear it. Null for readers' comments.
  await db.schema
    .alterTable('comments')
    .addColumn('staff_user_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('comments_featured_idx').on('comments').columns(['article_id', 'featured_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_featured_idx').execute();
  await db.schema.alterTable('comments').dropColumn('staff_user_id').execute();
  await db.schema.alterTable('comments').dropColumn('featured_at').execute();
}
