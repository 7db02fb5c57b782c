import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

const fixture = fileURLToPath(new URL('./fixtures/harbour-gazette.xml', import.meta.url));

for (const dialect of dialects) {
  describe(`old WordPress addresses on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-29T10:00:00Z')) });
      await importWordPress(t.deps, { file: fixture });
    });
    after(() => t.close());

    const cases: [string, string][] = [
      ['/news/2024/05/14/winter-ferry-cuts/', '/articles/winter-ferry-cuts'],
      ['/news/2024/05/14/winter-ferry-cuts', '/articles/winter-ferry-cuts'],
      ['/news/2024/05/winter-ferry-cuts/', '/articles/winter-ferry-cuts'],
      ['/news/archives/100', '/articles/winter-ferry-cuts'],
      ['/news/ferries/winter-ferry-cuts/', '/articles/winter-ferry-cuts'],
      ['/?p=100', '/articles/winter-ferry-cuts'],
      ['/news/?p=100', '/articles/winter-ferry-cuts'],
      ['/index.php?p=100', '/articles/winter-ferry-cuts'],
      ['/?page_id=200', '/articles/about'],
      ['/news/about/', '/articles/about'],
      [
        '/news/2024/05/23/%E6%9D%B1%E4%BA%AC%E6%B9%BE%E3%83%95%E3%82%A7%E3%83%AA%E3%83%BC/',
        '/articles/%E6%9D%B1%E4%BA%AC%E6%B9%BE%E3%83%95%E3%82%A7%E3%83%AA%E3%83%BC',
      ],
      ['/category/transport/ferries/', '/sections/ferries'],
      ['/category/ferries/', '/sections/ferries'],
      ['/category/transport/page/2/', '/sections/transport?page=2'],
      ['/tag/tides/', '/tags/tides'],
      ['/author/ines/', '/authors/ines-avila'],
      // Feeds answer with the matching feed (see feed-redirects.http.test.ts for every form).
      ['/news/2024/05/14/winter-ferry-cuts/feed/', '/articles/winter-ferry-cuts/comments/rss.xml'],
      ['/category/ferries/feed/atom/', '/sections/ferries/atom.xml'],
      ['/feed/', '/rss.xml'],
      ['/comments/feed/', '/comments/rss.xml'],
      ['/?feed=rss2', '/rss.xml'],
      ['/news/2024/05/14/winter-ferry-cuts/harbour/', '/articles/winter-ferry-cuts'],
      ['/?attachment_id=31', '/articles/winter-ferry-cuts'],
    ];
    for (const [from, to] of cases) {
      it(`answers ${from} with a 301 to ${to}`, async () => {
        const res = await t.app.inject({ url: from });
        assert.equal(res.statusCode, 301, res.body.slice(0, 200));
        assert.equal(res.headers.location, to);
      });
    }

    it('the new homes are there, and unknown addresses still get the 404 page', async () => {
      assert.equal((await t.app.inject({ url: '/articles/winter-ferry-cuts' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/articles/about' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/sections/ferries' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/2019/01/01/never-existed/' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/?p=999' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'POST', url: '/news/about/' })).statusCode, 404);
    });
  });
}
