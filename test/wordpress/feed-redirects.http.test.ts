// Every WordPress feed address answers 301 to the matching Dateline feed: on a site moved with the importer (its
// recorded addresses, under its old base path) and on one that never was (by slug), in every form WordPress knew.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const fixture = fileURLToPath(new URL('./fixtures/harbour-gazette.xml', import.meta.url));
const ARTICLE = '/articles/winter-ferry-cuts/comments';

async function assertRedirect(t: TestApp, from: string, to: string) {
  const res = await t.app.inject({ url: from });
  assert.equal(res.statusCode, 301, `${from}: ${res.statusCode} ${res.body.slice(0, 120)}`);
  assert.equal(res.headers.location, to, from);
  const feed = await t.app.inject({ url: to });
  assert.equal(feed.statusCode, 200, `${to}: ${feed.statusCode}`);
  assert.match(
    String(feed.headers['content-type']),
    to.endsWith('atom.xml') ? /^application\/atom\+xml/ : /^application\/rss\+xml/,
  );
}

for (const dialect of dialects) {
  describe(`WordPress feed addresses of an imported site on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-29T10:00:00Z')) });
      await importWordPress(t.deps, { file: fixture });
    });
    after(() => t.close());

    const cases: [string, string][] = [
      ['/feed', '/rss.xml'],
      ['/feed/', '/rss.xml'],
      ['/feed/rss2/', '/rss.xml'],
      ['/feed/rss/', '/rss.xml'],
      ['/feed/rdf/', '/rss.xml'],
      ['/feed/atom/', '/atom.xml'],
      ['/news/feed/', '/rss.xml'],
      ['/news/feed/atom/', '/atom.xml'],
      ['/comments/feed/', '/comments/rss.xml'],
      ['/comments/feed/atom/', '/comments/atom.xml'],
      ['/news/comments/feed/', '/comments/rss.xml'],
      ['/?feed=rss2', '/rss.xml'],
      ['/?feed=rss', '/rss.xml'],
      ['/?feed=atom', '/atom.xml'],
      ['/index.php?feed=rss2', '/rss.xml'],
      ['/news/?feed=atom', '/atom.xml'],
      ['/?feed=comments-rss2', '/comments/rss.xml'],
      ['/?feed=comments-atom', '/comments/atom.xml'],
      ['/wp-rss2.php', '/rss.xml'],
      ['/wp-atom.php', '/atom.xml'],
      ['/wp-commentsrss2.php', '/comments/rss.xml'],
      ['/rss', '/rss.xml'],
      ['/category/ferries/feed/', '/sections/ferries/rss.xml'],
      ['/category/transport/ferries/feed/atom/', '/sections/ferries/atom.xml'],
      ['/category/transport/feed', '/sections/transport/rss.xml'],
      ['/tag/tides/feed/', '/tags/tides/rss.xml'],
      ['/tag/tides/feed/atom/', '/tags/tides/atom.xml'],
      ['/author/ines/feed/', '/authors/ines-avila/rss.xml'],
      ['/author/ines/feed/atom/', '/authors/ines-avila/atom.xml'],
      ['/news/2024/05/14/winter-ferry-cuts/feed/', `${ARTICLE}/rss.xml`],
      ['/news/2024/05/14/winter-ferry-cuts/feed/atom/', `${ARTICLE}/atom.xml`],
      ['/news/archives/100/feed/', `${ARTICLE}/rss.xml`],
      ['/?p=100&feed=rss2', `${ARTICLE}/rss.xml`],
      ['/news/?p=100&feed=atom', `${ARTICLE}/atom.xml`],
    ];
    for (const [from, to] of cases) it(`answers ${from} with a 301 to ${to}`, () => assertRedirect(t, from, to));

    it('leaves feeds of things that are not there to the 404 page', async () => {
      assert.equal((await t.app.inject({ url: '/category/no-such-thing/feed/' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/2019/01/01/never-existed/feed/' })).statusCode, 404);
    });
  });

  describe(`WordPress feed addresses on a site that was never imported, on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    let author = '';
    before(async () => {
      t = await createTestApp(dialect);
      const writer = await makeStaff(t.deps, 'editor', 'Marta Quintero');
      author = 'marta-quintero';
      await makeSection(t.deps, 'Harbour');
      slug = (
        await makeArticle(t.deps, { headline: 'Pier Reopens After Storm', section: 'Harbour', tags: ['Tides'] }, writer)
      ).slug;
    });
    after(() => t.close());

    it('finds the section, tag, author and article by the slug in the address', async () => {
      await assertRedirect(t, '/feed/', '/rss.xml');
      await assertRedirect(t, '/category/harbour/feed/', '/sections/harbour/rss.xml');
      await assertRedirect(t, '/tag/tides/feed/atom/', '/tags/tides/atom.xml');
      await assertRedirect(t, `/author/${author}/feed/`, `/authors/${author}/rss.xml`);
      await assertRedirect(t, `/${slug}/feed/`, `/articles/${slug}/comments/rss.xml`);
      await assertRedirect(t, `/2026/11/20/${slug}/feed/atom/`, `/articles/${slug}/comments/atom.xml`);
      assert.equal((await t.app.inject({ url: '/category/nowhere/feed/' })).statusCode, 404);
    });
  });
}
