// The front page as editors arrange it: the lead story and the top stories in their order, the rest following
// newest first. It replaces the pin (articles.sticky): pinned stories become the first top stories, newest
// pin leading, as they showed before.
// Frozen in time: this file imports nothing from src/modules. Times are ISO-8601 UTC text, as in the core schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_page_slots')
    // An article has at most one place; deleting it takes its place away.
    .addColumn('article_id', 'varchar(36)', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    // 0 is the lead; the rest follow in ascending order.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('front_page_slots_position_idx').on('front_page_slots').column('position').execute();
  // Trashed pins were off the site already; keep them off.
  await sql`insert into front_page_slots (article_id, position, placed_at)
    select id, row_number() over (order by published_at desc, id desc) - 1, updated_at
    from articles where sticky = 1 and status <> 'trash'`.execute(db);
  await db.schema.alterTable('articles').dropColumn('sticky').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update articles set sticky = 1 where id in (select article_id from front_page_slots)`.execute(db);
  await db.schema.dropTable('front_page_slots').execute();
}
