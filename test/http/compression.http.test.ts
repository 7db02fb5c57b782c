import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ASSETS_DIR } from '../../src/web/assets.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

const decode = (body: Buffer, encoding: string | undefined) =>
  encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;

for (const dialect of dialects) {
  describe(`compression on ${dialect}`, () => {
    let t: TestApp;
    let url: string;
    before(async () => {
      t = await createTestApp(dialect);
      const article = await makeArticle(t.deps, { body: 'A paragraph of the story that repeats itself. '.repeat(80) });
      url = `/articles/${article.slug}`;
    });
    after(() => t.close());

    it('sends a page as brotli, gzip or as it is, by Accept-Encoding, the same HTML each way, with an ETag per variant', async () => {
      const plain = await t.app.inject({ url });
      assert.equal(plain.headers['content-encoding'], undefined);
      const etag = String(plain.headers.etag);
      for (const [accept, encoding, suffix] of [
        ['gzip, deflate, br', 'br', '-br"'],
        ['gzip', 'gzip', '-gz"'],
        ['br;q=0, gzip;q=0.5', 'gzip', '-gz"'],
      ] as const) {
        const res = await t.app.inject({ url, headers: { 'accept-encoding': accept } });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-encoding'], encoding, accept);
        assert.match(String(res.headers.vary), /Cookie/);
        assert.match(String(res.headers.vary), /Accept-Encoding/);
        assert.equal(res.headers.etag, etag.slice(0, -1) + suffix);
        assert.equal(decode(res.rawPayload, encoding).toString(), plain.body);
        assert.ok(res.rawPayload.length < plain.rawPayload.length / 3, `${encoding} is much smaller`);
        // Revalidating the variant it holds: 304; a validator of another variant does not stand for this one.
        const again = await t.app.inject({
          url,
          headers: { 'accept-encoding': accept, 'if-none-match': String(res.headers.etag) },
        });
        assert.equal(again.statusCode, 304);
        assert.equal(again.rawPayload.length, 0);
        const other = await t.app.inject({ url, headers: { 'accept-encoding': accept, 'if-none-match': etag } });
        assert.equal(other.statusCode, 200);
      }
      assert.equal((await t.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 304);
    });

    it('compresses a page once, when it is stored: a cache hit does no compression work', async () => {
      const article = await makeArticle(t.deps, { body: 'Another story, long enough to compress. '.repeat(60) });
      const pageUrl = `/articles/${article.slug}`;
      const calls = { br: 0, gzip: 0 };
      const { brotliCompressSync, gzipSync } = zlib;
      zlib.brotliCompressSync = ((...args: Parameters<typeof brotliCompressSync>) => (
        calls.br++, brotliCompressSync(...args)
      )) as typeof brotliCompressSync;
      zlib.gzipSync = ((...args: Parameters<typeof gzipSync>) => (calls.gzip++, gzipSync(...args))) as typeof gzipSync;
      try {
        const miss = await t.app.inject({ url: pageUrl, headers: { 'accept-encoding': 'br' } });
        assert.equal(miss.headers['x-page-cache'], 'miss');
        assert.deepEqual(calls, { br: 1, gzip: 1 });
        for (const accept of ['br', 'gzip', 'br, gzip']) {
          const hit = await t.app.inject({ url: pageUrl, headers: { 'accept-encoding': accept } });
          assert.equal(hit.headers['x-page-cache'], 'hit');
          assert.ok(hit.headers['content-encoding']);
        }
        assert.deepEqual(calls, { br: 1, gzip: 1 });
      } finally {
        zlib.brotliCompressSync = brotliCompressSync;
        zlib.gzipSync = gzipSync;
      }
    });

    it('serves assets compressed at start, with their own ETags, a year of caching and 304s', async () => {
      const css = fs.readFileSync(path.join(ASSETS_DIR, 'style.css'));
      const res = await t.app.inject({ url: '/assets/style.css?v=1', headers: { 'accept-encoding': 'br' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], 'br');
      assert.match(String(res.headers['content-type']), /^text\/css/);
      assert.match(String(res.headers['cache-control']), /immutable/);
      assert.match(String(res.headers.vary), /Accept-Encoding/);
      assert.deepEqual(decode(res.rawPayload, 'br'), css);
      assert.match(String(res.headers.etag), /-br"$/);
      assert.equal(
        (
          await t.app.inject({
            url: '/assets/style.css',
            headers: { 'accept-encoding': 'br', 'if-none-match': String(res.headers.etag) },
          })
        ).statusCode,
        304,
      );
      const js = await t.app.inject({ url: '/assets/discussion.js', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(js.headers['content-encoding'], 'gzip');
      assert.match(String(js.headers['content-type']), /javascript/);
      const plain = await t.app.inject({ url: '/assets/style.css' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.rawPayload, css);
      assert.equal((await t.app.inject({ url: '/assets/nothing.css' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/assets/../package.json' })).statusCode, 404);
    });

    it('compresses JSON and other pages as they go out', async () => {
      const res = await t.app.inject({ url: '/api/articles', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.match(String(res.headers.vary), /accept-encoding/i);
      assert.ok(JSON.parse(decode(res.rawPayload, 'gzip').toString()).articles.length >= 1);
      const search = await t.app.inject({ url: '/search?q=story', headers: { 'accept-encoding': 'br' } });
      assert.equal(search.headers['content-encoding'], 'br');
      assert.match(decode(search.rawPayload, 'br').toString(), /<mark>/);
    });
  });
}
