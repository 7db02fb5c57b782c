// PostgreSQL's named statements: a parameterized text becomes a named statement of its connection (parsed once),
// except one that starts with PLANNED_PER_RUN, which stays unnamed so that it is planned with each run's values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import { PLANNED_PER_RUN } from '../../src/platform/db/named-statements.ts';
import { dialects, useTestDeps } from '../support/databases.ts';

describe('named statements on PostgreSQL', {
  skip: dialects.includes('postgres') ? false : 'set TEST_DATABASE_URL to run it',
}, () => {
  let deps: Deps;
  if (dialects.includes('postgres')) useTestDeps('postgres', {}, (made) => ({ deps } = made));

  it('names a parameterized statement, and leaves one planned per run unnamed', async () => {
    // One transaction, one connection: the statements it prepared are the ones it lists.
    const prepared = await deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 6; i++) {
        await sql`select ${i}::int + 1 as named_probe`.execute(trx);
        await sql`${sql.raw(PLANNED_PER_RUN)}select ${i}::int + 2 as per_run_probe`.execute(trx);
      }
      const rows = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      return rows.rows.map((r) => r.statement);
    });
    assert.ok(
      prepared.some((s) => s.includes('named_probe')),
      prepared.join('\n'),
    );
    assert.ok(!prepared.some((s) => s.includes('per_run_probe')), prepared.join('\n'));
  });
});
