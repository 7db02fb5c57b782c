// SQLite statements prepared once and kept across queries, on a real (in-memory) SQLite database through Kysely.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../src/platform/db/statement-cache.ts';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once and answers with the current rows', async () => {
    const sqlite = new SqliteDatabase(':memory:');
    const cached = withStatementCache(sqlite, 3);
    const db = new Kysely<{ notes: { id: number; text: string } }>({
      dialect: new SqliteDialect({ database: cached }),
    });
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
    await db.insertInto('notes').values({ id: 1, text: 'one' }).execute();
    await db.insertInto('notes').values({ id: 2, text: 'two' }).execute();
    const read = (id: number) => db.selectFrom('notes').select('text').where('id', '=', id).executeTakeFirst();
    assert.equal((await read(1))?.text, 'one');
    assert.equal((await read(2))?.text, 'two', 'the same statement, bound to other values');
    assert.equal(cached.prepare('select 1'), cached.prepare('select 1'));
    // Past its bound the least recently used text is dropped, and prepared again when it comes back.
    for (const n of [2, 3, 4, 5]) cached.prepare(`select ${n}`);
    assert.equal(cached.cachedStatements(), 3);
    await db.destroy();
  });

  it('gives a fresh statement while the cached one is still iterating', async () => {
    const sqlite = new SqliteDatabase(':memory:');
    const cached = withStatementCache(sqlite);
    sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const first = cached.prepare('select n from t order by n') as unknown as SqliteDatabase.Statement<
      [],
      { n: number }
    >;
    const seen: number[] = [];
    for (const row of first.iterate()) {
      // The same text asked for mid-iteration (a streamed query and another query at once) must still run.
      const inner = cached.prepare('select n from t order by n') as unknown as SqliteDatabase.Statement<
        [],
        { n: number }
      >;
      assert.notEqual(inner, first);
      seen.push(row.n + inner.all().length);
    }
    assert.deepEqual(seen, [4, 5, 6]);
    assert.equal(cached.prepare('select n from t order by n'), first, 'the cached one again once it is done');
    sqlite.close();
  });
});
