// A consistent view of the whole database for a long read (an export): every table as of one moment,
// so a backup never holds a reply whose article was written after the articles were read.
import type { Db, Dialect } from './database.ts';

/**
 * Runs `read` inside a read-only snapshot: REPEATABLE READ on PostgreSQL, a deferred transaction on
 * SQLite (in WAL mode it sees one moment and does not block writers). Meant for the command line,
 * its own process: the server's single SQLite connection must never wait on a slow reader like this.
 */
export function readSnapshot<T>(db: Db, dialect: Dialect, read: (trx: Db) => Promise<T>): Promise<T> {
  const trx = db.transaction();
  return (dialect === 'postgres' ? trx.setIsolationLevel('repeatable read') : trx).execute(read);
}
