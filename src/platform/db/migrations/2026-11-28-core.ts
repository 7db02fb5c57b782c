// The core schema: articles, their people, sections and tags, and the discussion under them.
// Frozen in time: this file imports nothing from src/modules.
// Times are ISO-8601 UTC text on both engines: one code path, sortable as text, no driver Date quirks.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('label', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('headline', 'varchar(300)', (c) => c.notNull())
    .addColumn('subheadline', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('dateline', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .addColumn('source_credit', 'varchar(120)', (c) => c.notNull().defaultTo(''))
    .addColumn('section_id', 'varchar(36)', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('image_url', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
    .addColumn('image_caption', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('image_credit', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('image_alt', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('image_width', 'integer')
    .addColumn('image_height', 'integer')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('comment_setting', 'varchar(10)', (c) => c.notNull().defaultTo('default'))
    .addColumn('comments_closed_at', 'varchar(30)')
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_public_idx').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_section_idx').on('articles').columns(['section_id', 'published_at']).execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'user_id'])
    .execute();
  await db.schema.createIndex('article_authors_user_idx').on('article_authors').column('user_id').execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'varchar(36)', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').column('tag_id').execute();

  await db.schema
    .createTable('slug_redirects')
    .addColumn('old_slug', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(36)', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('author_email', 'varchar(254)', (c) => c.notNull())
    .addColumn('author_url', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ip', 'varchar(45)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('comments_thread_idx')
    .on('comments')
    .columns(['article_id', 'status', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'comments',
    'slug_redirects',
    'article_tags',
    'article_authors',
    'articles',
    'tags',
    'sections',
    'api_tokens',
    'users',
    'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
