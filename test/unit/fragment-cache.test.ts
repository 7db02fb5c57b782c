// The rendered comments kept apart from pages: bounded by bytes (least recently used first) and by age, and emptied
// by a site-wide change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FragmentCache } from '../../src/platform/cache/fragment-cache.ts';

const bytes = (n: number) => Buffer.alloc(n, 'a');

describe('the fragment cache', () => {
  it('stays under its byte bound, evicting the least recently used first', () => {
    const cache = new FragmentCache({ maxBytes: 3 * 1200, maxAgeMs: 60_000, era: () => 0 });
    for (const key of ['a', 'b', 'c']) cache.set(key, bytes(1000), 0);
    assert.equal(cache.size.fragments, 3);
    // Reading a makes b the least recently used: keeping d drops b, not a.
    assert.ok(cache.get('a', 1));
    cache.set('d', bytes(1000), 2);
    assert.equal(cache.get('b', 3), undefined);
    for (const key of ['a', 'c', 'd']) assert.ok(cache.get(key, 3), key);
    assert.ok(cache.size.bytes <= 3 * 1200);
  });

  it('keeps nothing bigger than its bound, and nothing at all with a bound of 0', () => {
    const none = new FragmentCache({ maxBytes: 0, maxAgeMs: 60_000, era: () => 0 });
    none.set('a', bytes(10), 0);
    assert.equal(none.get('a', 0), undefined);
    const small = new FragmentCache({ maxBytes: 500, maxAgeMs: 60_000, era: () => 0 });
    small.set('a', bytes(1000), 0);
    assert.equal(small.size.fragments, 0);
  });

  it('forgets a fragment past its age', () => {
    const cache = new FragmentCache({ maxBytes: 10_000, maxAgeMs: 1000, era: () => 0 });
    cache.set('a', bytes(10), 0);
    assert.ok(cache.get('a', 999));
    assert.equal(cache.get('a', 1000), undefined);
    assert.deepEqual(cache.size, { fragments: 0, bytes: 0 });
  });

  it('empties itself when the site changes as a whole (an import, a restore)', () => {
    let era = 0;
    const cache = new FragmentCache({ maxBytes: 10_000, maxAgeMs: 60_000, era: () => era });
    cache.set('a', bytes(10), 0);
    assert.ok(cache.get('a', 1));
    era++;
    assert.equal(cache.get('a', 2), undefined);
    assert.deepEqual(cache.size, { fragments: 0, bytes: 0 });
  });
});
