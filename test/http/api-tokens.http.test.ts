// API tokens: expiry, last use, listing and revoking on the Account and People pages, and the changes of access
// that revoke them (a new role, removal, "sign out everywhere" with the box ticked).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '../../src/modules/audit/index.ts';
import { createApiToken, parseTokenLifetime } from '../../src/modules/people/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD, signInAs, type DeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';

for (const dialect of dialects) {
  describe(`API tokens on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
    });
    after(() => t.close());

    /** A staff API call with the token: 200 when it is accepted. */
    const call = async (token: string) =>
      await t.app.inject({ url: '/api/commenter-bans', headers: { authorization: `Bearer ${token}` } });
    const tokenIds = async (user: { id: string }) =>
      (await t.deps.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).map((r) => r.id);
    const revocations = async (email: string) =>
      (await listAudit(t.deps.db, { limit: 200, offset: 0 })).entries.filter(
        (e) => e.action === 'api_token.revoked' && e.subject === email,
      );

    it('refuses a token after its expiry with 401, and reads lifetimes in days or hours only', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const token = await createApiToken(t.deps, { email: editor.email, label: 'wire feed', expiresIn: '2h' });
      const forever = await createApiToken(t.deps, { email: editor.email });
      assert.equal((await call(token)).statusCode, 200);
      clock.advance(2 * 3_600_000);
      const expired = await call(token);
      assert.equal(expired.statusCode, 401);
      assert.match(expired.json().error.message, /expired/);
      assert.equal((await call(forever)).statusCode, 200, 'a token without an expiry keeps working');
      assert.equal(parseTokenLifetime('90d'), 90 * 86_400_000);
      assert.equal(parseTokenLifetime('12h'), 12 * 3_600_000);
      for (const bad of ['90', '0d', '1.5d', '-3d', '2w', '90 days', '', '3651d']) {
        assert.throws(
          () => parseTokenLifetime(bad),
          (e: unknown) => e instanceof AppError && e.status === 422 && /90d or 12h/.test(e.message),
          bad,
        );
      }
    });

    it('records the last use at most once a minute and shows it on the Account page', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const token = await createApiToken(t.deps, { email: editor.email, label: 'night desk script' });
      const lastUsed = async () =>
        (
          await t.deps.db
            .selectFrom('api_tokens')
            .select('last_used_at')
            .where('user_id', '=', editor.id)
            .executeTakeFirstOrThrow()
        ).last_used_at;
      assert.equal(await lastUsed(), null);
      let page = await t.app.inject({ url: '/admin/account', headers: { cookie: editor.cookie } });
      assert.match(page.body, /night desk script/);
      assert.match(page.body, /<td>never<\/td>/);
      await call(token);
      const first = await lastUsed();
      assert.equal(first, clock.now().toISOString());
      clock.advance(30_000);
      await call(token);
      assert.equal(await lastUsed(), first, 'not written again within the minute');
      clock.advance(31_000);
      await call(token);
      assert.equal(await lastUsed(), clock.now().toISOString());
      page = await t.app.inject({ url: '/admin/account', headers: { cookie: editor.cookie } });
      assert.match(page.body, new RegExp(`<time datetime="${clock.now().toISOString()}">`));
    });

    it('lets a person revoke their own token on the Account page, audited, with the form token required', async () => {
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const other = await makeDeskUser(t.app, t.deps, 'author');
      const token = await createApiToken(t.deps, { email: author.email, label: 'mine' });
      const othersToken = await createApiToken(t.deps, { email: other.email, label: 'theirs' });
      const [id] = await tokenIds(author);
      const [othersId] = await tokenIds(other);
      const page = await t.app.inject({ url: '/admin/account', headers: { cookie: author.cookie } });
      assert.match(page.body, new RegExp(`action="/admin/account/tokens/${id}/revoke"`));
      assert.doesNotMatch(page.body, /theirs/);
      const forged = await t.app.inject({
        method: 'POST',
        url: `/admin/account/tokens/${id}/revoke`,
        headers: { ...formHeaders, cookie: author.cookie },
        payload: form({}),
      });
      assert.equal(forged.statusCode, 403, "no revocation without the session's form token");
      assert.equal(
        (await deskPost(t.app, author, `/admin/account/tokens/${othersId}/revoke`, {})).statusCode,
        404,
        "someone else's token is not found here",
      );
      assert.equal((await call(othersToken)).statusCode, 403, 'and still works (an author may not list bans)');
      const revoked = await deskPost(t.app, author, `/admin/account/tokens/${id}/revoke`, {});
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/admin/account?done=token');
      assert.equal((await call(token)).statusCode, 401);
      const [entry] = await revocations(author.email);
      assert.equal(entry.actorId, author.id);
      assert.deepEqual(entry.details, { id, label: 'mine' });
      assert.equal(
        (await deskPost(t.app, author, `/admin/account/tokens/${id}/revoke`, {})).statusCode,
        404,
        'twice is a 404',
      );
    });

    it("lets an admin see anyone's tokens with their last use on the People pages and revoke them", async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const moderator = await makeDeskUser(t.app, t.deps, 'moderator', 'Token Moderator');
      const token = await createApiToken(t.deps, { email: moderator.email, label: 'moderation bot', expiresIn: '30d' });
      await call(token);
      const list = await t.app.inject({ url: '/admin/people', headers: { cookie: admin.cookie } });
      assert.match(list.body, new RegExp(`<a href="/admin/people/${moderator.id}">Token Moderator</a>`));
      const page = await t.app.inject({ url: `/admin/people/${moderator.id}`, headers: { cookie: admin.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /moderation bot/);
      assert.match(page.body, new RegExp(`<time datetime="${clock.now().toISOString()}">`), 'last use shown');
      assert.match(
        page.body,
        new RegExp(`<time datetime="${new Date(clock.now().getTime() + 30 * 86_400_000).toISOString()}">`),
        'expiry shown',
      );
      const [id] = await tokenIds(moderator);
      assert.equal(
        (await deskPost(t.app, moderator, `/admin/people/${moderator.id}/tokens/${id}/revoke`, {})).statusCode,
        403,
        'only admins use the People pages',
      );
      const res = await deskPost(t.app, admin, `/admin/people/${moderator.id}/tokens/${id}/revoke`, {});
      assert.equal(res.statusCode, 303);
      assert.equal((await call(token)).statusCode, 401);
      assert.equal((await revocations(moderator.email))[0].actorId, admin.id);
    });

    it("revokes a person's tokens when an admin changes their role", async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const token = await createApiToken(t.deps, { email: editor.email, label: 'cms sync' });
      assert.equal(
        (await deskPost(t.app, admin, `/admin/people/${editor.id}/role`, { role: 'moderator' })).statusCode,
        303,
      );
      assert.equal((await call(token)).statusCode, 401);
      assert.deepEqual(await tokenIds(editor), []);
      const [entry] = await revocations(editor.email);
      assert.equal(entry.details.reason, 'role changed');
    });

    it('removes a person: signed out, tokens revoked, sign-in refused, bylines kept; an invitation brings them back', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const leaver: DeskUser = await makeDeskUser(t.app, t.deps, 'editor', 'Leaving Reporter');
      const token = await createApiToken(t.deps, { email: leaver.email });
      const res = await deskPost(t.app, admin, `/admin/people/${leaver.id}/remove`, {});
      assert.equal(res.statusCode, 303);
      assert.equal((await call(token)).statusCode, 401);
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: leaver.cookie } })).statusCode,
        303,
        'the session ended',
      );
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        remoteAddress: '192.0.2.88',
        payload: form({ email: leaver.email, password: PASSWORD }),
      });
      assert.equal(signIn.statusCode, 401);
      const people = await t.app.inject({ url: '/admin/people', headers: { cookie: admin.cookie } });
      assert.match(people.body, /Leaving Reporter<\/a><\/td><td>[^<]+<\/td><td><em>removed from the desk<\/em>/);
      assert.equal((await revocations(leaver.email))[0].details.reason, 'removed from the desk');
      assert.equal(
        (await deskPost(t.app, admin, `/admin/people/${admin.id}/remove`, {})).statusCode,
        409,
        'not yourself',
      );
      assert.equal(
        (await deskPost(t.app, admin, `/admin/people/${leaver.id}/remove`, {})).statusCode,
        404,
        'not twice',
      );
      assert.equal(
        (
          await deskPost(t.app, admin, '/admin/people/invite', {
            name: 'Leaving Reporter',
            email: leaver.email,
            role: 'author',
          })
        ).statusCode,
        303,
      );
      const back = await t.deps.db
        .selectFrom('users')
        .select(['role', 'removed_at'])
        .where('id', '=', leaver.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(back, { role: 'author', removed_at: null });
    });

    it('revokes your own tokens when you sign out everywhere with the box ticked, and only then', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const token = await createApiToken(t.deps, { email: editor.email });
      const account = await t.app.inject({ url: '/admin/account', headers: { cookie: editor.cookie } });
      assert.match(
        account.body,
        /<input id="revoke-tokens" name="revokeTokens" type="checkbox" value="1"\/> <label class="check" for="revoke-tokens">Also revoke my API tokens<\/label>/,
      );
      assert.equal((await deskPost(t.app, editor, '/admin/account/sign-out-everywhere', {})).statusCode, 303);
      assert.equal((await call(token)).statusCode, 200, 'unticked: tokens stay');
      const elsewhere = await signInAs(t.app, editor.email);
      const res = await deskPost(t.app, editor, '/admin/account/sign-out-everywhere', { revokeTokens: '1' });
      assert.equal(res.headers.location, '/admin/account?done=everywhere-tokens');
      assert.equal((await call(token)).statusCode, 401);
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: elsewhere.cookie } })).statusCode,
        303,
      );
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } })).statusCode,
        200,
        'this session goes on',
      );
      assert.equal((await revocations(editor.email))[0].details.reason, 'signed out everywhere');
    });
  });
}
