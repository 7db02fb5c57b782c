// A new password makes every other outstanding password link of the account pointless: using a reset link,
// changing the password on the Account page, or an admin resetting the account revokes them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '../../src/modules/audit/index.ts';
import { createUser } from '../../src/modules/people/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD, signInAs } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { linkIn, startMailCatcher, type CapturedMail, type MailCatcher } from '../support/mail.ts';

for (const dialect of dialects) {
  describe(`password links revoke each other on ${dialect}`, () => {
    let t: TestApp;
    let mail: MailCatcher;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      mail = await startMailCatcher();
      t = await createTestApp(dialect, { clock, env: { SMTP_URL: mail.url } });
    });
    after(async () => {
      await t.close();
      await mail.close();
    });

    const forgot = (email: string) =>
      t.app.inject({ method: 'POST', url: '/admin/forgot', headers: formHeaders, payload: form({ email }) });
    const setPassword = (link: string, password: string) =>
      t.app.inject({ method: 'POST', url: new URL(link).pathname, headers: formHeaders, payload: form({ password }) });
    const opens = async (link: string) => (await t.app.inject({ url: new URL(link).pathname })).statusCode;
    /** Every message to the address so far, oldest first, once `count` have arrived. */
    async function mailsTo(email: string, count: number): Promise<CapturedMail[]> {
      const end = Date.now() + 5000;
      for (;;) {
        const found = mail.messages.filter((m) => m.to.includes(email));
        if (found.length >= count) return found;
        if (Date.now() > end) throw new Error(`only ${found.length} of ${count} mails to ${email}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it('using one reset link revokes the other reset links and the invitation of the account', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      assert.equal(
        (
          await deskPost(t.app, admin, '/admin/people/invite', {
            name: 'Two Links',
            email: 'two.links@newsroom.test',
            role: 'author',
          })
        ).statusCode,
        303,
      );
      await forgot('two.links@newsroom.test');
      await forgot('two.links@newsroom.test');
      const [invite, first, second] = (await mailsTo('two.links@newsroom.test', 3)).map(linkIn);
      for (const link of [invite, first, second]) assert.equal(await opens(link), 200);
      assert.equal((await setPassword(first, 'the chosen password')).statusCode, 303);
      assert.equal(await opens(second), 410, 'the other reset link no longer works');
      assert.equal((await setPassword(second, 'someone else typed this')).statusCode, 410);
      assert.equal(await opens(invite), 410, 'nor does the invitation');
      assert.equal((await setPassword(invite, 'someone else typed this')).statusCode, 410);
      await signInAs(t.app, 'two.links@newsroom.test', 'the chosen password');
      const reset = (await listAudit(t.deps.db, { limit: 50, offset: 0 })).entries.find(
        (e) => e.action === 'password.reset' && e.subject === 'two.links@newsroom.test',
      );
      assert.deepEqual(reset?.details, { linksRevoked: 2 });
    });

    it('changing the password on the Account page revokes an outstanding reset link', async () => {
      const user = await makeDeskUser(t.app, t.deps, 'editor');
      await forgot(user.email);
      const [link] = (await mailsTo(user.email, 1)).map(linkIn);
      assert.equal(await opens(link), 200);
      assert.equal(
        (await deskPost(t.app, user, '/admin/account/password', { current: PASSWORD, next: 'changed at the desk' }))
          .statusCode,
        303,
      );
      assert.equal(await opens(link), 410);
      assert.equal((await setPassword(link, 'an attacker choice')).statusCode, 410);
      await signInAs(t.app, user.email, 'changed at the desk');
    });

    it('an admin resetting the account revokes older links, ends its sessions, and mails one new link that works', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin', 'Resetting Admin');
      const user = await makeDeskUser(t.app, t.deps, 'author');
      await forgot(user.email);
      const [older] = (await mailsTo(user.email, 1)).map(linkIn);
      const res = await deskPost(t.app, admin, `/admin/people/${user.id}/reset-password`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/people/${user.id}?done=reset`);
      assert.equal(await opens(older), 410, 'the older link is revoked');
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: user.cookie } })).statusCode,
        303,
        'the session ended',
      );
      const refused = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        remoteAddress: '192.0.2.77',
        payload: form({ email: user.email, password: PASSWORD }),
      });
      assert.equal(refused.statusCode, 401, 'the old password no longer works');
      const messages = await mailsTo(user.email, 2);
      assert.match(messages[1].raw, /Resetting Admin reset your password/);
      const fresh = linkIn(messages[1]);
      clock.advance(23 * 3_600_000);
      assert.equal((await setPassword(fresh, 'after the admin reset')).statusCode, 303, 'the new link lasts a day');
      await signInAs(t.app, user.email, 'after the admin reset');
      const self = await deskPost(t.app, admin, `/admin/people/${admin.id}/reset-password`, {});
      assert.equal(self.statusCode, 409);
      assert.match(self.body, /Change your own password on your Account page/);
      const audit = (await listAudit(t.deps.db, { limit: 50, offset: 0 })).entries.find(
        (e) => e.action === 'password.reset_by_admin',
      );
      assert.equal(audit?.subject, user.email);
      assert.equal(audit?.actorId, admin.id);
    });

    it("a removed person's links stop working and a reset cannot be asked for them", async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const leaver = await createUser(t.deps, {
        email: 'leaver@newsroom.test',
        name: 'Leaver',
        role: 'author',
        password: PASSWORD,
      });
      await forgot(leaver.email);
      const [link] = (await mailsTo(leaver.email, 1)).map(linkIn);
      assert.equal((await deskPost(t.app, admin, `/admin/people/${leaver.id}/remove`, {})).statusCode, 303);
      assert.equal(await opens(link), 410);
      await forgot(leaver.email);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(
        mail.messages.filter((m) => m.to.includes(leaver.email)).length,
        1,
        'no new link for a removed person',
      );
    });
  });
}
