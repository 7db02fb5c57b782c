import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000 on 127.0.0.1, SQLite under ./data', () => {
    const c = loadConfig({}, '/srv/site');
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.deepEqual(c.database, { dialect: 'sqlite', file: path.resolve('/srv/site', 'data/dateline.sqlite') });
    assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
    assert.deepEqual(c.commentRateLimit, { max: 5, windowSeconds: 60 });
    assert.equal(c.pageCache, true);
  });

  it('selects PostgreSQL or another SQLite file from DATABASE_URL', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/news' }).database, {
      dialect: 'postgres',
      url: 'postgres://u@db:5432/news',
    });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:site.db' }, '/x').database, {
      dialect: 'sqlite',
      file: '/x/site.db',
    });
  });

  it('keeps preview links 7 days unless PREVIEW_LINK_DAYS says otherwise, and names a bad value', () => {
    assert.equal(loadConfig({}).previewLinkDays, 7);
    assert.equal(loadConfig({ PREVIEW_LINK_DAYS: '2' }).previewLinkDays, 2);
    for (const bad of ['0', '1.5', 'week', '366']) {
      assert.throws(
        () => loadConfig({ PREVIEW_LINK_DAYS: bad }),
        /PREVIEW_LINK_DAYS must be a whole number of days from 1 to 365/,
        bad,
      );
    }
  });

  it('keeps 10 PostgreSQL connections unless DATABASE_POOL_SIZE says otherwise, and names a bad value', () => {
    assert.equal(loadConfig({}).databasePoolSize, 10);
    assert.equal(loadConfig({ DATABASE_POOL_SIZE: '24' }).databasePoolSize, 24);
    for (const bad of ['0', '2.5', 'many', '201']) {
      assert.throws(
        () => loadConfig({ DATABASE_POOL_SIZE: bad }),
        /DATABASE_POOL_SIZE must be a whole number of connections from 1 to 200/,
        bad,
      );
    }
  });

  it('switches the comment rate limit off or sets it', () => {
    assert.equal(loadConfig({ COMMENT_RATE_LIMIT: 'off' }).commentRateLimit, undefined);
    assert.deepEqual(loadConfig({ COMMENT_RATE_LIMIT: '3/10' }).commentRateLimit, { max: 3, windowSeconds: 10 });
  });

  it('bounds the render cache at 64 MB unless PAGE_CACHE_MB says otherwise', () => {
    assert.equal(loadConfig({}).pageCacheBytes, 64 * 1024 * 1024);
    assert.equal(loadConfig({ PAGE_CACHE_MB: '8' }).pageCacheBytes, 8 * 1024 * 1024);
    assert.throws(() => loadConfig({ PAGE_CACHE_MB: 'lots' }), /PAGE_CACHE_MB must be a whole number of megabytes/);
    assert.throws(() => loadConfig({ PAGE_CACHE_MB: '0' }), /PAGE_CACHE_MB/);
  });

  it('reports every bad value at once, each naming the variable and what to write', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PUBLIC_URL: 'ftp://x',
        COMMENT_RATE_LIMIT: 'lots',
        PAGE_CACHE: 'maybe',
      });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 5);
      assert.match(error.message, /PORT must be a whole number/);
      assert.match(error.message, /DATABASE_URL must be sqlite:PATH or postgres:/);
      assert.match(error.message, /PUBLIC_URL must be an http\(s\) URL/);
      assert.match(error.message, /COMMENT_RATE_LIMIT must be MAX\/SECONDS/);
      assert.match(error.message, /PAGE_CACHE must be on or off/);
    }
  });

  it('bounds photo decoding: 40 megapixels and 2 photos at once unless told otherwise', () => {
    const c = loadConfig({});
    assert.equal(c.mediaMaxPixels, 40_000_000);
    assert.equal(c.mediaConcurrency, 2);
    const custom = loadConfig({ MEDIA_MAX_MEGAPIXELS: '60', MEDIA_CONCURRENCY: '4' });
    assert.equal(custom.mediaMaxPixels, 60_000_000);
    assert.equal(custom.mediaConcurrency, 4);
    assert.throws(
      () => loadConfig({ MEDIA_MAX_MEGAPIXELS: '40MP', MEDIA_CONCURRENCY: '0' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /MEDIA_MAX_MEGAPIXELS must be a whole number of megapixels/);
        assert.match(error.message, /MEDIA_CONCURRENCY must be a whole number/);
        return true;
      },
    );
  });

  it('keeps PUBLIC_URL without a trailing slash', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://news.example.org/' }).publicUrl, 'https://news.example.org');
  });
});
