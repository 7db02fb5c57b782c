// Serializing transactions that must see each other's writes: a read, a decision and a write on one key.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';

/** A stable 64-bit advisory lock number for a key. */
const lockNumber = (key: string) => BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 16)}`));

/**
 * Inside a transaction: makes other transactions that lock one of the same keys wait until this one ends.
 * PostgreSQL: transaction-scoped advisory locks, taken in one global order so that no two transactions deadlock.
 * SQLite: a write that changes nothing takes the database's single write lock now, before anything is read
 * (a deferred transaction would take it only at its first real write, after reading what may be stale); that
 * lock also holds against other processes on the same file.
 */
export async function lockKeys(db: Db, dialect: Dialect, keys: string[]): Promise<void> {
  if (dialect === 'sqlite') {
    await db.updateTable('settings').set((eb) => ({ value: eb.ref('value') })).where('key', '=', '').execute();
    return;
  }
  const numbers = [...new Set(keys)].map(lockNumber).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of numbers) await sql`select pg_advisory_xact_lock(${n.toString()}::bigint)`.execute(db);
}
