// The Kysely factory: SQLite (embedded default) or PostgreSQL, chosen by configuration.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type Migration,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.ts';
import type { Database } from './tables.ts';
import { nameStatements } from './named-statements.ts';
import { withStatementCache } from './statement-cache.ts';
import * as core from './migrations/2026-11-28-core.ts';
import * as newsroom from './migrations/2026-11-28-newsroom.ts';
import * as moderation from './migrations/2026-11-29-moderation.ts';
import * as wordpress from './migrations/2026-11-29-wordpress.ts';
import * as notifications from './migrations/2026-11-30-notifications.ts';
import * as staffComments from './migrations/2026-11-30-staff-comments.ts';
import * as commentEdits from './migrations/2026-11-30-comment-edits.ts';
import * as wordpressIndexes from './migrations/2026-11-30-wordpress-indexes.ts';
import * as accountAccess from './migrations/2026-12-01-account-access.ts';
import * as previewLinks from './migrations/2026-12-01-preview-links.ts';
import { searchMigration } from './migrations/2026-12-01-search.ts';
import * as articleUpdates from './migrations/2026-12-02-article-updates.ts';
import * as frontPage from './migrations/2026-12-03-front-page.ts';
import * as listIndexes from './migrations/2026-12-03-list-indexes.ts';
import * as setupCode from './migrations/2026-12-03-setup-code.ts';
import * as idempotencyKeys from './migrations/2026-12-03-idempotency-keys.ts';
import * as autosaves from './migrations/2026-12-03-autosaves.ts';
import * as languages from './migrations/2026-12-04-languages.ts';
import * as editionListIndexes from './migrations/2026-12-05-edition-list-indexes.ts';
import * as replyIndex from './migrations/2026-12-05-reply-index.ts';
import * as scaleEraseIndex from './migrations/2026-12-05-scale-erase-index.ts';
import { searchLanguageMigration } from './migrations/2026-12-05-sitemaps-search-language.ts';
import { discussionRevisionMigration } from './migrations/2026-12-05-uncached-discussion-revision.ts';
import { deferredDiscussionRevisionMigration } from './migrations/2026-12-07-deferred-discussion-revision.ts';
import * as decisionValues from './migrations/2026-12-06-decision-values.ts';
import { commentCountByTriggerMigration } from './migrations/2026-12-08-comment-count-by-trigger.ts';
import * as articleVisibilityIndex from './migrations/2026-12-09-article-visibility-index.ts';
import { importedCommentsCountedOnceMigration } from './migrations/2026-12-10-imported-comments-counted-once.ts';
import { visibilityIndexSectionMigration } from './migrations/2026-12-11-visibility-index-section.ts';
import { searchDocumentsNewestMigration } from './migrations/2026-12-12-search-documents-newest.ts';
import { bylinesNewestMigration } from './migrations/2026-12-13-bylines-newest.ts';
import * as latestCommentsIndex from './migrations/2026-12-14-latest-comments-index.ts';
import { linksNewestMigration } from './migrations/2026-12-15-links-newest.ts';
import * as deskNewestIndex from './migrations/2026-12-16-desk-newest-index.ts';
import { monthDigestsMigration } from './migrations/2026-12-17-month-digests.ts';
import * as recentCommentsIndex from './migrations/2026-12-18-recent-comments-index.ts';
import { monthVersionsPerWriterMigration } from './migrations/2026-12-19-month-versions-per-writer.ts';
import * as editionsByLanguage from './migrations/2026-12-20-editions-by-language.ts';

export type Db = Kysely<Database>;
export type Dialect = DatabaseConfig['dialect'];

// pg returns int8 (count(*)) and numeric as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbOptions {
  /** PostgreSQL only: the schema to work in (tests use one per run). */
  searchPath?: string;
  poolSize?: number;
}

// The driver's own handle of each SQLite database opened here, for what Kysely does not offer (online backup).
const sqliteHandles = new WeakMap<Db, SqliteDatabase.Database>();

