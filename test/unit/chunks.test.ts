import assert from 'node:assert/strict';
import { it } from 'node:test';
import { chunksOf } from '../../src/platform/db/chunks.ts';

it('cuts a list into pieces of at most the size, in order, with nothing lost or repeated', () => {
  assert.deepEqual([...chunksOf([], 3)], []);
  assert.deepEqual([...chunksOf([1, 2, 3], 3)], [[1, 2, 3]]);
  assert.deepEqual([...chunksOf([1, 2, 3, 4, 5, 6, 7], 3)], [[1, 2, 3], [4, 5, 6], [7]]);
  const long = Array.from({ length: 1001 }, (_, i) => i);
  const pieces = [...chunksOf(long, 500)];
  assert.deepEqual(
    pieces.map((p) => p.length),
    [500, 500, 1],
  );
  assert.deepEqual(pieces.flat(), long);
  // A size that would never move on is refused, not looped on.
  for (const size of [0, -1, 0.5]) assert.throws(() => [...chunksOf([1], size)], RangeError);
});
