// The sitemap index and the archive list every month with public articles, with its byte bound, last change or count:
// each grouped every public article by month, 0.7-1.4 s at a million articles, paid again after each publication.
// A month that has ended changes only when one of its articles is written, so its figures are kept (month_digests)
// and stay good as long as the month's version (article_months) has not moved. The database moves it, whatever
// writes: an article written, deleted, or changed in what the figures read (its status, kind, language, times, slug,
// photo, caption or translation group) moves the version of its month before and after; a member written or deleted,
// or a change of slug or translation group, also moves the months of every member of the group (old and new), whose
// hreflang links name it.
// A digest is computed in one statement with the versions it was read at, so one written while an article changed
// carries the older version and is computed again. Comment counts and other columns move nothing.
// Frozen in time: imports nothing from src/modules; the dialect comes from configuration.
import { sql, type Kysely, type Migration } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** The columns whose change can move a month's figures. */
const READ = ['status', 'kind', 'language', 'published_at', 'modified_at', 'slug', 'image_url', 'image_caption'];

async function tables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_months')
    .addColumn('month', 'varchar(7)', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('month_digests')
    .addColumn('scope', 'varchar(200)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('versions', 'varchar(100)', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('month_digests_pk', ['scope', 'month'])
    .execute();
  await sql`insert into article_months (month, version)
    select distinct substr(published_at, 1, 7), 1 from articles where published_at is not null`.execute(db);
}

/**
 * A statement that moves the version of the month of `at` (an expression of a publication time), over the rows of
 * `over.from` that `over.where` keeps when given: a month no article had before starts at 1.
 */
const bump = (dialect: Dialect, at: string, over?: { from: string; where: string }) =>
  `insert into article_months (month, version) select ${over ? 'distinct ' : ''}substr(${at}, 1, 7), 1 ${over?.from ?? ''}
    where ${at} is not null and ${over?.where ?? 'true'}${over ? ' order by 1' : ''}
    on conflict (month) do update set version = ${dialect === 'postgres' ? 'article_months.' : ''}version + 1`;

/**
 * The months of every member of the translation groups `groups` names (a list of expressions, or a select): each
 * member's byte bound counts a link to every other member, public or not, so a member written, deleted, renamed or
 * moved between groups changes the others' months.
 */
const groupMonths = (dialect: Dialect, groups: string) =>
  bump(dialect, 'published_at', { from: 'from articles', where: `translation_group in (${groups})` });

async function sqliteUp(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`create trigger articles_months_inserted after insert on articles begin
    ${bump('sqlite', 'new.published_at')};
    ${groupMonths('sqlite', 'new.translation_group')};
  end`)
    .execute(db);
  await sql
    .raw(`create trigger articles_months_deleted after delete on articles begin
    ${bump('sqlite', 'old.published_at')};
    ${groupMonths('sqlite', 'old.translation_group')};
  end`)
    .execute(db);
  // An article's own group counts in its own bound: leaving or joining a group moves its month too.
  const columns = [...READ, 'translation_group'];
  const changed = columns.map((c) => `old.${c} is not new.${c}`).join(' or ');
  await sql
    .raw(`create trigger articles_months_changed after update of ${columns.join(', ')} on articles when ${changed} begin
    ${bump('sqlite', 'old.published_at')};
    ${bump('sqlite', 'new.published_at')};
  end`)
    .execute(db);
  await sql
    .raw(`create trigger articles_months_group after update of slug, translation_group on articles
    when old.slug is not new.slug or old.translation_group is not new.translation_group begin
    ${groupMonths('sqlite', 'old.translation_group, new.translation_group')};
  end`)
    .execute(db);
}

/**
 * On PostgreSQL a month's version row stays locked until its writer commits: every statement moves its months in
 * month order, so an editor moving a story back a month while an import writes both months waits, never deadlocks.
 */
async function postgresUp(db: Kysely<any>): Promise<void> {
  // Written and deleted articles move their months once per statement (a bulk import writes thousands at once);
  // changes, one article at a time, per row.
  await sql
    .raw(`create function articles_months_rows() returns trigger language plpgsql as $$ begin
    ${bump('postgres', 'published_at', { from: 'from changed_rows', where: 'true' })};
    ${groupMonths('postgres', 'select translation_group from changed_rows')};
    return null;
  end $$`)
    .execute(db);
  await sql`create trigger articles_months_inserted after insert on articles referencing new table as changed_rows
    for each statement execute function articles_months_rows()`.execute(db);
  await sql`create trigger articles_months_deleted after delete on articles referencing old table as changed_rows
    for each statement execute function articles_months_rows()`.execute(db);
  await sql
    .raw(`create function articles_months_changed() returns trigger language plpgsql as $$ begin
    insert into article_months (month, version)
      select m, 1 from (values (substr(old.published_at, 1, 7)), (substr(new.published_at, 1, 7))) v(m)
      where m is not null group by m order by m
      on conflict (month) do update set version = article_months.version + 1;
    if old.slug is distinct from new.slug or old.translation_group is distinct from new.translation_group then
      ${groupMonths('postgres', 'old.translation_group, new.translation_group')};
    end if;
    return null;
  end $$`)
    .execute(db);
  const changed = [...READ, 'translation_group'].map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
  await sql
    .raw(`create trigger articles_months_changed after update of ${READ.join(', ')}, translation_group on articles
    for each row when (${changed}) execute function articles_months_changed()`)
    .execute(db);
}

export function monthDigestsMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      await tables(db);
      await (dialect === 'sqlite' ? sqliteUp(db) : postgresUp(db));
    },
    async down(db) {
      if (dialect === 'sqlite') {
        for (const name of [
          'articles_months_group',
          'articles_months_changed',
          'articles_months_deleted',
          'articles_months_inserted',
        ])
          await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
      } else {
        for (const name of ['articles_months_changed', 'articles_months_deleted', 'articles_months_inserted'])
          await sql`drop trigger if exists ${sql.raw(name)} on articles`.execute(db);
        await sql`drop function if exists articles_months_changed()`.execute(db);
        await sql`drop function if exists articles_months_rows()`.execute(db);
      }
      await db.schema.dropTable('month_digests').execute();
      await db.schema.dropTable('article_months').execute();
    },
  };
}
