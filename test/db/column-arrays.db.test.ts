// unnestedRows (PostgreSQL): rows written as one text array a column come back exactly as they went in, whatever
// the text holds (quotes, backslashes, braces, commas, the word NULL, line breaks, any script), with null as null
// and numbers in integer columns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import { unnestedRows } from '../../src/platform/db/column-arrays.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { naughtyStrings } from '../fixtures/feed-strings.ts';
import { hostileStrings } from '../fixtures/hostile-strings.ts';

/**
 * Our own awkward texts, the hostile strings, and the naughty strings corpus when it is here; not a NUL (PostgreSQL's
 * text holds none) nor a lone surrogate (UTF-8 cannot carry one: any statement sends U+FFFD in its place).
 */
const texts = (): string[] =>
  [
    ...[
      '',
      'NULL',
      'null',
      '"',
      '\\',
      '\\"',
      '{}',
      '{a,b}',
      'a,b',
      ' padded ',
      'line\nbreak\ttab',
      'Ωμέγα · 東京 · أميرة',
      '🦀',
    ],
    ...hostileStrings,
    ...naughtyStrings().strings,
  ].filter((s) => !s.includes('\u0000') && !/\p{Surrogate}/u.test(s));

describe('rows as column arrays on PostgreSQL', {
  skip: dialects.includes('postgres') ? false : 'set TEST_DATABASE_URL to run it',
}, () => {
  let deps: Deps;
  if (dialects.includes('postgres')) useTestDeps('postgres', {}, (made) => ({ deps } = made));

  it('writes every text, null and number back as it was', async () => {
    const rows = texts().map((text, i) => ({
      id: `row-${i}`,
      text,
      depth: i,
      parent: i % 3 === 0 ? null : `row-${i - 1}`,
    }));
    assert.ok(rows.length > 10);
    const back = await deps.db.transaction().execute(async (trx) => {
      const db = trx as unknown as Kysely<any>;
      await sql`create temporary table arrays_probe (id varchar(36) primary key, text text not null, depth integer not null, parent varchar(36)) on commit drop`.execute(
        db,
      );
      await db
        .insertInto('arrays_probe')
        .columns(['id', 'text', 'depth', 'parent'])
        .expression(unnestedRows(rows, ['id', 'text', 'depth', 'parent'], ['depth']))
        .execute();
      return db.selectFrom('arrays_probe').selectAll().orderBy('depth').execute();
    });
    assert.deepEqual(back, rows);
  });
});
