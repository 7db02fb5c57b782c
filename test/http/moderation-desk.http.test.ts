// The moderation desk over HTTP: queues with their context and counts, each decision, decisions on a selection, bans, rights.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Article } from '../../src/modules/articles/index.ts';
import { addExistingComments, countApprovedComments } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

let n = 0;
const address = () => `198.51.100.${(++n % 250) + 1}`;
const email = () => `reader${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const QUEUES = ['pending', 'reported', 'spam', 'trash', 'recent'] as const;

for (const dialect of dialects) {
  describe(`the moderation desk on ${dialect}`, () => {
    let t: TestApp;
    let moderator: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      moderator = await makeDeskUser(t.app, t.deps, 'moderator', 'Mona Moderator');
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, { ...relaxedModeration, reportThreshold: 3 }));

    /** Posts through the public API; with holdFirstComments on, a new email's comment waits in the pending queue. */
    const post = async (
      a: Article,
      body: string,
      over: { email?: string; ip?: string; name?: string; parentId?: string } = {},
    ) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: over.ip ?? address(),
        payload: {
          name: over.name ?? 'Reader',
          email: over.email ?? email(),
          body,
          ...(over.parentId && { parentId: over.parentId }),
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; status: string };
    };
    const held = async (a: Article, body: string, over: Parameters<typeof post>[2] = {}) => {
      await updateSettings(t.deps, { holdFirstComments: true });
      const c = await post(a, body, over);
      await updateSettings(t.deps, { holdFirstComments: false });
      return c;
    };
    const queue = async (q: string, who: DeskUser = moderator, page = 1) => {
      const res = await t.app.inject({
        url: `/admin/moderation?queue=${q}&page=${page}`,
        headers: { cookie: who.cookie },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    };
    const countsOf = (html: string) =>
      Object.fromEntries(
        QUEUES.map((q) => [
          q,
          Number(new RegExp(`data-queue="${q}">[^<]*<span class="count">(\\d+)</span>`).exec(html)?.[1]),
        ]),
      );
    const idsIn = (html: string) => [...html.matchAll(/data-comment="([^"]+)"/g)].map((m) => m[1]);
    const statusOf = async (id: string) =>
      (await t.deps.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    /** Every comment a queue lists, walking its pages. */
    async function allIn(q: string) {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const html = await queue(q, moderator, page);
        ids.push(...idsIn(html));
        if (!html.includes('rel="next"')) return ids;
      }
    }

    /** Every tab's count is the number of comments its pages list. */
    async function assertCountsMatch() {
      const counts = countsOf(await queue('pending'));
      for (const q of QUEUES)
        assert.equal(new Set(await allIn(q)).size, counts[q], `the ${q} tab's count matches its rows`);
      const rows = await t.deps.db.selectFrom('articles').select(['id', 'comment_count']).execute();
      for (const r of rows)
        assert.equal(
          Number(r.comment_count),
          await countApprovedComments(t.deps.db, r.id),
          "each article's stored count is exact",
        );
    }

    it("shows a held reply in context: its article, the comment it answers, the commenter's record, address, and the rule that held it", async () => {
      const a = await makeArticle(t.deps, { headline: 'Harbour Dredging Starts Monday' });
      const regular = email();
      const parent = await post(a, 'The dredger arrived this morning and it is enormous, bigger than the ferry.', {
        name: 'Pat Parent',
      });
      await post(a, 'An earlier approved comment.', { email: regular });
      const reply = await held(a, 'I watched it too.', {
        name: 'Quinn Reply',
        email: 'quinn@example.org',
        ip: '203.0.113.9',
        parentId: parent.id,
      });
      assert.equal(reply.status, 'pending');
      const html = await queue('pending');
      assert.ok(idsIn(html).includes(reply.id));
      const entry = html.slice(html.indexOf(`data-comment="${reply.id}"`));
      assert.match(
        entry,
        new RegExp(`href="/articles/${a.slug}#comment-${reply.id}">Harbour Dredging Starts Monday</a>`),
      );
      assert.match(
        entry,
        /In reply to <bdi>Pat Parent<\/bdi>: “The dredger arrived this morning and it is enormous, bigger than the …”/,
      );
      assert.match(entry, /quinn@example\.org/);
      assert.match(entry, /203\.0\.113\.9/);
      assert.match(entry, /1 comment, 0 approved, first seen/);
      assert.match(entry, /<code>first_comment<\/code>: No comment from this email has been approved before\./);
      assert.match(html, /src="\/assets\/moderation\.js\?v=[0-9a-f]{10}"/, 'the page loads its keyboard script');
      assert.match(html, /href="\/admin\/moderation">Moderation</, 'the nav links to the desk');
      const report = await validator.validateString(html);
      assert.ok(
        report.valid,
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'),
      );
      await assertCountsMatch();
    });

    it('approves, trashes, marks as spam and restores one comment at a time, recording who decided, with counts that stay exact', async () => {
      const a = await makeArticle(t.deps);
      const c = await held(a, 'Held for a look.');
      const act = (action: string) =>
        deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}`, { action, queue: 'pending', page: '1' });

      const approved = await act('approve');
      assert.equal(approved.statusCode, 303);
      assert.equal(approved.headers.location, '/admin/moderation?queue=pending&done=approve&n=1');
      assert.equal(await statusOf(c.id), 'approved');
      const readers = await t.app.inject({ url: `/api/articles/${a.slug}/comments` });
      assert.equal(readers.json().commentCount, 1);
      const notice = await t.app.inject({
        url: approved.headers.location as string,
        headers: { cookie: moderator.cookie },
      });
      assert.match(notice.body, /1 comment approved\./);
      await assertCountsMatch();

      assert.equal((await act('trash')).statusCode, 303);
      assert.equal(await statusOf(c.id), 'trash');
      assert.match(await queue('trash'), /Mona Moderator changed it from approved to trash\./);
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount, 0);
      await assertCountsMatch();

      assert.equal((await act('spam')).statusCode, 303);
      assert.equal(await statusOf(c.id), 'spam');
      await assertCountsMatch();

      assert.equal((await act('restore')).statusCode, 303);
      assert.equal(await statusOf(c.id), 'pending', 'restore puts it back in the queue, not in front of readers');
      await assertCountsMatch();

      const unknown = await act('publish');
      assert.equal(unknown.statusCode, 422);
      assert.equal(await statusOf(c.id), 'pending');
    });

    it('lists reported comments with their reasons until a moderator keeps or removes them', async () => {
      const a = await makeArticle(t.deps);
      const c = await post(a, 'A sharp opinion.');
      const report = await t.app.inject({
        method: 'POST',
        url: `/api/comments/${c.id}/reports`,
        remoteAddress: address(),
        payload: { reason: 'Rude to the harbour master' },
      });
      assert.ok([200, 201, 202].includes(report.statusCode), report.body);
      assert.equal(await statusOf(c.id), 'approved', 'one report does not hold it');
      const html = await queue('reported');
      assert.ok(idsIn(html).includes(c.id));
      assert.match(html, /1 report\s*<ul><li>Rude to the harbour master<\/li>/);
      await assertCountsMatch();

      const kept = await deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}`, {
        action: 'approve',
        queue: 'reported',
      });
      assert.equal(kept.statusCode, 303);
      assert.equal(await statusOf(c.id), 'approved');
      assert.ok(!idsIn(await queue('reported')).includes(c.id), 'keeping it closes the open reports');
      await assertCountsMatch();
    });

    it('applies a decision to a selection, skipping what no longer exists, and says what happened', async () => {
      const a = await makeArticle(t.deps);
      const picked = [await held(a, 'One'), await held(a, 'Two'), await held(a, 'Three')];
      const before = await t.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'comment.moderated')
        .execute();
      const res = await deskPost(t.app, moderator, '/admin/moderation/bulk', {
        ids: [...picked.map((c) => c.id), '0190a0a0-0000-7000-8000-000000000000'],
        action: 'trash',
        queue: 'pending',
        page: '1',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/moderation?queue=pending&done=trash&n=3&skipped=1');
      const page = await t.app.inject({ url: res.headers.location as string, headers: { cookie: moderator.cookie } });
      assert.match(
        page.body,
        /3 comments moved to the trash\. 1 skipped: gone, or changed by someone else at the same moment\./,
      );
      for (const c of picked) assert.equal(await statusOf(c.id), 'trash');
      const audited = await t.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'comment.moderated')
        .execute();
      assert.equal(audited.length - before.length, 3, 'each decision is audited');
      await assertCountsMatch();

      const approve = await deskPost(t.app, moderator, '/admin/moderation/bulk', {
        ids: picked.slice(0, 2).map((c) => c.id),
        action: 'approve',
        queue: 'trash',
      });
      assert.equal(approve.headers.location, '/admin/moderation?queue=trash&done=approve&n=2');
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount, 2);
      await assertCountsMatch();

      const none = await deskPost(t.app, moderator, '/admin/moderation/bulk', { action: 'spam', queue: 'pending' });
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Select at least one comment\./);
    });

    it('bans a commenter by email from the queue, after which their posts are refused', async () => {
      const a = await makeArticle(t.deps);
      const troll = email();
      const c = await held(a, 'Buy my boats', { email: troll });
      const html = await queue('pending');
      assert.match(
        html,
        new RegExp(`name="email" type="email" value="${troll.replace('.', '\\.')}"`),
        'the ban form comes filled in',
      );

      const missing = await deskPost(t.app, moderator, '/admin/moderation/ban', {
        commentId: c.id,
        email: troll,
        ip: '',
        reason: '',
        queue: 'pending',
      });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /Say why, in 1 to 500 characters\./);
      assert.match(
        missing.body,
        /<details class="mod-ban" open>/,
        'the form is shown again, open, with what was typed',
      );

      const banned = await deskPost(t.app, moderator, '/admin/moderation/ban', {
        commentId: c.id,
        email: troll,
        ip: '',
        reason: 'Advertising',
        queue: 'pending',
      });
      assert.equal(banned.statusCode, 303);
      assert.equal(banned.headers.location, '/admin/moderation?queue=pending&done=ban');
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: address(),
        payload: { name: 'Troll', email: troll, body: 'Again' },
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'commenter_banned');

      const range = await deskPost(t.app, moderator, '/admin/moderation/ban', {
        commentId: c.id,
        email: '',
        ip: '192.0.2.0/24',
        reason: 'A flood from one network',
      });
      assert.equal(range.statusCode, 303);
      const fromRange = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: '192.0.2.77',
        payload: { name: 'X', email: email(), body: 'Hi' },
      });
      assert.equal(fromRange.statusCode, 403);
    });

    it('pages a long queue, newest first, twenty at a time', async () => {
      const a = await makeArticle(t.deps);
      const start = Date.parse('2026-01-01T00:00:00Z');
      const ids = await addExistingComments(
        t.deps,
        a.id,
        Array.from({ length: 23 }, (_, i) => ({
          name: `Spammer ${i}`,
          email: `spammer${i}@example.org`,
          body: `Cheap watches ${i}`,
          status: 'spam' as const,
          createdAt: new Date(start + i * 60_000),
        })),
      );
      const first = await queue('spam');
      assert.equal(idsIn(first).length, 20);
      assert.equal(idsIn(first)[0], ids[22], 'the newest first');
      assert.match(first, /href="\/admin\/moderation\?queue=spam&amp;page=2" rel="next">/);
      const second = await queue('spam', moderator, 2);
      assert.deepEqual(idsIn(second), [ids[2], ids[1], ids[0]]);
      const beyond = await queue('spam', moderator, 9);
      assert.deepEqual(idsIn(beyond), idsIn(second), 'a page past the end shows the last one');
      await assertCountsMatch();
      const emptied = await deskPost(t.app, moderator, '/admin/moderation/bulk', {
        ids: ids.slice(0, 3),
        action: 'trash',
        queue: 'spam',
        page: '2',
      });
      const back = await t.app.inject({
        url: emptied.headers.location as string,
        headers: { cookie: moderator.cookie },
      });
      assert.equal(idsIn(back.body).length, 20, 'emptying the last page lands on the one before');
      await assertCountsMatch();
    });

    it('is only for moderators, editors and admins', async () => {
      const a = await makeArticle(t.deps);
      const c = await held(a, 'Not for authors');
      for (const role of ['author', 'contributor'] as const) {
        const who = await makeDeskUser(t.app, t.deps, role);
        assert.equal(
          (await t.app.inject({ url: '/admin/moderation', headers: { cookie: who.cookie } })).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, `/admin/moderation/comments/${c.id}`, { action: 'approve' })).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, '/admin/moderation/bulk', { ids: c.id, action: 'approve' })).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, '/admin/moderation/ban', { email: 'x@example.org', reason: 'No' })).statusCode,
          403,
        );
        const nav = await t.app.inject({ url: '/admin/account', headers: { cookie: who.cookie } });
        assert.doesNotMatch(nav.body, /href="\/admin\/moderation"/);
      }
      assert.equal(await statusOf(c.id), 'pending');
      for (const role of ['editor', 'admin'] as const) {
        const who = await makeDeskUser(t.app, t.deps, role);
        assert.ok(idsIn(await queue('pending', who)).includes(c.id));
      }
      const landing = await t.app.inject({ url: '/admin', headers: { cookie: moderator.cookie } });
      assert.equal(landing.headers.location, '/admin/moderation', 'a moderator lands on the queue');
    });

    it('counts a tab up to 10,000 and says "10,000+" past it, on the page and to the queue\'s script', async () => {
      // Years of caught spam: counting all of it on every view (and every few seconds for the script) grew with the
      // site's history.
      const a = await makeArticle(t.deps, { headline: 'Years of Spam Under One Story' });
      const at = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
      const rows = Array.from({ length: 10_001 }, (_, i) => ({
        id: `00000000-0000-7000-a000-${String(i).padStart(12, '0')}`,
        article_id: a.id,
        parent_id: null,
        depth: 0,
        author_name: 'Cheap Pills',
        author_email: 'pills@example.org',
        author_url: '',
        body_text: `Offer ${i}`,
        body_html: `<p>Offer ${i}</p>`,
        status: 'spam' as const,
        created_at: at(i),
        ip: '',
        user_agent: '',
      }));
      for (let i = 0; i < rows.length; i += 500)
        await t.deps.db
          .insertInto('comments')
          .values(rows.slice(i, i + 500))
          .execute();
      const html = await queue('spam');
      assert.match(html, /data-queue="spam">[^<]*<span class="count">10,000\+<\/span>/);
      assert.match(html, /data-queue="recent">[^<]*<span class="count">10,000\+<\/span>/);
      assert.equal(countsOf(html).pending, countsOf(await queue('pending')).pending, 'the short tabs stay exact');
      const snapshot = await t.app.inject({
        url: '/admin/moderation/counts.json?queue=spam',
        headers: { cookie: moderator.cookie },
      });
      const body = snapshot.json() as { counts: Record<string, number>; countCap: number; ids: string[] };
      assert.equal(body.counts.spam, 10_001);
      assert.equal(body.countCap, 10_000);
      assert.equal(new Set(body.ids).size, 20, 'a full first page');
    });
  });
}
