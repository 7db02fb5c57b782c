// Transaction-scoped locks that make concurrent writers of the same thing take turns, on both engines: the
// commenter's posts (flood control, repeats), one comment's reports, one WordPress import at a time.
import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';

/**
 * A key's lock number: its hash in the current schema, so sites that share a PostgreSQL database in different
 * schemas (several newsrooms, parallel test runs) never wait for each other.
 */
const lockNumber = (key: string) => sql`hashtext(${key} || current_schema())`;

/**
 * Inside a transaction: SQLite has one writer, so taking its write lock now is enough (a write that changes
 * nothing, before the caller reads, since a deferred transaction would take the lock only at its first real
 * write, after reading what may be stale).
 */
async function takeSqliteWriteLock(db: Db): Promise<void> {
  await db
    .updateTable('settings')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('key', '=', '')
    .execute();
}

/**
 * Inside a transaction: makes other transactions that lock one of the same keys wait until this one ends.
 * PostgreSQL takes transaction-scoped advisory locks (released at commit or rollback), in one statement and in
 * one global order, by lock number, so that two transactions locking overlapping keys never deadlock.
 */
export async function lockKeys(db: Db, dialect: Dialect, keys: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') return takeSqliteWriteLock(db);
  if (keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(n) from (
    select distinct hashtext(k || current_schema()) as n from unnest(${[...keys]}::text[]) as k order by n
  ) as ordered`.execute(db);
}

/**
 * Inside a transaction: takes the key's lock if no other transaction holds it, and says whether it did; never
 * waits. On SQLite the transaction already holds the one write lock, so it always succeeds: callers that must
 * refuse a second run in the same process keep their own flag.
 */
export async function tryLockKey(db: Db, dialect: Dialect, key: string): Promise<boolean> {
  if (dialect === 'sqlite') return true;
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${lockNumber(key)}) as locked`.execute(db);
  return rows[0]?.locked === true;
}
