// Full-text search over articles. One table of searchable text per article (search_documents), kept by the app in the
// article's own transaction; each engine indexes it its own way, by triggers, so the writing code is the same:
// - SQLite: an FTS5 table over search_documents (external content), diacritics removed, porter stemming for English.
// - PostgreSQL: a weighted tsvector column with a GIN index, through a text search configuration (dateline_search)
//   copied from the site's language, with unaccent in front when the extension can be had.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

const PG_CONFIGS: Record<string, string> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  el: 'greek',
  hi: 'hindi',
  hu: 'hungarian',
  id: 'indonesian',
  ga: 'irish',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  es: 'spanish',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

async function siteLanguage(db: Kysely<any>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'language').executeTakeFirst();
  try {
    return row ? String(JSON.parse(row.value)) : 'en';
  } catch {
    return 'en';
  }
}

const primary = (language: string) => language.toLowerCase().split('-')[0];

function textOf(html: string): string {
  return (
    html
      .replace(/<\/(p|h\d|li|blockquote)>/gi, '$& ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

async function createSqlite(db: Kysely<any>, language: string): Promise<void> {
  await sql`create table search_documents (
    doc_id integer primary key,
    article_id varchar(36) not null unique references articles(id) on delete cascade,
    headline text not null, subheadline text not null, body text not null, bylines text not null, tags text not null, dateline text not null
  )`.execute(db);
  const tokenize =
    primary(language) === 'en' ? 'porter unicode61 remove_diacritics 2' : 'unicode61 remove_diacritics 2';
  await sql`create virtual table search_index using fts5(
    headline, subheadline, body, bylines, tags, dateline,
    content='search_documents', content_rowid='doc_id', tokenize=${sql.lit(tokenize)}
  )`.execute(db);
  const cols = 'headline, subheadline, body, bylines, tags, dateline';
  const from = (row: string) =>
    cols
      .split(', ')
      .map((c) => `${row}.${c}`)
      .join(', ');
  await sql
    .raw(`create trigger search_documents_ai after insert on search_documents begin
    insert into search_index(rowid, ${cols}) values (new.doc_id, ${from('new')}); end`)
    .execute(db);
  await sql
    .raw(`create trigger search_documents_ad after delete on search_documents begin
    insert into search_index(search_index, rowid, ${cols}) values ('delete', old.doc_id, ${from('old')}); end`)
    .execute(db);
  await sql
    .raw(`create trigger search_documents_au after update on search_documents begin
    insert into search_index(search_index, rowid, ${cols}) values ('delete', old.doc_id, ${from('old')});
    insert into search_index(rowid, ${cols}) values (new.doc_id, ${from('new')}); end`)
    .execute(db);
}

async function createPostgres(db: Kysely<any>, language: string): Promise<void> {
  // unaccent is a trusted extension (PostgreSQL 13+), so a database owner may create it; a site whose role may not
  // still gets search, only without accent folding. Another schema of the database may be creating it at the same
  // moment: the lookup after the attempt is what counts.
  await sql`do $$ begin
    begin create extension if not exists unaccent schema public; exception when others then null; end;
  end $$`.execute(db);
  const ext = await sql<{
    schema: string;
  }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(
    db,
  );
  const config = PG_CONFIGS[primary(language)] ?? 'simple';
  await sql`create text search configuration dateline_search (copy = ${sql.raw(config)})`.execute(db);
  const unaccent = ext.rows[0]?.schema;
  if (unaccent) {
    await sql`alter text search configuration dateline_search alter mapping for hword, hword_part, word
      with ${sql.id(unaccent, 'unaccent')}, ${sql.raw(config === 'simple' ? 'simple' : `${config}_stem`)}`.execute(db);
  }
  await sql`create table search_documents (
    article_id varchar(36) primary key references articles(id) on delete cascade,
    headline text not null, subheadline text not null, body text not null, bylines text not null, tags text not null, dateline text not null,
    document tsvector not null
  )`.execute(db);
  await sql`create function search_documents_vector() returns trigger language plpgsql as $$ begin
    new.document :=
      setweight(to_tsvector('dateline_search', new.headline), 'A') ||
      setweight(to_tsvector('dateline_search', new.subheadline || ' ' || new.tags), 'B') ||
      setweight(to_tsvector('dateline_search', new.bylines || ' ' || new.dateline), 'C') ||
      setweight(to_tsvector('dateline_search', new.body), 'D');
    return new;
  end $$`.execute(db);
  await sql`create trigger search_documents_vector before insert or update on search_documents
    for each row execute function search_documents_vector()`.execute(db);
  await sql`create index search_documents_document_idx on search_documents using gin (document)`.execute(db);
}

/** Fills the index from the articles already written, a batch at a time. */
async function fill(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'headline', 'subheadline', 'body_html', 'dateline'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const [authors, tags] = await Promise.all([
      db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute(),
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .execute(),
    ]);
    const names = (list: { article_id: string; name: string }[], id: string) =>
      list
        .filter((x) => x.article_id === id)
        .map((x) => x.name)
        .join(', ');
    await db
      .insertInto('search_documents')
      .values(
        rows.map((r) => ({
          article_id: r.id,
          headline: r.headline,
          subheadline: r.subheadline,
          body: textOf(r.body_html),
          bylines: names(authors, r.id),
          tags: names(tags, r.id),
          dateline: r.dateline,
        })),
      )
      .execute();
    after = rows[rows.length - 1].id;
  }
}

/** The migration for the dialect the site runs on. */
export function searchMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const language = await siteLanguage(db);
      if (dialect === 'sqlite') await createSqlite(db, language);
      else await createPostgres(db, language);
      await fill(db);
    },
    async down(db: Kysely<any>) {
      if (dialect === 'sqlite') {
        await sql`drop table if exists search_index`.execute(db);
        await sql`drop table if exists search_documents`.execute(db);
      } else {
        await sql`drop table if exists search_documents`.execute(db);
        await sql`drop function if exists search_documents_vector()`.execute(db);
        await sql`drop text search configuration if exists dateline_search`.execute(db);
      }
    },
  };
}
