// Reply notifications end to end, read from a real local SMTP server: who gets a mail and when, and the
// two ways out of them (the page's button and a mail provider's one-click POST).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { eraseCommenterData, postComment } from '../../src/modules/comments/index.ts';
import { getServerSecret } from '../../src/platform/secrets.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { startMailCatcher, type CapturedMail, type MailCatcher } from '../support/mail.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

/** Quoted-printable (=XX escapes) back to UTF-8 text. */
const qp = (s: string): string => {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]));
  }
  return Buffer.from(bytes).toString('utf8');
};

/**
 * The mail's source as a person reads it: headers unfolded and decoded, quoted-printable parts decoded. Soft line
 * breaks go first (not an encoded word's closing `?=`), so a body line that breaks before a space is not mistaken
 * for a folded header.
 */
const decoded = (mail: CapturedMail): string =>
  qp(
    mail.raw
      .replace(/(?<!\?)=\r\n/g, '')
      .replace(/\r\n(?=[ \t])/g, '')
      // Adjacent encoded words are one word (RFC 2047): the space between them is not text.
      .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '')
      .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) => q.replace(/_/g, ' '))
      .replace(/=\?UTF-8\?B\?(.*?)\?=/gi, (_m, b: string) => Buffer.from(b, 'base64').toString('utf8'))
      .replace(/=\r?\n/g, ''),
  );

const unsubscribeLink = (mail: CapturedMail): string => {
  const m = /List-Unsubscribe: <(http:\/\/news\.test\/notifications\/unsubscribe\?token=[A-Za-z0-9._-]+)>/.exec(
    decoded(mail),
  );
  assert.ok(m, `no List-Unsubscribe header in:\n${decoded(mail)}`);
  return m[1];
};

