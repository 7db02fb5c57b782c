// A reader's list pages by page number at any size: the page's articles come in order whatever page it is, and a
// long list is counted only ten pages ahead of the one shown ("Page 1", with an older link), exactly near its end
// ("Page 17 of 18"), and a page past the end is a 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadArticles, seedTerms } from '../../bench/scale-load.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

/** The articles filed in the first section, newest first, as the loader files them (seven in every ten). */
const newsOrder = (total: number) => Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 < 7);
const headlines = (html: string) => [...html.matchAll(/Story (\d+) on the/g)].map((m) => Number(m[1]));

for (const dialect of dialects) {
  describe(`paging a long list on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await seedTerms(t.deps.db);
      await loadArticles(t.deps.db, t.deps.dialect, {
        from: 0,
        to: 300,
        newest: new Date(Date.now() - 86_400_000).toISOString(),
      });
    });
    after(() => t.close());

    it('shows each page in order, naming the last page only once it is counted', async () => {
      const order = newsOrder(300);
      assert.equal(order.length, 210);
      const first = await t.app.inject({ url: '/sections/news' });
      assert.equal(first.statusCode, 200);
      assert.deepEqual([...new Set(headlines(first.body))], order.slice(0, 12));
      assert.match(first.body, /<span>Page 1<\/span>/);
      assert.match(first.body, /href="\/sections\/news\?page=2" rel="next"/);

      const second = await t.app.inject({ url: '/sections/news?page=2' });
      assert.deepEqual([...new Set(headlines(second.body))], order.slice(12, 24));

      const nearEnd = await t.app.inject({ url: '/sections/news?page=17' });
      assert.deepEqual([...new Set(headlines(nearEnd.body))], order.slice(192, 204));
      assert.match(nearEnd.body, /Page 17 of 18/);
      assert.match(nearEnd.body, /href="\/sections\/news\?page=18" rel="next"/);

      const last = await t.app.inject({ url: '/sections/news?page=18' });
      assert.deepEqual([...new Set(headlines(last.body))], order.slice(204));
      assert.match(last.body, /Page 18 of 18/);
      assert.doesNotMatch(last.body, /rel="next"/);
      assert.equal((await t.app.inject({ url: '/sections/news?page=19' })).statusCode, 404);
    });

    it('keeps the exact total where it is shown or promised: the JSON API', async () => {
      const res = await t.app.inject({ url: '/api/articles?section=news&limit=10' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.total, 210);
      assert.equal(body.pages, 21);
    });
  });
}
