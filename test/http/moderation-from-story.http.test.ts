// Moderating from the story: the queue narrowed to one article and searched by words, email or address (plain GET,
// paged), each article's comment counts on the desk's list, and a pending comment answered as staff in one step.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`moderating from the story on ${dialect}`, () => {
    let t: TestApp;
    let moderator: DeskUser;
    let ferry: Article;
    let bridge: Article;
    let n = 0;
    before(async () => {
      t = await createTestApp(dialect);
      moderator = await makeDeskUser(t.app, t.deps, 'moderator', 'Mona Moderator');
      ferry = await makeArticle(t.deps, { headline: 'Night Ferry Trial Announced' });
      bridge = await makeArticle(t.deps, { headline: 'Bridge Tolls to Rise' });
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, relaxedModeration));

    /** A reader's comment through the API; held for moderation when `hold`. */
    const post = async (
      a: Article,
      body: string,
      over: { email?: string; ip?: string; hold?: boolean; notify?: boolean; parentId?: string } = {},
    ) => {
      if (over.hold) await updateSettings(t.deps, { holdFirstComments: true });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: over.ip ?? `198.51.100.${(++n % 250) + 1}`,
        payload: {
          name: 'Reader',
          email: over.email ?? `reader${++n}@example.org`,
          body,
          ...(over.notify && { notifyReplies: true }),
          ...(over.parentId && { parentId: over.parentId }),
        },
      });
      if (over.hold) await updateSettings(t.deps, { holdFirstComments: false });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; status: string };
    };
    const queue = (query: string, who: DeskUser = moderator) =>
      t.app.inject({ url: `/admin/moderation?${query}`, headers: { cookie: who.cookie } });
    const listed = (html: string) => [...html.matchAll(/data-comment="([^"]+)"/g)].map((m) => m[1]);

    it('narrows the queue to one article, searches by words, email and address, and keeps the filters across pages and forms', async () => {
      const onFerry = await post(ferry, 'The night crossing would help shift workers.', {
        hold: true,
        email: 'Shift.Worker@Example.org',
        ip: '203.0.113.9',
      });
      const onBridge = await post(bridge, 'Tolls hurt shift workers most of all.', { hold: true });
      const approved = await post(ferry, 'Good news for the island.');
      assert.equal(onFerry.status, 'pending');

      const byArticle = await queue(`queue=pending&article=${ferry.id}`);
      assert.equal(byArticle.statusCode, 200);
      assert.deepEqual(listed(byArticle.body), [onFerry.id]);
      assert.match(byArticle.body, /Comments on <a href="\/articles\/[^"]+">Night Ferry Trial Announced<\/a>/);
      // The tabs count the article's comments only, and keep the filter.
      assert.match(
        byArticle.body,
        new RegExp(
          `href="/admin/moderation\\?queue=recent&amp;article=${ferry.id}"[^>]*>All recent <span class="count">2</span>`,
        ),
      );
      assert.deepEqual(listed((await queue(`queue=recent&article=${ferry.id}`)).body), [approved.id, onFerry.id]);

      assert.deepEqual(
        listed((await queue('queue=pending&q=shift+WORKERS')).body).sort(),
        [onFerry.id, onBridge.id].sort(),
      );
      assert.deepEqual(
        listed((await queue('queue=pending&q=night+workers')).body),
        [onFerry.id],
        'every word must be found',
      );
      assert.deepEqual(
        listed((await queue('queue=pending&q=shift.worker%40example.org')).body),
        [onFerry.id],
        'an email matches whatever its case',
      );
      assert.deepEqual(listed((await queue('queue=recent&q=203.0.113.9')).body), [onFerry.id]);
      assert.deepEqual(listed((await queue(`queue=pending&q=tolls&article=${ferry.id}`)).body), []);
      assert.match(
        (await queue('queue=pending&q=100%25_')).body,
        /No comments in this queue match/,
        'LIKE wildcards are searched as text',
      );
      assert.equal((await queue('queue=pending&article=no-such-article')).statusCode, 404);

      // A decision made on the filtered queue comes back to it.
      const decided = await deskPost(t.app, moderator, `/admin/moderation/comments/${onBridge.id}`, {
        action: 'trash',
        queue: 'pending',
        q: 'shift workers',
      });
      assert.equal(decided.statusCode, 303);
      assert.equal(decided.headers.location, '/admin/moderation?queue=pending&q=shift+workers&done=trash&n=1');
      // The counts the queue's script polls are narrowed the same way.
      const counts = await t.app.inject({
        url: `/admin/moderation/counts.json?queue=pending&article=${ferry.id}`,
        headers: { cookie: moderator.cookie },
      });
      assert.deepEqual((counts.json() as { ids: string[] }).ids, [onFerry.id]);
    });

    it('pages through a filtered queue with plain links', async () => {
      const many = await makeArticle(t.deps, { headline: 'Harbour Festival Dates' });
      for (let i = 0; i < 23; i++) await post(many, `Festival comment number ${i}.`);
      const first = await queue(`queue=recent&article=${many.id}`);
      assert.equal(listed(first.body).length, 20);
      assert.match(
        first.body,
        new RegExp(`<a href="/admin/moderation\\?queue=recent&amp;article=${many.id}&amp;page=2" rel="next">`),
      );
      const second = await queue(`queue=recent&article=${many.id}&page=2`);
      assert.equal(listed(second.body).length, 3);
    });

    it("shows each article's pending and approved comments on the desk's list, linked to the queue for those who moderate", async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const list = await t.app.inject({ url: '/admin/articles?q=Night+Ferry', headers: { cookie: editor.cookie } });
      assert.equal(list.statusCode, 200);
      assert.match(
        list.body,
        new RegExp(
          `<a href="/admin/moderation\\?queue=recent&amp;article=${ferry.id}">1 approved</a> · <a href="/admin/moderation\\?queue=pending&amp;article=${ferry.id}" class="pending-count">1 pending</a>`,
        ),
      );
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const theirs = await t.app.inject({ url: '/admin/articles?q=Night+Ferry', headers: { cookie: author.cookie } });
      assert.match(theirs.body, /<span class="comment-counts">1 approved · 1 pending<\/span>/);
      assert.doesNotMatch(theirs.body, /href="\/admin\/moderation/);
    });

    it('answers a pending comment as staff: approved and replied in one step, audited, the commenter told of the reply', async () => {
      const parent = await post(bridge, 'Who decided this?', { hold: true, notify: true, email: 'asker@example.org' });
      const page = await queue(`queue=pending&article=${bridge.id}`);
      assert.match(page.body, new RegExp(`action="/admin/moderation/comments/${parent.id}/answer"`));
      assert.match(page.body, /<summary>Approve and reply as staff<\/summary>/);
      const res = await deskPost(t.app, moderator, `/admin/moderation/comments/${parent.id}/answer`, {
        body: 'The harbour board did, at its May meeting.',
        queue: 'pending',
        article: bridge.id,
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `/admin/moderation?queue=pending&article=${bridge.id}&done=answer`);
      const rows = await t.deps.db
        .selectFrom('comments')
        .select(['id', 'status', 'parent_id', 'staff_user_id'])
        .where('article_id', '=', bridge.id)
        .execute();
      const reply = rows.find((r) => r.parent_id === parent.id);
      assert.equal(rows.find((r) => r.id === parent.id)?.status, 'approved');
      assert.ok(reply);
      assert.equal(reply.status, 'approved');
      assert.equal(reply.staff_user_id, moderator.id);
      const actions = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('subject', 'in', [parent.id, reply.id])
        .orderBy('action')
        .execute();
      assert.deepEqual(actions, [
        { action: 'comment.moderated', subject: parent.id },
        { action: 'comment.staff_reply', subject: reply.id },
      ]);
      const mail = await t.deps.db
        .selectFrom('mail_outbox')
        .select(['recipient', 'kind'])
        .where('dedupe_key', '=', reply.id)
        .execute();
      assert.deepEqual(mail, [{ recipient: 'asker@example.org', kind: 'comment_reply' }]);
      const count = await t.deps.db
        .selectFrom('articles')
        .select('comment_count')
        .where('id', '=', bridge.id)
        .executeTakeFirstOrThrow();
      const approvedNow = rows.filter((r) => r.status === 'approved').length;
      assert.equal(Number(count.comment_count), approvedNow);
      const articlePage = await t.app.inject({ url: `/articles/${bridge.slug}` });
      assert.match(articlePage.body, /Who decided this\?/);
      assert.match(articlePage.body, /The harbour board did, at its May meeting\./);
    });

    it('refuses to answer a comment that is no longer pending, and an empty answer, changing nothing', async () => {
      const parent = await post(ferry, 'Will bikes be allowed?', { hold: true });
      const empty = await deskPost(t.app, moderator, `/admin/moderation/comments/${parent.id}/answer`, {
        body: '   ',
        queue: 'pending',
      });
      assert.equal(empty.statusCode, 422);
      assert.equal(
        (await t.deps.db.selectFrom('comments').select('status').where('id', '=', parent.id).executeTakeFirstOrThrow())
          .status,
        'pending',
      );
      await deskPost(t.app, moderator, `/admin/moderation/comments/${parent.id}`, { action: 'spam', queue: 'pending' });
      const late = await deskPost(t.app, moderator, `/admin/moderation/comments/${parent.id}/answer`, {
        body: 'Yes, two racks on board.',
        queue: 'pending',
      });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /This comment is spam now, not pending/);
      const replies = await t.deps.db.selectFrom('comments').select('id').where('parent_id', '=', parent.id).execute();
      assert.deepEqual(replies, []);
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const refused = await deskPost(t.app, author, `/admin/moderation/comments/${parent.id}/answer`, {
        body: 'Yes.',
        queue: 'pending',
      });
      assert.equal(refused.statusCode, 403);
    });
  });
}
