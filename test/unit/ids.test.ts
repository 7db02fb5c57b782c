// Ids are drawn from a pool of random bytes: they must still be valid UUIDv7s, all different, and in the order
// they were made, also many to a millisecond and across refills of the pool.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isId, newId } from '../../src/platform/ids.ts';

test('ids are version 7 UUIDs, unique and in the order they were made, across many refills of the pool', () => {
  const before = Date.now();
  const ids = Array.from({ length: 20_000 }, newId);
  const after = Date.now();
  assert.ok(ids.every(isId));
  assert.equal(new Set(ids).size, ids.length);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} before ${ids[i]}`);
  for (const id of [ids[0], ids.at(-1)!]) {
    assert.equal(id[14], '7', 'the version nibble');
    assert.match(id[19], /[89ab]/, 'the RFC 9562 variant');
    // The first 48 bits are the time it was made, in milliseconds (a counter overflow may push it one ahead).
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    assert.ok(ms >= before && ms <= after + 1, `${ms} within ${before}..${after}`);
  }
});

test('the random part differs between ids made in the same millisecond', () => {
  const ids = Array.from({ length: 1000 }, newId);
  const tails = new Set(ids.map((id) => id.slice(-12)));
  assert.ok(tails.size > 990, `${tails.size} different random tails`);
});