let n = 0;
const unique = (name: string) => `${name}-${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;

for (const dialect of dialects) {
  describe(`reply notifications on ${dialect}`, () => {
    let t: TestApp;
    let catcher: MailCatcher;
    let moderator: DeskUser;
    before(async () => {
      catcher = await startMailCatcher();
      t = await createTestApp(dialect, { env: { SMTP_URL: catcher.url } });
      t.deps.mailOutbox.start(60_000);
      moderator = await makeDeskUser(t.app, t.deps, 'moderator');
    });
    after(async () => {
      await t.close();
      await catcher.close();
    });

    const postForm = (slug: string, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/articles/${slug}/comments`, headers: formHeaders, payload: form(fields) });
    const postApi = (slug: string, body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/articles/${slug}/comments`, payload: body });
    const mailsTo = (email: string) => catcher.messages.filter((m) => m.to.includes(email));
    /** Everything queued has been tried: a mail that was going to leave has left. */
    const settle = () => t.deps.mailOutbox.deliver();
    const outboxRows = (replyId: string) =>
      t.deps.db.selectFrom('mail_outbox').select('status').where('dedupe_key', '=', replyId).execute();

    /** A top-level comment by someone who ticked (or not) the box, posted through the form. */
    async function parentComment(slug: string, email: string, notify: boolean): Promise<string> {
      const res = await postForm(slug, {
        name: 'Paula Parent',
        email,
        comment: 'The ferry should run at night too.',
        ...(notify ? { notifyReplies: '1' } : {}),
      });
      assert.equal(res.statusCode, 303);
      const id = /\/comments\/([0-9a-f-]+)$/.exec(String(res.headers.location))?.[1];
      assert.ok(id, String(res.headers.location));
      return id;
    }

    it('offers the box on the form, labelled and off by default', async () => {
      const a = await makeArticle(t.deps);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.match(
        page.body,
        /<input id="comment-notify" name="notifyReplies" type="checkbox" value="1"\/> <label for="comment-notify">Email me when someone replies<\/label>/,
      );
      const report = await validator.validateString(page.body);
      assert.ok(report.valid, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));
    });

    it('mails the opted-in author once when a reply appears: who, what, where, and the way out', async () => {
      const a = await makeArticle(t.deps, { headline: 'Night Ferry Plans' });
      const parentEmail = unique('paula');
      const parentId = await parentComment(a.slug, parentEmail, true);
      const res = await postApi(a.slug, {
        name: 'Rita <Replier>',
        email: unique('rita'),
        body: 'I agree & so do my neighbours.\n\nLet us write to the board.',
        parentId,
      });
      assert.equal(res.statusCode, 201);
      const replyId = res.json().id;
      const mail = await catcher.waitFor(parentEmail);
      const text = decoded(mail);
      assert.match(text, /Subject: .*Rita <Replier> replied to your comment on .*Night Ferry Plans/);
      assert.match(text, /Hello Paula Parent,/);
      assert.match(text, /> I agree & so do my neighbours\./, 'the excerpt, as plain text');
      assert.match(text, /<bdi>Rita &lt;Replier><\/bdi> replied/, 'the HTML part escapes what readers typed');
      assert.doesNotMatch(text, /<Replier>.*<\/bdi>/, 'no name opens markup in the HTML part');
      assert.match(text, /I agree &amp; so do my neighbours\./);
      assert.match(text, new RegExp(`http://news\\.test/comments/${replyId}`), "the reply's permalink");
      assert.match(text, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      const link = unsubscribeLink(mail);
      assert.match(
        text,
        new RegExp(`Stop these mails with one click: ${link.replace(/[.?]/g, '\\$&')}`),
        'the link is in the text too',
      );
      await settle();
      assert.equal(mailsTo(parentEmail).length, 1);
      // The permalink leads to the reply.
      assert.equal(
        (await t.app.inject({ url: `/comments/${replyId}` })).headers.location,
        `/articles/${a.slug}#comment-${replyId}`,
      );
    });

    it('mails no one who did not tick the box, nor anyone about their own reply', async () => {
      const a = await makeArticle(t.deps);
      const quiet = unique('quiet');
      const quietParent = await parentComment(a.slug, quiet, false);
      const r1 = await postApi(a.slug, {
        name: 'R',
        email: unique('r'),
        body: 'A reply nobody is told about.',
        parentId: quietParent,
      });
      assert.equal(r1.statusCode, 201);
      const self = unique('self');
      const selfParent = await parentComment(a.slug, self, true);
      const r2 = await postApi(a.slug, {
        name: 'Paula',
        email: self.toUpperCase(),
        body: 'Adding to my own comment.',
        parentId: selfParent,
      });
      assert.equal(r2.statusCode, 201);
      await settle();
      assert.equal(mailsTo(quiet).length, 0);
      assert.equal(mailsTo(self).length, 0);
      assert.deepEqual(await outboxRows(r1.json().id), []);
      assert.deepEqual(await outboxRows(r2.json().id), []);
    });

    it('a held reply mails nothing until a moderator approves it, then once, however often it is moderated again', async () => {
      const a = await makeArticle(t.deps);
      const parentEmail = unique('held');
      const parentId = await parentComment(a.slug, parentEmail, true);
      // Two links hold a comment for a moderator (moderationLinkLimit).
      const res = await postApi(a.slug, {
        name: 'Linky',
        email: unique('linky'),
        body: 'See https://a.example and https://b.example',
        parentId,
      });
      assert.equal(res.json().status, 'pending');
      const replyId = res.json().id;
      await settle();
      assert.equal(mailsTo(parentEmail).length, 0, 'nothing for a held reply');
      assert.deepEqual(await outboxRows(replyId), []);

      const decide = (action: string) =>
        deskPost(t.app, moderator, `/admin/moderation/comments/${replyId}`, { action, queue: 'pending' });
      assert.equal((await decide('approve')).statusCode, 303);
      await catcher.waitFor(parentEmail);
      for (const action of ['trash', 'restore', 'approve', 'spam', 'approve'])
        assert.equal((await decide(action)).statusCode, 303);
      await settle();
      assert.equal(mailsTo(parentEmail).length, 1, 'one mail per reply, ever');
      assert.deepEqual(await outboxRows(replyId), [{ status: 'sent' }]);
    });

    it('a bulk approve mails each opted-in author whose reply it shows; spam never mails', async () => {
      const a = await makeArticle(t.deps);
      const first = unique('bulk1');
      const second = unique('bulk2');
      const p1 = await parentComment(a.slug, first, true);
      const p2 = await parentComment(a.slug, second, true);
      const held = [];
      for (const parentId of [p1, p2]) {
        const res = await postApi(a.slug, {
          name: 'Linky',
          email: unique('linky'),
          body: 'Look https://a.example https://b.example',
          parentId,
        });
        held.push(res.json().id as string);
      }
      // Filled honeypot: filed as spam, never shown, never mailed about.
      const spam = await postComment(t.deps, {
        slug: a.slug,
        name: 'Bot',
        email: unique('bot'),
        body: 'Buy now',
        parentId: p1,
        honeypot: 'x',
        ip: '203.0.113.9',
        userAgent: 'bot',
      });
      assert.equal(spam.status, 'spam');
      const res = await deskPost(t.app, moderator, '/admin/moderation/bulk', {
        ids: held,
        action: 'approve',
        queue: 'pending',
      });
      assert.equal(res.statusCode, 303);
      await catcher.waitFor(first);
      await catcher.waitFor(second);
      await settle();
      assert.equal(mailsTo(first).length, 1);
      assert.equal(mailsTo(second).length, 1);
    });

    it('unsubscribes through the page: GET only asks, the button unsubscribes, and no reply mail follows', async () => {
      const a = await makeArticle(t.deps);
      const email = unique('leaver');
      const parentId = await parentComment(a.slug, email, true);
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'First reply.', parentId });
      const link = unsubscribeLink(await catcher.waitFor(email));
      const path = link.replace('http://news.test', '');

      const ask = await t.app.inject({ url: path });
      assert.equal(ask.statusCode, 200);
      assert.match(ask.body, /Stop sending mail about replies to your comments to l…@example\.org\?/);
      assert.match(
        ask.body,
        /<form class="comment-form" method="post" action="\/notifications\/unsubscribe\?token=[^"]+">/,
      );
      assert.match(ask.body, /<button type="submit">Unsubscribe<\/button>/);
      assert.equal(ask.headers['cache-control'], 'private, no-store');
      const report = await validator.validateString(ask.body);
      assert.ok(report.valid, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));
      // Looking at the page (as a mail scanner does) changed nothing.
      assert.match((await t.app.inject({ url: path })).body, /<button type="submit">Unsubscribe<\/button>/);

      const done = await t.app.inject({ method: 'POST', url: path, headers: formHeaders, payload: '' });
      assert.equal(done.statusCode, 303);
      const after = await t.app.inject({ url: String(done.headers.location) });
      assert.match(after.body, /Done: l…@example\.org gets no more mail about replies to your comments\./);

      // A later reply, even to another of their comments that asked for mail, is not mailed.
      const other = await parentComment(a.slug, email, true);
      const reply = await postApi(a.slug, { name: 'R2', email: unique('r'), body: 'Second reply.', parentId: other });
      assert.equal(reply.statusCode, 201);
      await settle();
      assert.equal(mailsTo(email).length, 1);
    });

    it("takes a mail provider's one-click POST without a browser's Origin, and no reply mail follows", async () => {
      const a = await makeArticle(t.deps);
      const email = unique('oneclick');
      const parentId = await parentComment(a.slug, email, true);
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'A reply.', parentId });
      const link = unsubscribeLink(await catcher.waitFor(email));
      const res = await t.app.inject({
        method: 'POST',
        url: link.replace('http://news.test', ''),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, 'Unsubscribed.\n');
      const multipart = await t.app.inject({
        method: 'POST',
        url: link.replace('http://news.test', ''),
        headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://mail.example' },
        payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
      });
      assert.ok(
        [200, 303].includes(multipart.statusCode),
        `multipart one-click: ${multipart.statusCode} ${multipart.body}`,
      );
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'Another reply.', parentId });
      await settle();
      assert.equal(mailsTo(email).length, 1);
    });

    it('refuses a forged, cut or missing token with 400 and says why', async () => {
      const a = await makeArticle(t.deps);
      const email = unique('forge');
      const parentId = await parentComment(a.slug, email, true);
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'A reply.', parentId });
      const link = unsubscribeLink(await catcher.waitFor(email)).replace('http://news.test', '');
      const token = new URL(link, 'http://x').searchParams.get('token')!;
      // Someone else's address in the old link format, signed with this mail's token bytes; this token with a byte changed.
      const forged = `r.${Buffer.from('victim@example.org').toString('base64url')}.${token.slice(2, 45)}`;
      const tampered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
      for (const bad of [forged, tampered, token.slice(0, -3), '', 'nonsense']) {
        const get = await t.app.inject({ url: `/notifications/unsubscribe?token=${encodeURIComponent(bad)}` });
        assert.equal(get.statusCode, 400, bad);
        assert.match(get.body, /This unsubscribe link is not valid/);
        const post = await t.app.inject({
          method: 'POST',
          url: `/notifications/unsubscribe?token=${encodeURIComponent(bad)}`,
          headers: { ...formHeaders, accept: 'application/json' },
          payload: '',
        });
        assert.equal(post.statusCode, 400);
        assert.equal(post.json().error.code, 'invalid_unsubscribe_link');
      }
      const optouts = await t.deps.db
        .selectFrom('notification_optouts')
        .select('email')
        .where('email', '=', 'victim@example.org')
        .execute();
      assert.deepEqual(optouts, []);
    });

    it('mails an unsubscribe link that does not give the address away, in any decoding', async () => {
      const a = await makeArticle(t.deps);
      const email = unique('private.reader');
      const parentId = await parentComment(a.slug, email, true);
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'A reply.', parentId });
      const mail = await catcher.waitFor(email);
      const link = unsubscribeLink(mail);
      const token = new URL(link).searchParams.get('token')!;
      const local = email.split('@')[0];
      const readings = [link, decodeURIComponent(link), token];
      for (const part of [token, ...token.split('.')]) {
        for (let offset = 0; offset < 4; offset++)
          readings.push(Buffer.from(part.slice(offset), 'base64url').toString('latin1'));
      }
      for (const reading of readings)
        assert.ok(!reading.includes(local), `the address shows in ${JSON.stringify(reading.slice(0, 60))}`);
      // The same link in the text part and the header; and it still works.
      assert.ok(decoded(mail).includes(`Stop these mails with one click: ${link}`));
      const ask = await t.app.inject({ url: link.replace('http://news.test', '') });
      assert.equal(ask.statusCode, 200);
      assert.match(ask.body, /Stop sending mail about replies to your comments to p…@example\.org\?/);
    });

    it('still unsubscribes from a link mailed before links were sealed (the address readable in it)', async () => {
      const email = unique('old.link');
      const secret = await getServerSecret(t.deps.db, 'unsubscribe', t.deps.clock.now());
      const payload = `r.${Buffer.from(email).toString('base64url')}`;
      const old = `${payload}.${createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')}`;
      const res = await t.app.inject({
        method: 'POST',
        url: `/notifications/unsubscribe?token=${old}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.statusCode, 200);
      assert.equal(
        (await t.deps.db.selectFrom('notification_optouts').select('email').where('email', '=', email).execute())
          .length,
        1,
      );
    });

    it("erasing a commenter's data forgets the mail sent to them, but not that they opted out", async () => {
      const a = await makeArticle(t.deps);
      const email = unique('erased');
      const parentId = await parentComment(a.slug, email, true);
      await postApi(a.slug, { name: 'R', email: unique('r'), body: 'A reply.', parentId });
      const link = unsubscribeLink(await catcher.waitFor(email));
      await t.app.inject({
        method: 'POST',
        url: link.replace('http://news.test', ''),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      await eraseCommenterData(t.deps, { staff: await makeStaff(t.deps, 'admin'), email, ip: '127.0.0.1' });
      assert.deepEqual(
        await t.deps.db.selectFrom('mail_outbox').select('id').where('recipient', '=', email).execute(),
        [],
      );
      assert.equal(
        (await t.deps.db.selectFrom('notification_optouts').select('email').where('email', '=', email).execute())
          .length,
        1,
      );
    });

    it('the API takes notifyReplies as a boolean and refuses anything else', async () => {
      const a = await makeArticle(t.deps);
      const bad = await postApi(a.slug, { name: 'A', email: unique('a'), body: 'x', notifyReplies: 'please' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /notifyReplies/);
      const ok = await postApi(a.slug, { name: 'A', email: unique('a'), body: 'y', notifyReplies: true });
      assert.equal(ok.statusCode, 201);
      const row = await t.deps.db
        .selectFrom('comments')
        .select('notify_replies')
        .where('id', '=', ok.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.notify_replies), 1);
    });
  });
}
