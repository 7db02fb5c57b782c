// The commenter token's signing secret lives in the database, so every app process on it signs and checks alike;
// it exists from the migration on, and a missing one is made once even when two processes race to make it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { newCommenterToken, verifyCommenterToken } from '../../src/modules/comments/commenter-token.ts';
import { getServerSecret } from '../../src/platform/secrets.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';

for (const dialect of dialects) {
  describe(`the commenter token's secret on ${dialect}`, () => {
    let db: TestDb;
    let one: Deps;
    let two: Deps;
    before(async () => {
      db = await createTestDb(dialect);
      // Two sets of dependencies on one database: two app processes, each with its own connection and memory.
      one = (await createTestDeps(db)).deps;
      two = (await createTestDeps(db)).deps;
    });
    after(async () => {
      await one.close();
      await two.close();
      await db.drop();
    });

    it('is made on first use, and a token signed by one process is good in another', async () => {
      const token = await newCommenterToken(one);
      const rows = await one.db
        .selectFrom('server_secrets')
        .select(['name', 'value'])
        .where('name', '=', 'commenter_token')
        .execute();
      assert.equal(rows.length, 1);
      assert.ok(rows[0].value.length >= 43);
      assert.deepEqual(await verifyCommenterToken(two, token.token), token);
      assert.equal(
        await verifyCommenterToken(two, `${token.token.slice(0, -1)}${token.token.endsWith('A') ? 'B' : 'A'}`),
        undefined,
      );
    });

    it('is made once when missing, however many processes ask at the same moment', async () => {
      const name = `test_${Math.random().toString(36).slice(2, 8)}`;
      const values = await Promise.all([
        getServerSecret(one.db, name, new Date()),
        getServerSecret(two.db, name, new Date()),
        getServerSecret(one.db, name, new Date()),
      ]);
      assert.equal(new Set(values).size, 1);
      const stored = await two.db.selectFrom('server_secrets').select('value').where('name', '=', name).execute();
      assert.deepEqual(
        stored.map((r) => r.value),
        [values[0]],
      );
    });
  });
}
