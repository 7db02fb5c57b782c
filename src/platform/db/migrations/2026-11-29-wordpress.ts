// What the WordPress import needs: a map from WordPress ids to Dateline rows (so a second run
// matches instead of duplicating), the old addresses that must keep answering with a 301,
// nested sections, pages beside articles, sticky articles and the kind of each comment.
// Frozen in time: this file imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wordpress_imports')
    // The exporting site (its base URL), so two WordPress sites never share ids.
    .addColumn('source', 'varchar(500)', (c) => c.notNull())
    // author, category, tag, post, page, attachment, comment
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // The WordPress id as text (terms are keyed by slug: WXR 1.0 has no term ids and items name terms by slug).
    .addColumn('wp_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('guid', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
    // The Dateline row (users, sections, tags, articles, comments); null for attachments, which are files.
    .addColumn('dateline_id', 'varchar(36)')
    // For attachments: where the file is now (a /media/ path, or its original URL).
    .addColumn('url', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
    // For attachments: alt text (or title) for featured images and galleries.
    .addColumn('label', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_wp_id', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    // The status the item had in WordPress (publish, future, draft, pending, private), for the record.
    .addColumn('wp_status', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    // sha256 of what was imported: an unchanged item is left alone on the next run.
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('wordpress_imports_pk', ['source', 'kind', 'wp_id'])
    .execute();
  await db.schema
    .createIndex('wordpress_imports_guid_idx')
    .on('wordpress_imports')
    .columns(['source', 'kind', 'guid'])
    .execute();
  await db.schema
    .createIndex('wordpress_imports_parent_idx')
    .on('wordpress_imports')
    .columns(['source', 'kind', 'parent_wp_id'])
    .execute();

  await db.schema
    .createTable('legacy_urls')
    // Normalized old path (decoded, lowercase, no trailing slash), or "?p=ID" style keys for query links.
    .addColumn('path', 'varchar(2000)', (c) => c.primaryKey())
    .addColumn('target', 'varchar(2000)', (c) => c.notNull())
    // 2 for an item's own link, 1 for a guessed permalink structure: the surer claim keeps a contested path.
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1))
    // What the address belonged to, so a changed slug or a late-known parent can move its target.
    .addColumn('source', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('wp_id', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('legacy_urls_owner_idx').on('legacy_urls').columns(['source', 'kind', 'wp_id']).execute();

  await db.schema
    .alterTable('sections')
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('sections.id').onDelete('set null'))
    .execute();
  // 'article' or 'page' (a standing page such as "About": no section, not in the lists).
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().defaultTo('article'))
    .execute();
  // 0 or 1: integers rather than booleans so both engines read the same value.
  await db.schema
    .alterTable('articles')
    .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // 'comment', 'pingback' or 'trackback'.
  await db.schema
    .alterTable('comments')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().defaultTo('comment'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('kind').execute();
  await db.schema.alterTable('articles').dropColumn('sticky').execute();
  await db.schema.alterTable('articles').dropColumn('kind').execute();
  await db.schema.alterTable('sections').dropColumn('parent_id').execute();
  await db.schema.dropTable('legacy_urls').execute();
  await db.schema.dropTable('wordpress_imports').execute();
}
