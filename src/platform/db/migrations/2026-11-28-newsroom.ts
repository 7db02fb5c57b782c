// Staff sessions, sign-in attempts (for slowing brute force) and the audit log.
// Frozen in time: this file imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ip', 'varchar(45)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('ip', 'varchar(45)', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_attempts_email_idx')
    .on('sign_in_attempts')
    .columns(['email', 'created_at'])
    .execute();
  await db.schema.createIndex('sign_in_attempts_ip_idx').on('sign_in_attempts').columns(['ip', 'created_at']).execute();

  // One-time links: password resets and invitations. Only a hash of the secret is kept.
  await db.schema
    .createTable('password_tokens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .execute();

  // Every save of an article keeps its full state, so any two can be compared and any one restored.
  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('editor_id', 'varchar(36)')
    .addColumn('editor_name', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_revisions_article_idx')
    .on('article_revisions')
    .columns(['article_id', 'version'])
    .execute();

  await db.schema.alterTable('articles').addColumn('preview_token', 'varchar(64)').execute();
  // The responsive sizes of a featured image from the media library, as a ready srcset.
  await db.schema
    .alterTable('articles')
    .addColumn('image_srcset', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // A renamed or merged section or tag keeps its old address working, as articles do.
  await db.schema
    .createTable('term_redirects')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('old_slug', 'varchar(120)', (c) => c.notNull())
    .addColumn('term_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('term_redirects_pk', ['kind', 'old_slug'])
    .execute();
  await db.schema.alterTable('sections').addColumn('comments_close_after_days', 'integer').execute();
  await db.schema
    .alterTable('users')
    .addColumn('photo_url', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .addColumn('original_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('srcset', 'text', (c) => c.notNull())
    .addColumn('caption', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('alt', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_time_idx').on('media').column('created_at').execute();
  await db.schema.createIndex('articles_preview_idx').on('articles').column('preview_token').unique().execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'varchar(45)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_time_idx').on('audit_log').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media').execute();
  await db.schema.alterTable('users').dropColumn('photo_url').execute();
  await db.schema.alterTable('sections').dropColumn('comments_close_after_days').execute();
  await db.schema.dropTable('term_redirects').execute();
  await db.schema.alterTable('articles').dropColumn('image_srcset').execute();
  await db.schema.alterTable('articles').dropColumn('preview_token').execute();
  for (const table of ['audit_log', 'article_revisions', 'password_tokens', 'sign_in_attempts', 'sessions'])
    await db.schema.dropTable(table).execute();
}
