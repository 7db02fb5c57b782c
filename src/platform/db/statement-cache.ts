// Prepared statements kept across requests on SQLite: Kysely asks the driver to prepare every query it runs, and
// preparing (parsing and planning the SQL) cost more than running the small queries of a page. Statements are kept
// by their SQL text, the least recently used dropped past a bound (lists of ids make many distinct texts).
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/** The database as Kysely's SQLite dialect sees it, preparing each SQL text once. */
export function withStatementCache(
  sqlite: SqliteDatabase.Database,
  max = 500,
): KyselySqliteDatabase & { cachedStatements(): number } {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = statements.get(sqlText);
      if (stmt && !stmt.busy) {
        // Most recently used: to the end of the order.
        statements.delete(sqlText);
        statements.set(sqlText, stmt);
        return stmt;
      }
      // A statement still iterating (a streamed query) cannot run twice at once: that caller gets a fresh one.
      if (stmt) return sqlite.prepare(sqlText);
      stmt = sqlite.prepare(sqlText);
      statements.set(sqlText, stmt);
      if (statements.size > max) statements.delete(statements.keys().next().value as string);
      return stmt;
    },
    cachedStatements: () => statements.size,
  } as KyselySqliteDatabase & { cachedStatements(): number };
}
