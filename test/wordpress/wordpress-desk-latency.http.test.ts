import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeWxr } from '../../bench/wxr-generate.ts';
import { dialects } from '../support/databases.ts';
import { makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';

const POSTS = 1200;
const COMMENTS = 6000;

for (const dialect of dialects) {
  describe(`page requests during a desk import on ${dialect}`, () => {
    let t: TestApp;
    let admin: DeskUser;
    let bytes: Buffer;
    before(async () => {
      // No page cache: every front page below reads the database the import is writing to.
      t = await createTestApp(dialect, { env: { PAGE_CACHE: 'off' } });
      admin = await makeDeskUser(t.app, t.deps, 'admin');
      const file = path.join(t.db.tmpDir, 'export.xml');
      await writeWxr(file, { posts: POSTS, comments: COMMENTS });
      bytes = fs.readFileSync(file);
    });
    after(() => t.close());

    /** Starts a desk import and reads the front page again and again until it is done; the slowest answer, and how many. */
    async function pagesDuring(fields: Record<string, string>) {
      const body = multipart({ _token: admin.token, ...fields }, { name: 'export.xml', type: 'text/xml', bytes });
      let finished = false;
      const importing = t.app
        .inject({
          method: 'POST',
          url: '/admin/import',
          payload: body.payload,
          headers: { ...formHeaders, 'content-type': body.contentType, cookie: admin.cookie },
        })
        .finally(() => {
          finished = true;
        });
      const latencies: number[] = [];
      while (!finished) {
        const started = performance.now();
        const page = await t.app.inject({ url: '/' });
        latencies.push(performance.now() - started);
        assert.equal(page.statusCode, 200);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return { done: await importing, slowest: Math.max(...latencies), pages: latencies.length };
    }

    it('a dry run, then the import itself, of a big export: the site answers every page request within a second meanwhile', {
      timeout: 600_000,
    }, async (test) => {
      for (const dryRun of [true, false]) {
        const { done, slowest, pages } = await pagesDuring(dryRun ? { dryRun: '1' } : {});
        test.diagnostic(
          `${dryRun ? 'dry run' : 'import'}: ${pages} front pages, the slowest in ${slowest.toFixed(0)} ms`,
        );
        assert.equal(done.statusCode, 200, done.body.slice(0, 500));
        // Counts are written as the language writes numbers (1,234 in English).
        assert.match(done.body, /<th scope="row">comment<\/th><td>\d[\d,]*<\/td>/);
        // Enough answers to tell: the import ran for seconds, not a moment.
        assert.ok(pages >= 10, `only ${pages} page requests while importing`);
        assert.ok(
          slowest < 1000,
          `${dryRun ? 'dry run' : 'import'}: the slowest front page took ${slowest.toFixed(0)} ms of ${pages}`,
        );
      }
      const articles = await t.deps.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(articles.n) > POSTS / 2);
    });
  });
}
