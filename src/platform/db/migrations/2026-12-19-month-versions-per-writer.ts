// PostgreSQL: article_months held one row per month, which every writer of the month updated and kept locked until it
// committed. A WordPress import (one transaction, minutes long) made every editor saving a story in one of its months
// wait for its end, and two transactions that took two months in opposite orders, in two statements each, deadlocked.
// Now each transaction moves a row of its own, keyed by its transaction id: writers never share a row, so they never
// wait for each other here. A month's version is the sum of its rows, which grows each time a change commits; the app
// folds finished writers' rows into one (writer 0), which keeps the sum. SQLite has one writer at a time: its table
// keeps one row per month, whose sum is its version.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

interface Rows {
  from: string;
  where: string;
}

/**
 * A statement that moves the month of `at` (an expression of a publication time) over the rows `over` names, in month
 * order; `writer` names the row it moves.
 */
const bump = (writer: string) => (at: string, over: Rows) =>
  `insert into article_months (month, writer, version) select distinct substr(${at}, 1, 7), ${writer}, 1
    ${over.from} where ${at} is not null and ${over.where} order by 1
    on conflict (month, writer) do update set version = article_months.version + 1`;

/** The 2026-12-17 statement, one row per month, for going back. */
const sharedBump = (at: string, over: Rows) =>
  `insert into article_months (month, version) select distinct substr(${at}, 1, 7), 1
    ${over.from} where ${at} is not null and ${over.where} order by 1
    on conflict (month) do update set version = article_months.version + 1`;

/**
 * The two trigger functions of 2026-12-17, with `move` writing the months: the statement-level one for written and
 * deleted articles, and the per-row one for changes; each also moves the months of every member of the groups
 * concerned.
 */
async function functions(db: Kysely<any>, move: (at: string, over: Rows) => string): Promise<void> {
  const group = (groups: string) =>
    move('published_at', { from: 'from articles', where: `translation_group in (${groups})` });
  await sql
    .raw(`create or replace function articles_months_rows() returns trigger language plpgsql as $$ begin
    ${move('published_at', { from: 'from changed_rows', where: 'true' })};
    ${group('select translation_group from changed_rows')};
    return null;
  end $$`)
    .execute(db);
  await sql
    .raw(`create or replace function articles_months_changed() returns trigger language plpgsql as $$ begin
    ${move('at', { from: 'from (values (old.published_at), (new.published_at)) v(at)', where: 'true' })};
    if old.slug is distinct from new.slug or old.translation_group is distinct from new.translation_group then
      ${group('old.translation_group, new.translation_group')};
    end if;
    return null;
  end $$`)
    .execute(db);
}

/** PostgreSQL's article_months keyed by month and writing transaction; nothing on SQLite. */
export function monthVersionsPerWriterMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      if (dialect === 'sqlite') return;
      await sql`alter table article_months drop constraint article_months_pkey`.execute(db);
      await sql`alter table article_months add column writer bigint not null default 0`.execute(db);
      await sql`alter table article_months add constraint article_months_pkey primary key (month, writer)`.execute(db);
      await functions(db, bump('txid_current()'));
    },
    async down(db) {
      if (dialect === 'sqlite') return;
      // No writer may add a row of its own between the fold and the new key: it would be a second row for its month.
      await sql`lock table article_months in exclusive mode`.execute(db);
      await sql`with gone as (delete from article_months where writer <> 0 returning month, version)
        insert into article_months (month, writer, version) select month, 0, sum(version) from gone group by month
        on conflict (month, writer) do update set version = article_months.version + excluded.version`.execute(db);
      await sql`alter table article_months drop constraint article_months_pkey`.execute(db);
      await sql`alter table article_months drop column writer`.execute(db);
      await sql`alter table article_months add constraint article_months_pkey primary key (month)`.execute(db);
      await functions(db, sharedBump);
    },
  };
}
