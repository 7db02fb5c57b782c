// The article page puts its comments together from rendered fragments kept by comment, last edit, language, time
// zone and whether the discussion is open (src/web/discussion.tsx). None may outlive what it was made of: here, the
// reader's process keeps no pages (PAGE_CACHE off, so every view is put together from the fragments) and another
// process makes each change, as a second app server would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { type Article, updateArticle } from '../../src/modules/articles/index.ts';
import { addExistingComments, editCommentText, moderateComment } from '../../src/modules/comments/index.ts';
import type { Staff } from '../../src/modules/permissions/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the comments an article page is put together from, on ${dialect}`, () => {
    // One clock for both processes, which never moves: two edits land at the same instant.
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    let db: TestDb;
    let reader: { deps: Deps; app: FastifyInstance };
    let writer: Deps;
    let staff: Staff;
    let article: Article;
    let commentId: string;

    before(async () => {
      db = await createTestDb(dialect);
      const readerDeps = (await createTestDeps(db, { clock, env: { PAGE_CACHE: 'off' } })).deps;
      reader = { deps: readerDeps, app: await buildApp(readerDeps) };
      writer = (await createTestDeps(db, { clock })).deps;
      staff = await makeStaff(writer, 'editor');
      article = await makeArticle(writer, { commentStatus: 'open' }, staff);
      [commentId] = await addExistingComments(writer, article.id, [
        {
          name: 'Ana Reader',
          email: 'ana@example.org',
          status: 'approved',
          body: 'The first words of my comment.',
          createdAt: new Date('2026-11-28T08:00:00Z'),
        },
      ]);
    });
    after(async () => {
      await reader.app.close();
      await reader.deps.close();
      await writer.close();
      await db.drop();
    });

    const page = async () => {
      const res = await reader.app.inject({ url: `/articles/${article.slug}` });
      assert.equal(res.statusCode, 200);
      return res.body;
    };
    /** The markup of the one comment, between its list item's opening and the end of its article. */
    const comment = async () => {
      const html = await page();
      const start = html.indexOf(`id="comment-${commentId}"`);
      return start < 0 ? undefined : html.slice(start, html.indexOf('</article>', start));
    };

    it('renders a comment once and then puts the page together from its fragment', async () => {
      const first = await comment();
      assert.match(first ?? '', /The first words of my comment\./);
      assert.ok(reader.deps.fragments.size.fragments >= 1, 'the comment was kept');
      assert.equal(await comment(), first);
    });

    it('shows the new text after every edit, even two made at the same instant', async () => {
      await comment();
      await editCommentText(writer, { staff, id: commentId, body: 'Second thoughts, in other words.' });
      const second = await comment();
      assert.match(second ?? '', /Second thoughts, in other words\./);
      assert.doesNotMatch(second ?? '', /first words/);
      await editCommentText(writer, { staff, id: commentId, body: 'Third and last version.' });
      const third = await comment();
      assert.match(third ?? '', /Third and last version\./);
      assert.doesNotMatch(third ?? '', /Second thoughts/);
    });

    it('takes a comment off the page when a moderator removes it, and back when approved', async () => {
      assert.ok(await comment());
      await moderateComment(writer, { staff, id: commentId, status: 'spam' });
      assert.equal(await comment(), undefined);
      assert.doesNotMatch(await page(), /Third and last version/);
      await moderateComment(writer, { staff, id: commentId, status: 'approved' });
      assert.match((await comment()) ?? '', /Third and last version\./);
    });

    it("speaks the site's language after it changes", async () => {
      assert.match((await comment()) ?? '', />Reply</);
      await updateSettings(reader.deps, { language: 'es' });
      try {
        const spanish = (await comment()) ?? '';
        assert.match(spanish, />Responder</);
        assert.doesNotMatch(spanish, />Reply</);
      } finally {
        await updateSettings(reader.deps, { language: 'en' });
      }
      assert.match((await comment()) ?? '', />Reply</);
    });

    it('keeps the page around its discussion, and shows what another process changes in it', async () => {
      const before = await page();
      assert.match(before, /"commentCount":1/);
      await updateArticle(writer, { staff, id: article.id, changes: { headline: 'A Headline Changed Elsewhere' } });
      const renamed = await page();
      assert.match(renamed, /<h1 class="headline">A Headline Changed Elsewhere<\/h1>/);
      assert.match(renamed, /<title>A Headline Changed Elsewhere/);
      await recordArticleUpdate(writer, {
        staff,
        articleId: article.id,
        kind: 'correction',
        note: 'A date was wrong.',
      });
      assert.match(await page(), /A date was wrong\./);
      await addExistingComments(writer, article.id, [
        {
          name: 'Second Reader',
          email: 'second@example.org',
          status: 'approved',
          body: 'A second comment arrives.',
          createdAt: new Date('2026-11-28T08:30:00Z'),
        },
      ]);
      const counted = await page();
      assert.match(counted, /A second comment arrives\./);
      assert.match(counted, /"commentCount":2/);
      assert.match(counted, /A Headline Changed Elsewhere/);
      assert.doesNotMatch(counted, /<template>/, 'every slot is filled');
    });

    it('drops the reply links when the discussion closes', async () => {
      assert.match((await comment()) ?? '', /class="reply-link"/);
      await updateArticle(writer, { staff, id: article.id, changes: { commentStatus: 'closed' } });
      const closed = (await comment()) ?? '';
      assert.match(closed, /Third and last version\./);
      assert.doesNotMatch(closed, /class="reply-link"/);
      assert.match(closed, /class="report-link"/);
    });
  });
}
