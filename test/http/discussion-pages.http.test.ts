import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`long discussions in pages on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    let slug: string;
    const ids: string[] = [];
    before(async () => {
      t = await createTestApp(dialect, { clock });
      await updateSettings(t.deps, { commentsPerPage: 3 });
      const a = await makeArticle(t.deps, { headline: 'A Long Discussion', commentStatus: 'open' });
      slug = a.slug;
      for (let i = 1; i <= 8; i++) {
        clock.advance(60_000);
        ids.push(
          (
            await postComment(t.deps, {
              slug,
              name: `Reader ${i}`,
              email: `r${i}@example.org`,
              body: `Comment number ${i}`,
              ip: '127.0.0.1',
              userAgent: 't',
            })
          ).id,
        );
      }
    });
    after(() => t.close());

    // What readers see: the structured data names the first comments too, for search engines, not for this page.
    const shown = (html: string) =>
      [
        ...html
          .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '')
          .matchAll(/Comment number (\d+)/g),
      ].map((m) => Number(m[1]));

    it("shows the newest page at the article's address, oldest first within it, with links to the others", async () => {
      const res = await t.app.inject({ url: `/articles/${slug}` });
      assert.deepEqual(shown(res.body), [7, 8]);
      assert.match(res.body, /8 thoughts on/);
      assert.match(res.body, /Comments page 3 of 3/);
      assert.match(res.body, new RegExp(`href="/articles/${slug}\\?cpage=2#comments" rel="prev"`));
      const page1 = await t.app.inject({ url: `/articles/${slug}?cpage=1` });
      assert.deepEqual(shown(page1.body), [1, 2, 3]);
      assert.match(page1.body, new RegExp(`href="/articles/${slug}\\?cpage=2#comments" rel="next"`));
      assert.equal(
        (await t.app.inject({ url: `/articles/${slug}?cpage=1` })).headers['x-page-cache'],
        'hit',
        'comment pages are cached',
      );
    });

    it('sends the default page and pages past the end to the one canonical address, and refuses nonsense', async () => {
      for (const cpage of ['3', '9']) {
        const res = await t.app.inject({ url: `/articles/${slug}?cpage=${cpage}` });
        assert.equal(res.statusCode, 301, cpage);
        assert.equal(res.headers.location, `/articles/${slug}#comments`);
      }
      assert.equal((await t.app.inject({ url: `/articles/${slug}?cpage=abc` })).statusCode, 404);
    });

    it('finds any comment from its permalink, whatever page it is on', async () => {
      const first = await t.app.inject({ url: `/comments/${ids[0]}` });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `/articles/${slug}?cpage=1#comment-${ids[0]}`);
      assert.equal(
        (await t.app.inject({ url: `/comments/${ids[7]}` })).headers.location,
        `/articles/${slug}#comment-${ids[7]}`,
      );
      assert.equal((await t.app.inject({ url: '/comments/01a2204a-7f17-750d-b8cd-5604456f7000' })).statusCode, 404);
    });

    it('opens the reply form on the page of the comment replied to, and a posted reply is found there', async () => {
      const view = await t.app.inject({ url: `/articles/${slug}?replyto=${ids[1]}` });
      assert.deepEqual(shown(view.body), [1, 2, 3]);
      assert.match(view.body, /Reply to Reader 2/);
      const posted = await t.app.inject({
        method: 'POST',
        url: `/articles/${slug}/comments`,
        headers: formHeaders,
        payload: form({ name: 'Replier', email: 'rep@example.org', comment: 'Replying on page one', parentId: ids[1] }),
      });
      assert.equal(posted.statusCode, 303);
      const permalink = await t.app.inject({ url: String(posted.headers.location) });
      assert.match(String(permalink.headers.location), new RegExp(`^/articles/${slug}\\?cpage=1#comment-`));
      assert.match(
        (await t.app.inject({ url: `/articles/${slug}?cpage=1` })).body,
        /Replying on page one/,
        'the cached page was refreshed',
      );
    });
  });
}
