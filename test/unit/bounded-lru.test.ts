// The least-recently-used store behind the caches: the order of use, the byte bound, and deletion anywhere in the order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedLru } from '../../src/platform/cache/bounded-lru.ts';

describe('the least-recently-used store', () => {
  it('keeps the order of use, and drops the least recent past its bound', () => {
    const lru = new BoundedLru<number>(30);
    for (const [i, key] of ['a', 'b', 'c'].entries()) lru.set(key, i, 10);
    lru.get('a');
    lru.get('b');
    lru.get('b');
    assert.deepEqual(lru.keys(), ['c', 'a', 'b']);
    lru.set('d', 3, 10);
    assert.deepEqual(lru.keys(), ['a', 'b', 'd']);
    assert.equal(lru.get('c'), undefined);
    // Replacing a value counts it once, at its new size, as the most recent.
    lru.set('a', 9, 20);
    assert.deepEqual(lru.keys(), ['d', 'a']);
    assert.deepEqual(lru.size, { entries: 2, bytes: 30 });
    assert.equal(lru.set('huge', 0, 31), false);
    assert.deepEqual(lru.keys(), ['d', 'a']);
  });

  it('deletes the oldest, the newest and one between, even while iterating', () => {
    const lru = new BoundedLru<string>(100);
    for (const key of ['a', 'b', 'c', 'd', 'e']) lru.set(key, key.toUpperCase(), 1);
    lru.delete('a');
    lru.delete('e');
    lru.delete('c');
    assert.deepEqual(lru.keys(), ['b', 'd']);
    for (const [key] of lru) lru.delete(key);
    assert.deepEqual(lru.size, { entries: 0, bytes: 0 });
    lru.set('f', 'F', 1);
    lru.set('g', 'G', 1);
    assert.equal(lru.get('f'), 'F');
    assert.deepEqual(
      [...lru],
      [
        ['g', 'G'],
        ['f', 'F'],
      ],
    );
    lru.clear();
    assert.deepEqual(lru.keys(), []);
    lru.set('h', 'H', 1);
    assert.deepEqual(lru.keys(), ['h']);
  });
});
