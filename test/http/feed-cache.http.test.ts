// Feeds are served from the page cache with the pages' tags, and answer conditional requests with 304: aggregators
// poll them hardest. Publishing, editing and an approved comment change the feeds that show them; a comment never
// moves an article's dates, so the article feeds keep their validators through it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateArticle } from '../../src/modules/articles/index.ts';
import { moderateComment, postComment } from '../../src/modules/comments/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { readFeed } from '../support/feeds.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const validators = (res: { headers: Record<string, unknown> }) => ({
  etag: String(res.headers.etag),
  lastModified: String(res.headers['last-modified']),
});

for (const dialect of dialects) {
  describe(`feeds in the page cache on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    let editor: Awaited<ReturnType<typeof makeStaff>>;
    before(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t.deps, 'editor');
    });
    after(() => t.close());

    it('serves a feed from the cache with its validators, answers 304 to them, and dates it by its newest entry', async () => {
      const first = await makeArticle(t.deps, { headline: 'First Story' }, editor);
      clock.advance(3_600_000);
      const miss = await t.app.inject({ url: '/atom.xml' });
      assert.equal(miss.headers['x-page-cache'], 'miss');
      assert.equal(miss.headers['cache-control'], 'public, max-age=0, must-revalidate');
      assert.equal(
        miss.headers['last-modified'],
        first.modifiedAt.toUTCString(),
        'Last-Modified is the newest entry, not the time of rendering',
      );
      const hit = await t.app.inject({ url: '/atom.xml' });
      assert.equal(hit.headers['x-page-cache'], 'hit');
      assert.equal(hit.body, miss.body);
      const { etag, lastModified } = validators(miss);
      assert.equal((await t.app.inject({ url: '/atom.xml', headers: { 'if-none-match': etag } })).statusCode, 304);
      assert.equal(
        (await t.app.inject({ url: '/atom.xml', headers: { 'if-modified-since': lastModified } })).statusCode,
        304,
      );
      assert.equal(
        (await t.app.inject({ url: '/atom.xml', headers: { 'if-none-match': '"something-else"' } })).statusCode,
        200,
      );
    });

    it('shows a newly published article at once, and an edit with its new time', async () => {
      const before = await t.app.inject({ url: '/rss.xml' });
      clock.advance(60_000);
      const second = await makeArticle(t.deps, { headline: 'Second Story' }, editor);
      const after = await t.app.inject({ url: '/rss.xml', headers: { 'if-none-match': validators(before).etag } });
      assert.equal(after.statusCode, 200, 'publishing changed the feed');
      assert.match(after.body, /Second Story/);
      clock.advance(60_000);
      await updateArticle(t.deps, {
        staff: editor,
        id: second.id,
        changes: { headline: 'Second Story, Corrected Headline' },
      });
      const edited = await readFeed(t, '/atom.xml');
      const item = edited.feed.items.find((i) => i.id === `urn:uuid:${second.id}`)!;
      assert.equal(item.title, 'Second Story, Corrected Headline');
      assert.equal(item.updated?.toISOString(), clock.now().toISOString());
      assert.equal(item.published?.toISOString(), second.publishedAt!.toISOString());
    });

    it("keeps the article feeds' validators through a save that changes nothing readers see", async () => {
      const before = await t.app.inject({ url: '/rss.xml' });
      const [latest] = (await readFeed(t, '/atom.xml')).feed.items;
      const id = latest.id!.replace('urn:uuid:', '');
      clock.advance(60_000);
      await updateArticle(t.deps, { staff: editor, id, changes: { pinned: true, commentStatus: 'open' } });
      const after = await t.app.inject({ url: '/rss.xml', headers: { 'if-none-match': validators(before).etag } });
      assert.equal(after.statusCode, 304, 'a pin and a discussion switch are no news');
    });

    it('shows an approved comment in the discussion feeds, and leaves the article feeds as they were', async () => {
      const article = await makeArticle(t.deps, { headline: 'Discussed Story', commentStatus: 'open' }, editor);
      const siteBefore = await t.app.inject({ url: '/rss.xml' });
      const sectionless = await t.app.inject({ url: `/authors/${article.authors[0].slug}/atom.xml` });
      const threadBefore = await readFeed(t, `/articles/${article.slug}/comments/rss.xml`);
      assert.equal(threadBefore.feed.items.length, 0);
      clock.advance(60_000);
      const comment = await postComment(t.deps, {
        slug: article.slug,
        name: 'Reader',
        email: 'reader@example.org',
        body: 'A comment with http://a.example and http://b.example',
        ip: '127.0.0.1',
        userAgent: 'test',
      });
      assert.equal(comment.status, 'pending', 'two links hold the comment for a moderator');
      assert.equal(
        (await readFeed(t, `/articles/${article.slug}/comments/rss.xml`)).feed.items.length,
        0,
        'a held comment is not in the feed',
      );
      await moderateComment(t.deps, { staff: editor, id: comment.id, status: 'approved' });
      const thread = await readFeed(t, `/articles/${article.slug}/comments/rss.xml`);
      assert.deepEqual(
        thread.feed.items.map((i) => i.id),
        [`urn:uuid:${comment.id}`],
      );
      assert.ok((await readFeed(t, '/comments/atom.xml')).feed.items.some((i) => i.id === `urn:uuid:${comment.id}`));
      // The site's and the author's feeds were re-rendered (their tag was dropped) to the same bytes: still 304.
      const site = await t.app.inject({ url: '/rss.xml', headers: { 'if-none-match': validators(siteBefore).etag } });
      assert.equal(site.statusCode, 304, 'a comment does not change the article feeds');
      const author = await t.app.inject({
        url: `/authors/${article.authors[0].slug}/atom.xml`,
        headers: { 'if-modified-since': validators(sectionless).lastModified },
      });
      assert.equal(author.statusCode, 304);
    });
  });
}
