// Each person chooses the language the desk speaks to them on their Account page: the desk follows it for that
// person only, and the mails it sends them (a password link, the moderation digest) speak it too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../../src/modules/comments/index.ts';
import { sendModerationDigest } from '../../src/modules/moderation-desk/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail.ts';
import { makeArticle } from '../support/newsroom.ts';

/** A captured mail as its reader sees it: soft line breaks joined, quoted-printable and encoded headers decoded. */
function mailText(raw: string): string {
  // Encoded header words first: a header's closing "?=" before a line break is not a soft break.
  const words = raw
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) => q.replace(/_/g, ' '))
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b: string) => Buffer.from(b, 'base64').toString('latin1'))
    .replace(/=\r?\n/g, '');
  const bytes = words.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

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
      t.deps.mailOutbox.start(60_000);
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

    it("mails a member of staff in their desk language: a password reset in Spanish, another person's in English", async () => {
      const es = await makeDeskUser(t.app, t.deps, 'editor', 'Dolores');
      const en = await makeDeskUser(t.app, t.deps, 'editor', 'Edwin');
      assert.equal((await deskPost(t.app, es, '/admin/account/language', { language: 'es' })).statusCode, 303);
      for (const email of [es.email, en.email]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/admin/forgot',
          headers: formHeaders,
          payload: form({ email }),
        });
        assert.equal(res.statusCode, 200);
      }
      const spanish = mailText((await mail.waitFor(es.email)).raw);
      assert.match(spanish, /Subject: Restablece tu contrase/);
      assert.match(spanish, /Hola, Dolores:/);
      assert.match(spanish, /Elige una nueva aqu. en la pr.xima hora/);
      assert.match(spanish, /http:\/\/news\.test\/admin\/password\//);
      const english = mailText((await mail.waitFor(en.email)).raw);
      assert.match(english, /Subject: Reset your password/);
      assert.match(english, /Hello Edwin,/);
    });

    it("sends the moderation digest in each moderator's desk language", async () => {
      const mod = await makeDeskUser(t.app, t.deps, 'moderator', 'Fermina');
      assert.equal((await deskPost(t.app, mod, '/admin/account/language', { language: 'es' })).statusCode, 303);
      await updateSettings(t.deps, { moderationDigestMinutes: 5, holdFirstComments: true });
      const article = await makeArticle(t.deps, { headline: 'Harbour news' });
      await postComment(t.deps, {
        slug: article.slug,
        name: 'Gala',
        email: 'gala@reader.test',
        body: 'A first comment, held.',
        ip: '203.0.113.9',
        userAgent: 'test',
      });
      assert.ok((await sendModerationDigest(t.deps)) > 0);
      const digest = mailText((await mail.waitFor(mod.email)).raw);
      assert.match(digest, /1 comentario pendiente de moderaci.n en/);
      assert.match(digest, /Hola, Fermina:/);
      assert.match(digest, /Pendientes: 1/);
      assert.match(digest, /Gala en .Harbour news. \(pendiente\): A first comment, held\./);
    });
  });
}
