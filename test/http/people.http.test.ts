import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/modules/people/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD, signInAs } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { linkIn, startMailCatcher, type MailCatcher } from '../support/mail.ts';

for (const dialect of dialects) {
  describe(`passwords and people on ${dialect}`, () => {
    let t: TestApp;
    let mail: MailCatcher;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      mail = await startMailCatcher();
      t = await createTestApp(dialect, { clock, env: { SMTP_URL: mail.url, MAIL_FROM: 'Desk <desk@news.test>' } });
    });
    after(async () => {
      await t.close();
      await mail.close();
    });

    const forgot = (email: string) =>
      t.app.inject({ method: 'POST', url: '/admin/forgot', headers: formHeaders, payload: form({ email }) });
    const setPassword = (link: string, password: string) =>
      t.app.inject({ method: 'POST', url: new URL(link).pathname, headers: formHeaders, payload: form({ password }) });

    it('mails a one-time reset link; the new password works, the old one and old sessions do not', async () => {
      const user = await createUser(t.deps, {
        email: 'forgetful@newsroom.test',
        name: 'Forgetful',
        role: 'author',
        password: PASSWORD,
      });
      const before = await signInAs(t.app, user.email);
      const res = await forgot(user.email);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /a link is on its way/);
      const message = await mail.waitFor(user.email);
      assert.match(message.raw, /Subject: Reset your password/);
      assert.match(message.raw, /From: Desk <desk@news.test>/);
      const link = linkIn(message);
      assert.match(link, /^http:\/\/news\.test\/admin\/password\//);
      assert.equal((await t.app.inject({ url: new URL(link).pathname })).statusCode, 200);
      const short = await setPassword(link, 'short');
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /at least 10 characters/);
      const done = await setPassword(link, 'my brand new password');
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin/sign-in?done=password');
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: before.cookie } })).statusCode,
        303,
        'old sessions ended',
      );
      await signInAs(t.app, user.email, 'my brand new password');
      const old = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: user.email, password: PASSWORD }),
      });
      assert.equal(old.statusCode, 401);
      const again = await setPassword(link, 'another new password');
      assert.equal(again.statusCode, 410, 'a link works once');
    });

    it('answers an unknown email exactly like a known one, and sends nothing', async () => {
      const count = mail.messages.length;
      const res = await forgot('nobody-here@newsroom.test');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /If that address has an account, a link is on its way/);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mail.messages.length, count);
    });

    it('expires a reset link after an hour and sends at most 3 an hour', async () => {
      const user = await createUser(t.deps, {
        email: 'expiry@newsroom.test',
        name: 'Expiry',
        role: 'author',
        password: PASSWORD,
      });
      for (let i = 0; i < 4; i++) await forgot(user.email);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mail.messages.filter((m) => m.to.includes(user.email)).length, 3);
      const link = linkIn(await mail.waitFor(user.email));
      clock.advance(3_600_001);
      const res = await t.app.inject({ url: new URL(link).pathname });
      assert.equal(res.statusCode, 410);
      assert.match(res.body, /expired or was already used/);
    });

    it('invites a new member of staff, who chooses a password and signs in with the role given', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin', 'Inviting Admin');
      const res = await deskPost(t.app, admin, '/admin/people/invite', {
        name: 'New Reporter',
        email: 'new.reporter@newsroom.test',
        role: 'author',
      });
      assert.equal(res.statusCode, 303);
      const message = await mail.waitFor('new.reporter@newsroom.test');
      assert.match(message.raw, /Inviting Admin invited you/);
      const page = await t.app.inject({ url: new URL(linkIn(message)).pathname });
      assert.match(page.body, /Welcome, New Reporter/);
      assert.equal((await setPassword(linkIn(message), 'reporter password here')).statusCode, 303);
      const session = await signInAs(t.app, 'new.reporter@newsroom.test', 'reporter password here');
      const account = await t.app.inject({ url: '/admin/account', headers: { cookie: session.cookie } });
      assert.match(account.body, /role: <strong>author<\/strong>/);
      const twice = await deskPost(t.app, admin, '/admin/people/invite', {
        name: 'Again',
        email: 'new.reporter@newsroom.test',
        role: 'author',
      });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /already has an account/);
    });

    it('changes roles, audited, and never removes the last admin', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const writer = await makeDeskUser(t.app, t.deps, 'author');
      assert.equal(
        (await deskPost(t.app, admin, `/admin/people/${writer.id}/role`, { role: 'editor' })).statusCode,
        303,
      );
      const row = await t.deps.db
        .selectFrom('users')
        .select('role')
        .where('id', '=', writer.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.role, 'editor');
      assert.equal(
        (await deskPost(t.app, admin, `/admin/people/${writer.id}/role`, { role: 'emperor' })).statusCode,
        422,
      );
      // Demote every admin but one, then try the last.
      const admins = await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('id', '!=', admin.id)
        .execute();
      for (const a of admins)
        await t.deps.db.updateTable('users').set({ role: 'editor' }).where('id', '=', a.id).execute();
      const last = await deskPost(t.app, admin, `/admin/people/${admin.id}/role`, { role: 'editor' });
      assert.equal(last.statusCode, 409);
      assert.match(last.body, /at least one admin/);
      const audit = await t.app.inject({ url: '/admin/audit', headers: { cookie: admin.cookie } });
      assert.match(audit.body, /user\.role_changed/);
      assert.match(audit.body, /user\.invited/);
      assert.match(audit.body, /password\.reset_requested/);
    });
  });
}
