// Settings → Discussion at the desk and GET/PATCH /api/settings: every rule shown with its default, checked,
// audited with before and after, and in force for the next comment or page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '../../src/modules/audit/index.ts';
import { getSettings } from '../../src/modules/settings/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let n = 0;
const reader = () => ({ name: 'Reader', email: `reader${++n}@example.org` });

for (const dialect of dialects) {
  describe(`discussion settings on ${dialect}`, () => {
    let t: TestApp;
    let admin: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await makeDeskUser(t.app, t.deps, 'admin', 'Rules Admin');
    });
    after(() => t.close());

    const lastChange = async () =>
      (await listAudit(t.deps.db, { limit: 100, offset: 0 })).entries.find((e) => e.action === 'settings.changed');

    it('shows every rule with what it does and its default', async () => {
      const page = await t.app.inject({ url: '/admin/settings/discussion', headers: { cookie: admin.cookie } });
      assert.equal(page.statusCode, 200);
      for (const [field, label] of [
        ['commentsPerPage', 'Comments per page'],
        ['commentsNewestPageFirst', 'Page shown first'],
        ['threadDepth', 'Reply levels'],
        ['commentsCloseAfterDays', 'Close discussions after'],
        ['moderationLinkLimit', 'Link limit'],
        ['moderationWords', 'Moderation words'],
        ['blockedWords', 'Blocked words'],
        ['blockedEmails', 'Blocked emails'],
        ['blockedIps', 'Blocked addresses'],
        ['holdFirstComments', 'Hold first comments'],
        ['floodSeconds', 'Seconds between comments'],
        ['reportThreshold', 'Reports that hold'],
        ['minTypingSeconds', 'Typing speed'],
        ['duplicateWindowMinutes', 'Repeats are spam'],
        ['ipRetentionDays', 'addresses'],
      ]) {
        assert.match(page.body, new RegExp(`name="${field}"`), field);
        assert.match(page.body, new RegExp(label), label);
      }
      assert.match(
        page.body,
        /A comment with this many links or more waits for a moderator; 0 never holds for links\. Default: 2\./,
      );
      assert.match(page.body, /Default: 15\./, "the flood interval's default");
      assert.match(
        (await t.app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } })).body,
        /href="\/admin\/settings\/discussion"/,
      );
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      assert.equal(
        (await t.app.inject({ url: '/admin/settings/discussion', headers: { cookie: editor.cookie } })).statusCode,
        403,
      );
    });

    it('saves the rules from the form: the link limit holds the next comment; lists one a line; audited before and after', async () => {
      const article = await makeArticle(t.deps);
      const res = await deskPost(t.app, admin, '/admin/settings/discussion', {
        moderationLinkLimit: '1',
        moderationWords: 'casino\r\n\r\n  cheap pills  \r\ncasino',
        blockedIps: '203.0.113.0/24\n2001:db8::/32',
        floodSeconds: '0',
        minTypingSeconds: '0',
        duplicateWindowMinutes: '0',
        reportThreshold: '3',
        commentsPerPage: '50',
        commentsNewestPageFirst: 'newest',
        threadDepth: '5',
        commentsCloseAfterDays: '14',
        commentEditMinutes: '10',
        ipRetentionDays: '60',
        moderationDigestMinutes: '60',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.equal(res.headers.location, '/admin/settings/discussion?done=1');
      const saved = await getSettings(t.deps);
      assert.equal(saved.moderationLinkLimit, 1);
      assert.deepEqual(saved.moderationWords, ['casino', 'cheap pills']);
      assert.deepEqual(saved.blockedIps, ['203.0.113.0/24', '2001:db8::/32']);
      assert.equal(saved.holdFirstComments, false, 'an unticked box is off');
      const entry = await lastChange();
      assert.deepEqual(entry?.details.moderationLinkLimit, { from: 2, to: 1 });
      assert.deepEqual(entry?.details.moderationWords, { from: [], to: ['casino', 'cheap pills'] });
      assert.equal(entry?.details.threadDepth, undefined, 'only what changed is recorded');

      const post = (body: string, remoteAddress = '192.0.2.10') =>
        t.app.inject({
          method: 'POST',
          url: `/api/articles/${article.slug}/comments`,
          remoteAddress,
          payload: { ...reader(), body },
        });
      const linked = await post('See https://example.org for more.');
      assert.equal(linked.statusCode, 201, linked.body);
      assert.equal(linked.json().status, 'pending');
      assert.equal((await post('No links here at all.')).json().status, 'approved');
      assert.equal((await post('Best CHEAP PILLS in town')).json().status, 'pending');
      assert.equal((await post('Hello from the block list', '203.0.113.77')).json().status, 'spam');
    });

    it('refuses a bad CIDR range, an emptied or too large number, each beside its field with what was typed kept; nothing saved', async () => {
      const before = await getSettings(t.deps);
      const cidr = await deskPost(t.app, admin, '/admin/settings/discussion', {
        blockedIps: '198.51.100.0/24\n10.0.0.0/33',
        moderationLinkLimit: '4',
      });
      assert.equal(cidr.statusCode, 422);
      assert.match(
        cidr.body,
        /id="blockedIps-error">Blocked IP addresses[^<]*&quot;10\.0\.0\.0\/33&quot; is not a valid entry/,
      );
      assert.match(
        cidr.body,
        /<textarea id="blockedIps"[^>]*aria-invalid="true"[^>]*>198\.51\.100\.0\/24\n10\.0\.0\.0\/33<\/textarea>/,
      );
      const empty = await deskPost(t.app, admin, '/admin/settings/discussion', { moderationLinkLimit: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Link limit: give a whole number from 0 to 100/);
      const big = await deskPost(t.app, admin, '/admin/settings/discussion', { moderationLinkLimit: '101' });
      assert.equal(big.statusCode, 422);
      assert.match(big.body, /id="moderationLinkLimit-error">The link limit must be a whole number from 0 to 100/);
      const email = await deskPost(t.app, admin, '/admin/settings/discussion', { blockedEmails: 'not an email' });
      assert.equal(email.statusCode, 422);
      assert.deepEqual(await getSettings(t.deps), before);
    });

    it('a display change shows on cached pages at once: closing after N days, page order', async () => {
      const article = await makeArticle(t.deps, { publishAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
      const url = `/articles/${article.slug}`;
      assert.doesNotMatch((await t.app.inject({ url })).body, /Comments are closed/);
      assert.doesNotMatch((await t.app.inject({ url })).body, /Comments are closed/, 'now cached');
      const res = await deskPost(t.app, admin, '/admin/settings/discussion', {
        commentsCloseAfterDays: '1',
        moderationLinkLimit: '1',
      });
      assert.equal(res.statusCode, 303);
      assert.match((await t.app.inject({ url })).body, /Comments are closed/);
      await deskPost(t.app, admin, '/admin/settings/discussion', {
        commentsCloseAfterDays: '14',
        moderationLinkLimit: '1',
      });
    });

    it('GET and PATCH /api/settings: admins only, schema-checked, rules checked, audited', async () => {
      const api = await makeStaff(t.deps, 'admin', 'Api Admin');
      const editor = await makeStaff(t.deps, 'editor');
      const read = await t.app.inject({ url: '/api/settings', headers: bearer(api.token) });
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().moderationLinkLimit, 1);
      assert.ok(Array.isArray(read.json().blockedIps));
      assert.equal(read.json().password_hash, undefined);
      assert.equal((await t.app.inject({ url: '/api/settings', headers: bearer(editor.token) })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/api/settings' })).statusCode, 401);
      const patch = (payload: object, token = api.token) =>
        t.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(token), payload });
      assert.equal((await patch({ moderationLinkLimit: 5 }, editor.token)).statusCode, 403);
      const changed = await patch({ moderationLinkLimit: 3, blockedWords: ['spamword'], commentsPerPage: 20 });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().moderationLinkLimit, 3);
      assert.equal(changed.json().commentsPerPage, 20);
      assert.deepEqual((await lastChange())?.details.moderationLinkLimit, { from: 1, to: 3 });
      const badRange = await patch({ blockedIps: ['10.0.0.0/33'] });
      assert.equal(badRange.statusCode, 422);
      assert.equal(badRange.json().error.field, 'blockedIps');
      assert.equal((await patch({ moderationLinkLimit: 1000 })).statusCode, 400);
      assert.equal((await patch({ nope: 1 })).statusCode, 400);
      assert.equal((await patch({})).statusCode, 400);
      assert.equal((await getSettings(t.deps)).moderationLinkLimit, 3);
    });
  });
}
