// Each person chooses the language the desk speaks to them on their Account page: the desk follows it for that
// person only, and the mails it sends them (a password link, the moderation digest) speak it too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail.ts';

for (const dialect of dialects) {
  describe(`the desk's language per person on ${dialect}`, () => {
    let t: TestApp;
    let mail: MailCatcher;
    before(async () => {
      mail = await startMailCatcher();
      t = await createTestApp(dialect, {
        clock: new ManualClock(new Date('2026-11-20T10:00:00Z')),
        env: { SMTP_URL: mail.url, MAIL_FROM: 'Desk <desk@news.test>' },
      });
    });
    after(async () => {
      await t.close();
      await mail.close();
    });

    it('offers the languages with a catalogue, each by its own name, beside the site default', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const page = await t.app.inject({ url: '/admin/account', headers: { cookie: admin.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<label for="desk-language">Language of the desk/);
      assert.match(page.body, /<select id="desk-language" name="language"><option value>Site default<\/option>/);
      assert.match(page.body, /<option value="en" lang="en">English<\/option>/);
      assert.match(page.body, /<option value="es" lang="es">Español<\/option>/);
    });

    it('switches the desk to Spanish for that person only, and back to the site default', async () => {
      const ana = await makeDeskUser(t.app, t.deps, 'editor', 'Ana');
      const ben = await makeDeskUser(t.app, t.deps, 'editor', 'Ben');
      const chosen = await deskPost(t.app, ana, '/admin/account/language', { language: 'es' });
      assert.equal(chosen.statusCode, 303);
      assert.equal(chosen.headers.location, '/admin/account?done=language');
      const hers = await t.app.inject({ url: '/admin/account?done=language', headers: { cookie: ana.cookie } });
      assert.match(hers.body, /<h1>Tu cuenta<\/h1>/);
      assert.match(hers.body, /El escritorio ya usa el idioma que elegiste\./);
      assert.match(hers.body, /<option value="es" lang="es" selected>Español<\/option>/);
      const his = await t.app.inject({ url: '/admin/account', headers: { cookie: ben.cookie } });
      assert.match(his.body, /<h1>Your account<\/h1>/);
      const stored = await t.deps.db
        .selectFrom('users')
        .select('language')
        .where('id', '=', ana.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.language, 'es');
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'language.changed')
        .execute();
      assert.equal(audit.length, 1);

      const back = await deskPost(t.app, ana, '/admin/account/language', { language: '' });
      assert.equal(back.statusCode, 303);
      const english = await t.app.inject({ url: '/admin/account', headers: { cookie: ana.cookie } });
      assert.match(english.body, /<h1>Your account<\/h1>/);
      const cleared = await t.deps.db
        .selectFrom('users')
        .select('language')
        .where('id', '=', ana.id)
        .executeTakeFirstOrThrow();
      assert.equal(cleared.language, null, 'the site default is stored as null, so it follows the setting');
    });

    it('refuses a language without a catalogue with 422 beside the field, and keeps the choice', async () => {
      const cy = await makeDeskUser(t.app, t.deps, 'author');
      const res = await deskPost(t.app, cy, '/admin/account/language', { language: 'xx-klingon' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /aria-invalid="true" aria-describedby="language-error"/);
      assert.match(res.body, /id="language-error"[^>]*>Choose one of the languages offered, or the site default\./);
      const stored = await t.deps.db
        .selectFrom('users')
        .select('language')
        .where('id', '=', cy.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.language, null);
    });
  });
}
