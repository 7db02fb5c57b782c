// The render cache's bound: pages counted by their bytes, the least recently used evicted first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CachedPage, PageCache, pageBytes } from '../../src/platform/cache/page-cache.ts';

const page = (size: number, tags: string[] = ['lists']): CachedPage => ({
  body: Buffer.alloc(size, 'a'),
  encoded: { br: Buffer.alloc(10), gzip: Buffer.alloc(20) },
  etag: '"x"',
  lastModified: new Date(0),
  expiresAt: Number.POSITIVE_INFINITY,
  tags,
});

describe('the render cache', () => {
  it('counts a page by its body, its compressed copies, its key and tags', () => {
    const p = page(1000, ['article:1']);
    assert.ok(pageBytes('k', p) >= 1000 + 10 + 20 + 'k'.length + 'article:1'.length);
  });

  it('stays under its byte bound, evicting the least recently used page first', () => {
    const one = pageBytes('a', page(10_000));
    const cache = new PageCache({ enabled: true, maxBytes: one * 3, maxAgeMs: 60_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, page(10_000), { startedAt: cache.begin(), now: 0 });
    assert.deepEqual(cache.keys(), ['a', 'b', 'c']);
    // Reading a makes b the least recently used: storing d drops b, not a.
    assert.ok(cache.get('a', 1));
    cache.set('d', page(10_000), { startedAt: cache.begin(), now: 2 });
    assert.deepEqual(cache.keys(), ['c', 'a', 'd']);
    assert.equal(cache.get('b', 3), undefined);
    assert.ok(cache.size.bytes <= one * 3);
    // A page twice as big pushes out the two least recent.
    cache.set('e', page(20_000 + 1024), { startedAt: cache.begin(), now: 4 });
    assert.deepEqual(cache.keys(), ['d', 'e']);
    assert.ok(cache.size.bytes <= one * 3);
    assert.equal(cache.size.bytes, pageBytes('d', page(10_000)) + pageBytes('e', page(20_000 + 1024)));
  });

  it('counts a replaced page once, and frees the bytes of dropped and expired pages', () => {
    const cache = new PageCache({ enabled: true, maxBytes: 1_000_000, maxAgeMs: 60_000 });
    cache.set('a', page(5000, ['t1']), { startedAt: cache.begin(), now: 0 });
    cache.set('a', page(7000, ['t1']), { startedAt: cache.begin(), now: 0 });
    assert.equal(cache.size.bytes, pageBytes('a', page(7000, ['t1'])));
    cache.set('b', page(3000, ['t2']), { startedAt: cache.begin(), now: 0 });
    void cache.invalidate(['t1']);
    assert.deepEqual(cache.keys(), ['b']);
    assert.equal(cache.size.bytes, pageBytes('b', page(3000, ['t2'])));
    assert.equal(cache.get('b', 60_001), undefined, 'expired by its maximum age');
    assert.deepEqual(cache.size, { pages: 0, bytes: 0 });
  });

  it('does not store a page bigger than the whole bound', () => {
    const cache = new PageCache({ enabled: true, maxBytes: 4096, maxAgeMs: 60_000 });
    cache.set('small', page(100), { startedAt: cache.begin(), now: 0 });
    cache.set('huge', page(10_000), { startedAt: cache.begin(), now: 0 });
    assert.deepEqual(cache.keys(), ['small']);
  });
});
