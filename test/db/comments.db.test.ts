import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { findPublicArticle, trashArticle, updateArticle } from '../../src/modules/articles/index.ts';
import {
  countApprovedComments,
  getDiscussion,
  listLatestComments,
  moderateComment,
  postComment,
  type PostCommentInput,
} from '../../src/modules/comments/index.ts';
import { EDITION_WALK } from '../../src/modules/comments/comment.repository.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const rejects = (promise: Promise<unknown>, status: number, code: string) =>
  assert.rejects(promise, (e: unknown) => e instanceof AppError && e.status === status && e.code === code);

const reader = (slug: string, extra: Partial<PostCommentInput> = {}): PostCommentInput => ({
  slug,
  name: 'Ana Reader',
  email: 'ana@example.org',
  body: 'A thoughtful comment.',
  ip: '203.0.113.7',
  userAgent: 'test',
  ...extra,
});

async function storedCount(deps: Deps, slug: string) {
  const found = await findPublicArticle(deps, slug);
  assert.ok(found && 'article' in found);
  return found.article.commentCount;
}

for (const dialect of dialects) {
  describe(`comments on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));

    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    it("feeds the site's newest approved comments on public articles, past the newer ones it must skip", async () => {
      const editor = await makeStaff(deps, 'editor');
      const open = await makeArticle(deps, {}, editor);
      const rescheduled = await makeArticle(deps, {}, editor);
      const trashed = await makeArticle(deps, {}, editor);
      const posted = async (slug: string, body: string) => {
        clock.advance(1000);
        return (await postComment(deps, reader(slug, { body, email: `${body.replace(/\W/g, '')}@example.org` }))).id;
      };
      const older = await posted(open.slug, 'Older on the open story.');
      const newer = await posted(open.slug, 'Newer on the open story.');
      // The newest comments are on stories that stop being public: the feed walks past them to fill itself.
      for (const n of [1, 2, 3]) await posted(rescheduled.slug, `On the rescheduled story, ${n}.`);
      for (const n of [1, 2]) await posted(trashed.slug, `On the trashed story, ${n}.`);
      await updateArticle(deps, {
        staff: editor,
        id: rescheduled.id,
        changes: { status: 'scheduled', publishAt: new Date(clock.now().getTime() + 86_400_000).toISOString() },
      });
      await trashArticle(deps, { staff: editor, id: trashed.id });
      const feed = async (limit: number) => (await listLatestComments(deps, { limit })).map((c) => c.comment.id);
      assert.deepEqual(await feed(2), [newer, older]);
      assert.deepEqual(await feed(1), [newer]);
      const [first] = await listLatestComments(deps, { limit: 1 });
      assert.deepEqual(first.article, { slug: open.slug, headline: open.headline });
      // One article's feed reads its own thread.
      assert.deepEqual(
        (await listLatestComments(deps, { articleId: open.id, limit: 5 })).map((c) => c.comment.id),
        [newer, older],
      );
    });

    it("feeds an edition's newest comments from its own articles when the site's newest are all another's", async () => {
      await updateSettings(deps, { language: 'en', languages: ['en', 'es'] });
      const editor = await makeStaff(deps, 'editor');
      const spanish = await makeArticle(deps, { headline: 'Crónica del puerto', language: 'es' }, editor);
      const hidden = await makeArticle(deps, { headline: 'Borrador', language: 'es', status: 'draft' }, editor);
      const english = await makeArticle(deps, { headline: 'Harbour chronicle' }, editor);
      const posted = async (slug: string, body: string) => {
        clock.advance(1000);
        return (await postComment(deps, reader(slug, { body, email: `${body.replace(/\W/g, '')}@example.org` }))).id;
      };
      const first = await posted(spanish.slug, 'Primero.');
      const second = await posted(spanish.slug, 'Segundo.');
      const third = await posted(spanish.slug, 'Tercero.');
      // A comment on a Spanish draft (as an import could leave), newer than those: not public, never fed.
      const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
      const row = (id: string, articleId: string, created: string) => ({
        id,
        article_id: articleId,
        parent_id: null,
        depth: 0,
        author_name: 'Reader',
        author_email: 'reader@example.org',
        author_url: '',
        body_text: 'Comment.',
        body_html: '<p>Comment.</p>',
        status: 'approved' as const,
        created_at: created,
        ip: '',
        user_agent: '',
      });
      await deps.db
        .insertInto('comments')
        .values(row('00000000-0000-7000-9000-100000000000', hidden.id, at(500)))
        .execute();
      // The site's newest comments, more than an edition's feed looks through, are all on an English story.
      for (let from = 0; from < EDITION_WALK + 10; from += 500)
        await deps.db
          .insertInto('comments')
          .values(
            Array.from({ length: Math.min(500, EDITION_WALK + 10 - from) }, (_, k) =>
              row(`00000000-0000-7000-9000-${String(from + k).padStart(12, '0')}`, english.id, at(1000 + from + k)),
            ),
          )
          .execute();
      const feed = async (limit: number, language = { tag: 'es', isDefault: false }) =>
        (await listLatestComments(deps, { language, limit })).map((c) => c.comment.id);
      assert.deepEqual(await feed(2), [third, second]);
      assert.deepEqual(await feed(20), [third, second, first]);
      const [newest] = await listLatestComments(deps, { language: { tag: 'es', isDefault: false }, limit: 1 });
      assert.deepEqual(newest.article, { slug: spanish.slug, headline: spanish.headline });
      // A Spanish comment among the site's newest fills a feed of one from the walk, and comes first in a longer one,
      // which reads the articles again.
      clock.set(new Date(at(EDITION_WALK + 5000)));
      const latest = await posted(spanish.slug, 'Último.');
      assert.deepEqual(await feed(1), [latest]);
      assert.deepEqual(await feed(2), [latest, third]);
      // The default edition's feed is the English story's, newest first.
      const english2 = await feed(1, { tag: 'en', isDefault: true });
      assert.deepEqual(english2, [`00000000-0000-7000-9000-${String(EDITION_WALK + 9).padStart(12, '0')}`]);
    });

    it('posts a comment and a reply, threaded, oldest first, and counts them', async () => {
      const a = await makeArticle(deps);
      const first = await postComment(deps, reader(a.slug, { body: 'First!' }));
      clock.advance(1000);
      const second = await postComment(deps, reader(a.slug, { name: 'Bo', body: 'Second.' }));
      clock.advance(1000);
      const reply = await postComment(
        deps,
        reader(a.slug, { name: 'Cy', body: 'Replying to Ana.', parentId: first.id }),
      );
      assert.equal(reply.depth, 1);
      const thread = await getDiscussion(deps, a.id);
      assert.deepEqual(
        thread.map((c) => c.authorName),
        ['Ana Reader', 'Bo'],
      );
      assert.deepEqual(
        thread[0].replies.map((c) => c.id),
        [reply.id],
      );
      assert.equal(second.status, 'approved');
      assert.equal(await storedCount(deps, a.slug), 3);
    });

    it('flattens replies past the thread depth onto the deepest allowed level', async () => {
      await updateSettings(deps, { threadDepth: 3 });
      const a = await makeArticle(deps);
      let parent = await postComment(deps, reader(a.slug));
      const depths: number[] = [parent.depth];
      for (let i = 0; i < 4; i++) {
        parent = await postComment(deps, reader(a.slug, { parentId: parent.id }));
        depths.push(parent.depth);
      }
      assert.deepEqual(depths, [0, 1, 2, 2, 2]);
      await updateSettings(deps, { threadDepth: 5 });
    });

    it('refuses a reply to a comment of another article, or to one that does not exist', async () => {
      const a = await makeArticle(deps);
      const b = await makeArticle(deps);
      const onB = await postComment(deps, reader(b.slug));
      await rejects(postComment(deps, reader(a.slug, { parentId: onB.id })), 422, 'unknown_parent');
      await rejects(postComment(deps, reader(a.slug, { parentId: 'not-an-id' })), 422, 'unknown_parent');
    });

    it('refuses comments on a closed discussion, whether closed by hand or by age', async () => {
      const editor = await makeStaff(deps, 'editor');
      const a = await makeArticle(deps, {}, editor);
      await postComment(deps, reader(a.slug));
      await updateArticle(deps, { staff: editor, id: a.id, changes: { commentStatus: 'closed' } });
      await rejects(postComment(deps, reader(a.slug)), 403, 'discussion_closed');
      assert.equal(await storedCount(deps, a.slug), 1, 'closing keeps the count');

      const old = await makeArticle(deps, {
        publishAt: new Date(clock.now().getTime() - 13 * 86_400_000).toISOString(),
      });
      await postComment(deps, reader(old.slug));
      clock.advance(86_400_000);
      await rejects(postComment(deps, reader(old.slug)), 403, 'discussion_closed');
      await updateArticle(deps, { staff: editor, id: old.id, changes: { commentStatus: 'open' } });
      await postComment(deps, reader(old.slug));
    });

    it('refuses comments on drafts and unknown articles', async () => {
      const draft = await makeArticle(deps, { status: 'draft' });
      await rejects(postComment(deps, reader(draft.slug)), 404, 'not_found');
      await rejects(postComment(deps, reader('no-such-article')), 404, 'not_found');
    });

    it('files a comment that filled the honeypot as spam, unseen and uncounted', async () => {
      const a = await makeArticle(deps);
      const bot = await postComment(deps, reader(a.slug, { honeypot: 'http://spam.example' }));
      assert.equal(bot.status, 'spam');
      assert.equal((await getDiscussion(deps, a.id)).length, 0);
      assert.equal(await storedCount(deps, a.slug), 0);
    });

    it('keeps the count equal to the approved comments through moderation', async () => {
      const a = await makeArticle(deps);
      const moderator = await makeStaff(deps, 'moderator');
      const c1 = await postComment(deps, reader(a.slug));
      const c2 = await postComment(deps, reader(a.slug));
      await moderateComment(deps, { staff: moderator, id: c1.id, status: 'spam' });
      await moderateComment(deps, { staff: moderator, id: c1.id, status: 'spam' });
      assert.equal(await storedCount(deps, a.slug), 1);
      await moderateComment(deps, { staff: moderator, id: c2.id, status: 'trash' });
      await moderateComment(deps, { staff: moderator, id: c1.id, status: 'approved' });
      assert.equal(await storedCount(deps, a.slug), 1);
      assert.equal(await countApprovedComments(deps.db, a.id), 1);
      const author = await makeStaff(deps, 'author');
      await rejects(moderateComment(deps, { staff: author, id: c1.id, status: 'trash' }), 403, 'forbidden');
    });

    it('never lets the count drift under concurrent posting and moderation', async () => {
      const a = await makeArticle(deps);
      const moderator = await makeStaff(deps, 'moderator');
      const posted = await Promise.all(
        Array.from({ length: 40 }, (_, i) => postComment(deps, reader(a.slug, { body: `Comment ${i}` }))),
      );
      await Promise.all(
        posted
          .slice(0, 20)
          .flatMap((c) => [
            moderateComment(deps, { staff: moderator, id: c.id, status: 'trash' }).catch(() => undefined),
            moderateComment(deps, { staff: moderator, id: c.id, status: 'spam' }).catch(() => undefined),
          ]),
      );
      assert.equal(await storedCount(deps, a.slug), await countApprovedComments(deps.db, a.id));
      assert.equal(await storedCount(deps, a.slug), 20);
    });

    it('stores the IP address and user agent for moderation, and keeps them out of the thread', async () => {
      const a = await makeArticle(deps);
      const c = await postComment(deps, reader(a.slug, { ip: '198.51.100.23', userAgent: 'Mozilla/5.0 test' }));
      const row = await deps.db.selectFrom('comments').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(row.ip, '198.51.100.23');
      assert.equal(row.user_agent, 'Mozilla/5.0 test');
      assert.equal(row.author_email, 'ana@example.org');
      const [shown] = await getDiscussion(deps, a.id);
      assert.ok(!('ip' in shown) && !('email' in shown) && !('authorEmail' in shown));
    });
  });
}
