// How an import holds the database while the site keeps serving.
// PostgreSQL: one transaction for the whole import, all or nothing. Other requests use other connections
// and its row locks block no reader; an advisory lock keeps a second importer out of the same schema.
// SQLite: the process has one connection, and a transaction holds it, so an import in one transaction made
// every page request wait for the whole import (minutes for a big site). There the import commits a batch
// whenever it has held the connection for BATCH_MS and lets the requests that queued meanwhile run; the
// caller reads the whole file first, so a broken file still changes nothing. A lease row keeps a second
// process from importing at the same time. A dry run on SQLite works in one transaction on a copy of the
// database file (made with SQLite's online backup, between requests), rolled back and deleted at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type ControlledTransaction } from 'kysely';
import type { Deps } from '../../deps.ts';
import { copySqliteDatabase, openDatabase, type Db } from '../../platform/db/database.ts';
import { tryLockKey } from '../../platform/db/locks.ts';
import type { Database } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { claimJobRun, lastJobRun } from '../../platform/jobs.ts';

/** How long an SQLite import holds the connection before it lets waiting requests run. */
export const BATCH_MS = 100;

/** SQLite's write-ahead log limit in pages during an import (see sqliteBatchSession); its default is 1,000. */
const IMPORT_WAL_PAGES = 10_000;

/** Sets the connection's write-ahead log limit in pages (PRAGMA wal_autocheckpoint); returns the one it had. */
async function setWalPages(db: Db, pages: number): Promise<number> {
  const before = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
  await sql`pragma wal_autocheckpoint = ${sql.raw(String(Math.trunc(pages)))}`.execute(db);
  return Number(before.rows[0].wal_autocheckpoint);
}

// PostgreSQL's advisory lock that keeps a second process from importing into the same site at the same
// time. Advisory locks are per database, so the key names the schema: sites in other schemas import freely.
export const IMPORT_LOCK_NAME = 'dateline:wordpress-import:';

// SQLite's lease (a row in job_runs), renewed with every batch; one not renewed for LEASE_MS is taken over.
const LEASE = 'wordpress-import';
const LEASE_MS = 10 * 60_000;

export const alreadyRunning = (): AppError =>
  new AppError(409, 'import_running', 'Another WordPress import is running. Wait for it to finish, then try again.');

export interface ImportSession {
  /** Where the next writes go: the current transaction. */
  readonly db: Db;
  /** True when the import commits in batches (what a failure leaves is completed by running it again). */
  readonly batches: boolean;
  /** Between two items: lets waiting requests run, and on SQLite commits the batch once it is BATCH_MS old. */
  checkpoint(): Promise<void>;
  /** Whether the next checkpoint commits (SQLite, once the batch is BATCH_MS old): a caller collecting work writes it first. */
  due(): boolean;
  /** Commits (a dry run rolls back) and lets go of the database. */
  finish(): Promise<void>;
  /** Rolls back what is not committed and lets go of the database. */
  abort(): Promise<void>;
}

export interface SessionOptions {
  dryRun: boolean;
  /** After each commit: what must follow committed rows (copying files, purging cached pages). */
  afterCommit: () => Promise<void>;
}

type Trx = ControlledTransaction<Database>;

/** Opens the database for an import as the dialect and the kind of run call for; throws a 409 while another runs. */
export async function openSession(deps: Deps, options: SessionOptions): Promise<ImportSession> {
  if (deps.dialect === 'postgres') return postgresSession(deps, options);
  return options.dryRun ? sqliteCopySession(deps) : sqliteBatchSession(deps, options);
}

async function postgresSession(deps: Deps, options: SessionOptions): Promise<ImportSession> {
  const trx = await deps.db.startTransaction().execute();
  try {
    // The lock goes with the transaction: released at commit, rollback, or a lost connection.
    if (!(await tryLockKey(trx, deps.dialect, IMPORT_LOCK_NAME))) throw alreadyRunning();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  return {
    db: trx,
    batches: false,
    checkpoint: async () => {
      await nextTurn();
    },
    due: () => false,
    async finish() {
      if (options.dryRun) return trx.rollback().execute();
      await trx.commit().execute();
      await options.afterCommit();
    },
    abort: () => rollback(trx),
  };
}

/** Rolls back a transaction that is still open (a failure may come after a commit). */
async function rollback(trx: Trx): Promise<void> {
  if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
}

async function sqliteCopySession(deps: Deps): Promise<ImportSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-dry-run-'));
  const file = path.join(dir, 'copy.sqlite');
  let copy: Db | undefined;
  const close = async () => {
    await copy?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await copySqliteDatabase(deps.db, file);
    copy = openDatabase({ dialect: 'sqlite', file });
    const trx = await copy.startTransaction().execute();
    const end = async () => {
      await rollback(trx);
      await close();
    };
    return {
      db: trx,
      batches: false,
      checkpoint: async () => {
        await nextTurn();
      },
      due: () => false,
      finish: end,
      abort: end,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function sqliteBatchSession(deps: Deps, options: SessionOptions): Promise<ImportSession> {
  let lease = await claimLease(deps);
  // A commit that takes the write-ahead log past its limit copies the log into the database and syncs it. At the
  // default limit (1,000 pages, 4 MB) nearly every batch did: a tenth of a 100,000-comment import's time went in
  // commits. During the import the limit is ten times higher; the site's own writes meet the same, for a while.
  const walPages = await setWalPages(deps.db, IMPORT_WAL_PAGES);
  let trx: Trx = await deps.db.startTransaction().execute();
  let started = performance.now();
  const release = async () => {
    try {
      await claimJobRun(deps.db, LEASE, { previous: lease, now: new Date(0) });
    } finally {
      await setWalPages(deps.db, walPages);
    }
  };
  return {
    get db() {
      return trx;
    },
    batches: true,
    due: () => performance.now() - started >= BATCH_MS,
    async checkpoint() {
      if (performance.now() - started < BATCH_MS) return;
      await trx.commit().execute();
      await options.afterCommit();
      // Requests that queued for the connection during the batch get it first.
      await nextTurn();
      trx = await deps.db.startTransaction().execute();
      started = performance.now();
      const now = deps.clock.now();
      if (!(await claimJobRun(trx, LEASE, { previous: lease, now }))) {
        throw new AppError(
          409,
          'import_running',
          'Another WordPress import took over this one after it had been silent for 10 minutes; it stopped. Run it again to complete it.',
        );
      }
      lease = now;
    },
    async finish() {
      await trx.commit().execute();
      await options.afterCommit();
      await release();
    },
    async abort() {
      await rollback(trx);
      await release();
    },
  };
}

/** Takes SQLite's import lease, or throws a 409 while another process holds a live one. */
async function claimLease(deps: Deps): Promise<Date> {
  const now = deps.clock.now();
  const held = await lastJobRun(deps.db, LEASE);
  if (held && now.getTime() - held.getTime() < LEASE_MS) throw alreadyRunning();
  if (!(await claimJobRun(deps.db, LEASE, { previous: held, now }))) throw alreadyRunning();
  return now;
}
