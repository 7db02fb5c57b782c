// Mail to readers and staff: reply notifications (opt-in per comment), one-click opt-outs, the moderators'
// digest, and the transactional outbox every such mail goes through.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The commenter asked to be mailed when someone replies (0 or 1); only ever 1 with an email.
  await db.schema
    .alterTable('comments')
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Staff who moderate get the digest of waiting comments unless they turn it off (0 or 1).
  await db.schema
    .alterTable('users')
    .addColumn('moderation_digest', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Written in the same transaction as the change that calls for the mail; a worker sends it after commit.
  // (kind, dedupe_key) is unique: the same event never queues a second mail.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(254)', (c) => c.notNull())
    .addColumn('subject', 'varchar(500)', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    // JSON object of extra headers (List-Unsubscribe and its one-click companion).
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    // queued, sending (claimed by a worker until lease_until), sent, failed (gave up), cancelled (recipient opted out)
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('lease_until', 'varchar(30)')
    .addColumn('last_error', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .addUniqueConstraint('mail_outbox_dedupe_uq', ['kind', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();

  // Emails that asked for no more reply notifications: kept after their comments are gone.
  await db.schema
    .createTable('notification_optouts')
    .addColumn('email', 'varchar(254)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  // Secrets the server makes for itself once (e.g. the key that signs unsubscribe links), shared by every process.
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  // When a periodic job last ran, so that with several processes only one runs it per interval.
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('last_run_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['job_runs', 'server_secrets', 'notification_optouts', 'mail_outbox']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('moderation_digest').execute();
  await db.schema.alterTable('comments').dropColumn('notify_replies').execute();
}
