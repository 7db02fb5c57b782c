// Comment moderation: why each comment has its status, readers' reports, and banned commenters.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per decision: each rule that held or filed a new comment, a passed check, a reader-report hold,
  // or a moderator's change (staff_id set). The comment's status is the latest decision's outcome.
  await db.schema
    .createTable('comment_decisions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('comment_id', 'varchar(36)', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('rule', 'varchar(40)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('staff_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_decisions_comment_idx')
    .on('comment_decisions')
    .columns(['comment_id', 'created_at'])
    .execute();

  // A reader is known by address: one report per address and comment.
  await db.schema
    .createTable('comment_reports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('comment_id', 'varchar(36)', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter_ip', 'varchar(45)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('comment_reports_reader_uq', ['comment_id', 'reporter_ip'])
    .execute();

  // A ban names an email, an address or range (CIDR), or both; either one matching refuses the post.
  await db.schema
    .createTable('commenter_bans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'varchar(50)', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('staff_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commenter_bans_email_idx').on('commenter_bans').column('email').execute();

  // Flood control, first-comment and repeat checks look up a commenter's latest comments by email and by address.
  await db.schema.createIndex('comments_email_idx').on('comments').columns(['author_email', 'created_at']).execute();
  await db.schema.createIndex('comments_ip_idx').on('comments').columns(['ip', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_ip_idx').execute();
  await db.schema.dropIndex('comments_email_idx').execute();
  for (const table of ['commenter_bans', 'comment_reports', 'comment_decisions']) {
    await db.schema.dropTable(table).execute();
  }
}
