// Search stems each article in its own language (issue 13), not the site's.
// - PostgreSQL: a text search configuration per language PostgreSQL can stem (dateline_spanish, dateline_english, …;
//   dateline_simple for the others), each with unaccent in front when the extension is there, as dateline_search
//   was. dateline_search_config(tag) names a language's configuration; each search document keeps the one of its
//   article's language (no language: the site's) in a `config` column, its tsvector is made with it, and a search
//   parses the reader's words with its edition's. Every document is rewritten once, here.
// - SQLite: FTS5 stems with porter alone, whose rules are English. One index keeps the bounded, newest-first
//   candidate scan of a single MATCH; porter for every language (where the site's language was not English, the
//   index was unstemmed) makes plurals find singulars in Spanish and the other Latin-script languages too (puertos,
//   puerto; ciudades, ciudad), which readers miss most, and leaves words of other scripts alone. An unstemmed index
//   for the others would find neither. The cost is some English-rule overstemming of their words.
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

async function porterEverywhere(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = 'search_index'`.execute(db);
  if (rows[0] && /porter/.test(rows[0].sql)) return;
  // The triggers on search_documents name the index by name, so they keep working with the new one.
  await sql`drop table if exists search_index`.execute(db);
  await sql`create virtual table search_index using fts5(
    headline, subheadline, body, bylines, tags, dateline,
    content='search_documents', content_rowid='doc_id', tokenize='porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`insert into search_index(search_index) values ('rebuild')`.execute(db);
}

async function unaccentSchema(db: Kysely<any>): Promise<string | undefined> {
  await sql`do $$ begin
    begin create extension if not exists unaccent schema public; exception when others then null; end;
  end $$`.execute(db);
  const { rows } = await sql<{
    schema: string;
  }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(
    db,
  );
  return rows[0]?.schema;
}

/** The site's language as the settings hold it (a JSON string), in SQL: the language of articles that name none. */
const SITE_LANGUAGE = `coalesce((select trim(both '"' from value) from settings where key = 'language'), 'en')`;

async function perLanguage(db: Kysely<any>): Promise<void> {
  const unaccent = await unaccentSchema(db);
  // Older PostgreSQL releases lack some stemmers (armenian, basque, … came with 16): those languages fall to simple.
  const { rows } = await sql<{ cfgname: string }>`select cfgname from pg_ts_config c
    join pg_namespace n on n.oid = c.cfgnamespace where n.nspname = 'pg_catalog'`.execute(db);
  const builtIn = new Set(rows.map((r) => r.cfgname));
  const configs = ['simple', ...new Set(Object.values(PG_CONFIGS).filter((c) => builtIn.has(c)))];
  for (const config of configs) {
    const name = `dateline_${config}`;
    await sql`create text search configuration ${sql.id(name)} (copy = ${sql.raw(`pg_catalog.${config}`)})`.execute(db);
    if (unaccent)
      await sql`alter text search configuration ${sql.id(name)} alter mapping for hword, hword_part, word
        with ${sql.id(unaccent, 'unaccent')}, ${sql.raw(config === 'simple' ? 'simple' : `${config}_stem`)}`.execute(
        db,
      );
  }
  const cases = Object.entries(PG_CONFIGS)
    .filter(([, config]) => builtIn.has(config))
    .map(([tag, config]) => `when '${tag}' then 'dateline_${config}'::regconfig`)
    .join(' ');
  // Immutable, so a search's configuration is settled once when its statement is planned.
  await sql
    .raw(`create function dateline_search_config(tag text) returns regconfig language sql immutable as $$
    select case lower(split_part(tag, '-', 1)) ${cases} else 'dateline_simple'::regconfig end $$`)
    .execute(db);
  await sql`alter table search_documents add column config regconfig`.execute(db);
  await sql
    .raw(`create or replace function search_documents_vector() returns trigger language plpgsql as $$ begin
    new.config := dateline_search_config(coalesce((select language from articles where id = new.article_id), ${SITE_LANGUAGE}));
    new.document :=
      setweight(to_tsvector(new.config, new.headline), 'A') ||
      setweight(to_tsvector(new.config, new.subheadline || ' ' || new.tags), 'B') ||
      setweight(to_tsvector(new.config, new.bylines || ' ' || new.dateline), 'C') ||
      setweight(to_tsvector(new.config, new.body), 'D');
    return new;
  end $$`)
    .execute(db);
  // An article whose language changes, by whatever path (the editor, an import, a script), is stemmed again.
  await sql`create function articles_language_search() returns trigger language plpgsql as $$ begin
    update search_documents set article_id = article_id where article_id = new.id;
    return null;
  end $$`.execute(db);
  await sql`create trigger articles_language_search after update of language on articles for each row
    when (old.language is distinct from new.language) execute function articles_language_search()`.execute(db);
  // Every document again, now in its article's language.
  await sql`update search_documents set article_id = article_id`.execute(db);
  await sql`alter table search_documents alter column config set not null`.execute(db);
}

async function siteLanguageBack(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists articles_language_search on articles`.execute(db);
  await sql`drop function if exists articles_language_search()`.execute(db);
  await sql`create or replace function search_documents_vector() returns trigger language plpgsql as $$ begin
    new.document :=
      setweight(to_tsvector('dateline_search', new.headline), 'A') ||
      setweight(to_tsvector('dateline_search', new.subheadline || ' ' || new.tags), 'B') ||
      setweight(to_tsvector('dateline_search', new.bylines || ' ' || new.dateline), 'C') ||
      setweight(to_tsvector('dateline_search', new.body), 'D');
    return new;
  end $$`.execute(db);
  await sql`alter table search_documents drop column config`.execute(db);
  await sql`update search_documents set article_id = article_id`.execute(db);
  await sql`drop function if exists dateline_search_config(text)`.execute(db);
  const { rows } = await sql<{ cfgname: string }>`select c.cfgname from pg_ts_config c
    join pg_namespace n on n.oid = c.cfgnamespace where n.nspname = current_schema() and c.cfgname like 'dateline\\_%'
      and c.cfgname <> 'dateline_search'`.execute(db);
  for (const r of rows) await sql`drop text search configuration ${sql.id(r.cfgname)}`.execute(db);
}

/** The migration for the dialect the site runs on. */
export function searchLanguageMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'sqlite') await porterEverywhere(db);
      else await perLanguage(db);
    },
    async down(db: Kysely<any>) {
      // SQLite keeps porter: the tokenizer the site's language once chose is not worth an index rebuild.
      if (dialect === 'postgres') await siteLanguageBack(db);
    },
  };
}