/** Opens the database named by the configuration. */
export function openDatabase(config: DatabaseConfig, options: DbOptions = {}): Db {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    sqliteHandles.set(db, sqlite);
    return db;
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  nameStatements(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Copies an SQLite database opened here to a new file with SQLite's online backup: a few pages at a time,
 * with the event loop free between steps, and writes made meanwhile through the same connection included.
 */
export async function copySqliteDatabase(db: Db, file: string): Promise<void> {
  const sqlite = sqliteHandles.get(db);
  if (!sqlite) throw new Error('copySqliteDatabase needs an SQLite database opened by openDatabase');
  await sqlite.backup(file);
}

/** Every migration, in order; the few that differ by engine are told which one the configuration names. */
const migrations = (dialect: Dialect): Record<string, Migration> => ({
  '2026-11-28-core': core,
  '2026-11-28-newsroom': newsroom,
  '2026-11-29-moderation': moderation,
  '2026-11-29-wordpress': wordpress,
  '2026-11-30-notifications': notifications,
  '2026-11-30-staff-comments': staffComments,
  '2026-11-30-comment-edits': commentEdits,
  '2026-11-30-wordpress-indexes': wordpressIndexes,
  '2026-12-01-account-access': accountAccess,
  '2026-12-01-preview-links': previewLinks,
  '2026-12-01-search': searchMigration(dialect),
  '2026-12-02-article-updates': articleUpdates,
  '2026-12-03-front-page': frontPage,
  '2026-12-03-list-indexes': listIndexes,
  '2026-12-03-setup-code': setupCode,
  '2026-12-03-idempotency-keys': idempotencyKeys,
  '2026-12-03-autosaves': autosaves,
  '2026-12-04-languages': languages,
  '2026-12-05-edition-list-indexes': editionListIndexes,
  '2026-12-05-reply-index': replyIndex,
  '2026-12-05-scale-erase-index': scaleEraseIndex,
  '2026-12-05-uncached-discussion-revision': discussionRevisionMigration(dialect),
  '2026-12-05-sitemaps-search-language': searchLanguageMigration(dialect),
  '2026-12-06-decision-values': decisionValues,
  '2026-12-07-deferred-discussion-revision': deferredDiscussionRevisionMigration(dialect),
  '2026-12-08-comment-count-by-trigger': commentCountByTriggerMigration(dialect),
  '2026-12-09-article-visibility-index': articleVisibilityIndex,
  '2026-12-10-imported-comments-counted-once': importedCommentsCountedOnceMigration(dialect),
  '2026-12-11-visibility-index-section': visibilityIndexSectionMigration(dialect),
  '2026-12-12-search-documents-newest': searchDocumentsNewestMigration(dialect),
  '2026-12-13-bylines-newest': bylinesNewestMigration(dialect),
  '2026-12-14-latest-comments-index': latestCommentsIndex,
  '2026-12-15-links-newest': linksNewestMigration(dialect),
  '2026-12-16-desk-newest-index': deskNewestIndex,
  '2026-12-17-month-digests': monthDigestsMigration(dialect),
  '2026-12-18-recent-comments-index': recentCommentsIndex,
  '2026-12-19-month-versions-per-writer': monthVersionsPerWriterMigration(dialect),
  '2026-12-20-editions-by-language': editionsByLanguage,
});

/**
 * Applies pending migrations; returns the names applied. Throws with the failing migration's name.
 * On PostgreSQL the bookkeeping tables are pinned to the current schema: Kysely otherwise finds
 * them in any schema it can see, and a database shared by several schemas would confuse it.
 */
export async function migrate(db: Db, dialect: Dialect): Promise<string[]> {
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: schema ? scopedToSchema(db, schema) : db,
    provider: { getMigrations: async () => migrations(dialect) },
    ...(schema && { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The database as the migrator sees it: its table lookups confined to one schema. Kysely's PostgreSQL introspection
 * reads every schema of the database by name, so a schema that another site or test drops at that moment made the
 * migration fail with "schema … does not exist". The migrator only asks whether its own two tables exist.
 */
function scopedToSchema(db: Db, schema: string): Db {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => [{ name: schema }],
    getTables: async () => {
      const { rows } = await sql<{ name: string; kind: string }>`select c.relname as name, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((r) => ({ name: r.name, schema, isView: r.kind === 'v', columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  // Kysely keeps its state in private fields, so every other property is read from (and bound to) the real instance.
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Reads one row of the migrated schema: throws when the database cannot answer (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.selectFrom('settings').select('key').limit(1).execute();
}
