import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateArticle } from '../../src/modules/articles/index.ts';
import {
  editCommentText,
  featureComment,
  moderateComment,
  postComment,
  replyAsStaff,
} from '../../src/modules/comments/index.ts';
import { createTerm } from '../../src/modules/sections-desk/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

// The article page's ETag comes from what the page is made of (the article's version, the discussion revision the
// database bumps, the site's revision), read before any render: a current copy gets a 304 without a render, and a
// page that changed in any way never answers 304 to the copy before. The page cache is off, so every request here
// goes through the validator (with it on, the cache's own invalidation would answer first).
for (const dialect of dialects) {
  describe(`the article page's validator on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    let slug: string;
    let articleId: string;
    let staff: Awaited<ReturnType<typeof makeStaff>>;
    const comments: string[] = [];
    before(async () => {
      t = await createTestApp(dialect, { clock, env: { PAGE_CACHE: 'off' } });
      staff = await makeStaff(t.deps, 'editor');
      const a = await makeArticle(t.deps, { headline: 'Validators at the Harbour', commentStatus: 'open' }, staff);
      slug = a.slug;
      articleId = a.id;
      for (let i = 1; i <= 3; i++) {
        clock.advance(60_000);
        const c = await postComment(t.deps, {
          slug,
          name: `Reader ${i}`,
          email: `r${i}@example.org`,
          body: `Comment number ${i}`,
          ip: '127.0.0.1',
          userAgent: 't',
        });
        comments.push(c.id);
      }
    });
    after(() => t.close());

    const page = () => t.app.inject({ url: `/articles/${slug}` });
    const revalidate = (etag: string) => t.app.inject({ url: `/articles/${slug}`, headers: { 'if-none-match': etag } });

    /** The page's current ETag, checked to answer 304 before the change, and proved changed after it. */
    async function changes(what: string, change: () => Promise<unknown>, shows?: RegExp) {
      const before = await page();
      assert.equal(before.statusCode, 200);
      const etag = String(before.headers.etag);
      assert.equal((await revalidate(etag)).statusCode, 304, `${what}: the unchanged page answers 304`);
      await change();
      const after = await revalidate(etag);
      assert.equal(after.statusCode, 200, `${what}: the changed page must not answer 304 to the old copy`);
      assert.notEqual(after.headers.etag, etag, `${what}: a new ETag`);
      if (shows) assert.match(after.body, shows, `${what}: the new page shows it`);
      return after;
    }

    it('answers a current copy with 304 from the validator alone, without rendering', async () => {
      const first = await page();
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(first.headers.etag, (await page()).headers.etag, 'the same page keeps its ETag');
      const res = await revalidate(etag);
      assert.equal(res.statusCode, 304);
      assert.equal(res.body, '');
      assert.equal(res.headers.etag, etag);
      // A rendered page says whether it came from the cache; the validator's 304 rendered nothing to say it of.
      assert.equal(res.headers['x-page-cache'], undefined);
      assert.equal(first.headers['x-page-cache'], 'miss');
      // Another page's ETag, or one made from the bytes, is not this page's.
      assert.equal((await revalidate('"not-this-page"')).statusCode, 200);
    });

    it('changes with every change to a comment readers see', async () => {
      await changes(
        'a new approved comment',
        () =>
          postComment(t.deps, {
            slug,
            name: 'Reader 4',
            email: 'r4@example.org',
            body: 'Comment number 4',
            ip: '127.0.0.1',
            userAgent: 't',
          }),
        /Comment number 4/,
      );
      await changes(
        'a moderator edits a comment',
        () => editCommentText(t.deps, { staff, id: comments[0], body: 'Comment number 1, corrected' }),
        /Comment number 1, corrected/,
      );
      await changes(
        'a comment featured',
        () => featureComment(t.deps, { staff, id: comments[1], featured: true }),
        /class="editors-picks"/,
      );
      await changes(
        'a staff reply',
        () => replyAsStaff(t.deps, { staff, parentId: comments[1], body: 'Thanks, we fixed the timetable.' }),
        /Thanks, we fixed the timetable\./,
      );
      const trashed = await changes('a comment deleted (trashed)', () =>
        moderateComment(t.deps, { staff, id: comments[2], status: 'trash' }),
      );
      assert.doesNotMatch(trashed.body, /Comment number 3/);
      await changes(
        'a comment approved again',
        () => moderateComment(t.deps, { staff, id: comments[2], status: 'approved' }),
        /Comment number 3/,
      );
    });

    it('stays put when a comment no reader sees arrives, and changes when it is approved', async () => {
      await updateSettings(t.deps, { holdFirstComments: true });
      const etag = String((await page()).headers.etag);
      const held = await postComment(t.deps, {
        slug,
        name: 'First Timer',
        email: 'first@example.org',
        body: 'A first comment, held',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.equal(held.status, 'pending');
      assert.equal((await revalidate(etag)).statusCode, 304, 'a held comment changes no public page');
      await changes(
        'the held comment approved',
        () => moderateComment(t.deps, { staff, id: held.id, status: 'approved' }),
        /A first comment, held/,
      );
    });

    it('changes when the article is edited, the settings change or the sections change', async () => {
      await changes(
        'an article edit',
        () => updateArticle(t.deps, { staff, id: articleId, changes: { headline: 'Validators at the New Harbour' } }),
        /Validators at the New Harbour/,
      );
      await changes(
        'a setting the page shows',
        () => updateSettings(t.deps, { name: 'The Harbour Ledger' }),
        /The Harbour Ledger/,
      );
      await changes(
        'a new section in the menu',
        () => createTerm(t.deps, { staff, ip: '127.0.0.1', kind: 'section', name: 'Ferries' }),
        />Ferries</,
      );
    });

    it('changes when the discussion closes with time', async () => {
      await updateSettings(t.deps, { commentsCloseAfterDays: 30 });
      // An article that follows the site's rule (the one above is kept open by its own setting).
      slug = (await makeArticle(t.deps, { headline: 'A Discussion That Closes' }, staff)).slug;
      const closed = await changes('the discussion closed by time', async () => clock.advance(31 * 86_400_000));
      assert.match(closed.body, /class="comments-closed"/);
    });
  });
}
