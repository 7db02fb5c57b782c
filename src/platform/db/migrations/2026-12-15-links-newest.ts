// A tag's and an author's pages read their articles newest first off the tag (article_tags) and the byline
// (article_authors), each of which now carries its article's publication time, on both engines, with an index on
// the tag or author and that time. The lists walked every article newest first and asked each one whether it had the
// tag: a tag of five stories from years ago took 0.9 s at a million articles (10 ms at 10,000), as did an author of
// five, and so did each one's feed and its lastmod in the lists sitemap. PostgreSQL's bylines have carried the copy
// since 2026-12-13; this adds it to SQLite's bylines and to both engines' tags.
// The database keeps the copy, whatever writes (see 2026-12-13): a tag or byline takes its article's time when written,
// and a new publication time is copied to the article's tags and bylines. The old one-column indexes on the tag and
// the author are a prefix of the new ones, so they go. A backup leaves the copies out, and a restore makes them again.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** The link tables and the column that names their list; article_id is the other half of each primary key. */
const LINKS = [
  { table: 'article_tags', list: 'tag_id', index: 'article_tags_newest_idx', old: 'article_tags_tag_idx' },
  { table: 'article_authors', list: 'user_id', index: 'article_authors_newest_idx', old: 'article_authors_user_idx' },
] as const;

async function sqliteUp(db: Kysely<any>): Promise<void> {
  for (const { table, list } of LINKS) {
    const t = sql.raw(table);
    const key = sql.raw(list);
    await sql`alter table ${t} add column published_at varchar(30)`.execute(db);
    // SQLite cannot set NEW's columns before a write: the row takes the time right after it, in the same statement.
    // Recursive triggers are off, so the update does not fire the trigger again.
    await sql`create trigger ${sql.raw(`${table}_published`)} after insert on ${t} begin
      update ${t} set published_at = (select published_at from articles where id = new.article_id)
        where article_id = new.article_id and ${key} = new.${key};
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_published_kept`)} after update of article_id, published_at on ${t}
      when new.published_at is not (select published_at from articles where id = new.article_id) begin
      update ${t} set published_at = (select published_at from articles where id = new.article_id)
        where article_id = new.article_id and ${key} = new.${key};
    end`.execute(db);
    await sql`update ${t} set published_at = (select published_at from articles a where a.id = ${t}.article_id)`.execute(
      db,
    );
  }
  await sql`create trigger articles_published_links after update of published_at on articles
    when old.published_at is not new.published_at begin
    update article_authors set published_at = new.published_at where article_id = new.id;
    update article_tags set published_at = new.published_at where article_id = new.id;
  end`.execute(db);
}

async function sqliteDown(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists articles_published_links`.execute(db);
  for (const { table } of LINKS) {
    await sql`drop trigger if exists ${sql.raw(`${table}_published_kept`)}`.execute(db);
    await sql`drop trigger if exists ${sql.raw(`${table}_published`)}`.execute(db);
    await sql`alter table ${sql.raw(table)} drop column published_at`.execute(db);
  }
}

/**
 * A tag's or byline's copy reads its article's time under a share lock. Without it, a link written while another
 * transaction changes that article's time (a tag merged into another while the story is published) read the time
 * last committed, and the other's update of the links could not see the new link: the link kept the old time. The
 * lock waits for that change to commit and reads the new time; a change that comes after waits for the link.
 */
const copyTime = (table: string) => sql`create or replace function ${sql.raw(`${table}_published`)}() returns trigger
  language plpgsql as $$ begin
    select published_at into new.published_at from articles where id = new.article_id for share;
    return new;
  end $$`;

/** The tags' copy, as 2026-12-13 keeps the bylines' (whose copy now takes the lock too). */
async function postgresUp(db: Kysely<any>): Promise<void> {
  await sql`alter table article_tags add column published_at varchar(30)`.execute(db);
  await copyTime('article_tags').execute(db);
  await copyTime('article_authors').execute(db);
  await sql`create trigger article_tags_published before insert or update of article_id, published_at
    on article_tags for each row execute function article_tags_published()`.execute(db);
  await sql`create function articles_published_tags() returns trigger language plpgsql as $$ begin
    update article_tags set published_at = new.published_at where article_id = new.id;
    return null;
  end $$`.execute(db);
  await sql`create trigger articles_published_tags after update of published_at on articles for each row
    when (old.published_at is distinct from new.published_at) execute function articles_published_tags()`.execute(db);
  await sql`update article_tags t set published_at = a.published_at from articles a where a.id = t.article_id`.execute(
    db,
  );
}

async function postgresDown(db: Kysely<any>): Promise<void> {
  // The bylines' copy as 2026-12-13 made it.
  await sql`create or replace function article_authors_published() returns trigger language plpgsql as $$ begin
    select published_at into new.published_at from articles where id = new.article_id;
    return new;
  end $$`.execute(db);
  await sql`drop trigger if exists articles_published_tags on articles`.execute(db);
  await sql`drop function if exists articles_published_tags()`.execute(db);
  await sql`drop trigger if exists article_tags_published on article_tags`.execute(db);
  await sql`drop function if exists article_tags_published()`.execute(db);
  await sql`alter table article_tags drop column published_at`.execute(db);
}

export function linksNewestMigration(dialect: Dialect): Migration {
  // PostgreSQL's byline index exists since 2026-12-13; every other index is made (or dropped) here.
  const indexed = LINKS.filter((l) => dialect === 'sqlite' || l.table === 'article_tags');
  return {
    async up(db) {
      await (dialect === 'sqlite' ? sqliteUp(db) : postgresUp(db));
      for (const { table, list, index } of indexed)
        await sql`create index ${sql.raw(index)} on ${sql.raw(table)} (${sql.raw(list)}, published_at, article_id)`.execute(
          db,
        );
      for (const { old } of LINKS) await db.schema.dropIndex(old).execute();
    },
    async down(db) {
      for (const { table, list, old } of LINKS) await db.schema.createIndex(old).on(table).column(list).execute();
      for (const { index } of indexed) await db.schema.dropIndex(index).execute();
      await (dialect === 'sqlite' ? sqliteDown(db) : postgresDown(db));
    },
  };
}
