import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import {
  type CommentNode,
  discussionPage,
  editorsPicks,
  featureComment,
  getDiscussion,
  getDiscussionPage,
  moderateComment,
  postComment,
} from '../../src/modules/comments/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

/** A thread as ids, nested as shown. */
type Shape = [string, Shape[]];
const shape = (nodes: CommentNode[]): Shape[] => nodes.map((n) => [n.id, shape(n.replies)]);

// The public page reads only the page of comments it shows (listThreadPageOutline); it must cut the thread exactly as
// discussionPage cuts the whole one: the same threads on each page, replies nested as deep as they go, replies to a
// removed comment standing on their own, the same picks and the same oldest comments.
for (const dialect of dialects) {
  describe(`one page of a discussion read alone on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    it('matches the whole thread cut into pages, for every page size, order and page', async () => {
      const staff = await makeStaff(deps, 'editor');
      const article = await makeArticle(deps, { commentStatus: 'open' }, staff);
      const ids: string[] = [];
      const post = async (i: number, parentId?: string) => {
        clock.advance(1000);
        const c = await postComment(deps, {
          slug: article.slug,
          name: `Reader ${i}`,
          email: `r${i}@example.org`,
          body: `Comment ${i}`,
          ip: '203.0.113.7',
          userAgent: 'test',
          parentId,
        });
        ids.push(c.id);
        return c.id;
      };
      for (let i = 0; i < 30; i++) {
        // Every fourth starts a thread; the others answer one of the last few, so threads run several deep.
        await post(i, i % 4 === 0 ? undefined : ids[Math.max(0, ids.length - 1 - (i % 3))]);
      }
      // Removed comments with replies: their replies stand alone, as threads of their own, in their place by time.
      await moderateComment(deps, { staff, id: ids[2], status: 'trash' });
      await moderateComment(deps, { staff, id: ids[9], status: 'spam' });
      await moderateComment(deps, { staff, id: ids[16], status: 'trash' });
      for (const i of [3, 12, 25]) await featureComment(deps, { staff, id: ids[i], featured: true });

      const whole = await getDiscussion(deps, article.id);
      assert.ok(whole.length > 8, 'the removed comments left replies standing alone');
      const approved: string[] = [];
      const walk = (nodes: CommentNode[]) =>
        nodes.forEach((n) => {
          approved.push(n.id);
          walk(n.replies);
        });
      walk(whole);
      let compared = 0;
      for (const perPage of [0, 1, 3, 4, 50]) {
        for (const newestFirst of [false, true]) {
          const { pages } = discussionPage(whole, { perPage, newestFirst });
          for (const page of [undefined, 0, ...Array.from({ length: pages + 1 }, (_, i) => i + 1)]) {
            const expected = discussionPage(whole, { perPage, newestFirst, page });
            const read = await getDiscussionPage(deps, { articleId: article.id, perPage, newestFirst, page, first: 5 });
            const what = `perPage ${perPage}, ${newestFirst ? 'newest' : 'oldest'} first, page ${page}`;
            assert.deepEqual(
              { page: read.paging.page, pages: read.paging.pages, defaultPage: read.paging.defaultPage },
              { page: expected.page, pages: expected.pages, defaultPage: expected.defaultPage },
              what,
            );
            assert.deepEqual(shape(read.paging.roots), shape(expected.roots), what);
            assert.deepEqual(
              read.picks.map((c) => c.id),
              editorsPicks(whole).map((c) => c.id),
              what,
            );
            compared++;
          }
        }
      }
      assert.ok(compared > 40);
      // The oldest approved comments, wherever they sit in the thread; the removed ones are not among them.
      const { first } = await getDiscussionPage(deps, {
        articleId: article.id,
        perPage: 3,
        newestFirst: false,
        first: 5,
      });
      assert.deepEqual(
        first.map((c) => c.id),
        approved
          .map((id) => ({ id, at: ids.indexOf(id) }))
          .sort((a, b) => a.at - b.at)
          .slice(0, 5)
          .map((c) => c.id),
      );
      assert.ok(!first.some((c) => c.id === ids[2]));
      // A page of comments the reader can see and the whole thread agree on every comment's content too.
      const read = await getDiscussionPage(deps, { articleId: article.id, perPage: 0, newestFirst: false, first: 5 });
      const strip = (nodes: CommentNode[]): unknown => nodes.map((n) => ({ ...n, replies: strip(n.replies) }));
      assert.deepEqual(strip(read.paging.roots), strip(whole));
    });
  });
}
