// The moderators' digest, read from a real local SMTP server on both databases: who gets it, what it says,
// when it goes (never with nothing new, never before the interval), and once per interval when two
// processes race for it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment, reportComment } from '../../src/modules/comments/index.ts';
import { sendModerationDigest } from '../../src/modules/moderation-desk/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { Article } from '../../src/modules/articles/index.ts';
import { createTestDeps, dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail.ts';
import { makeArticle } from '../support/newsroom.ts';

const MINUTE = 60_000;

for (const dialect of dialects) {
  describe(`the moderation digest on ${dialect}`, () => {
    let t: TestApp;
    let catcher: MailCatcher;
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    let article: Article;
    let moderator: DeskUser;
    let editor: DeskUser;
    let admin: DeskUser;
    let author: DeskUser;
    let quiet: DeskUser;
    let n = 0;

    before(async () => {
      catcher = await startMailCatcher();
      t = await createTestApp(dialect, { clock, env: { SMTP_URL: catcher.url } });
      t.deps.mailOutbox.start(60_000);
      [moderator, editor, admin, author, quiet] = [
        await makeDeskUser(t.app, t.deps, 'moderator', 'Mona Moderator'),
        await makeDeskUser(t.app, t.deps, 'editor', 'Ed Editor'),
        await makeDeskUser(t.app, t.deps, 'admin', 'Ada Admin'),
        await makeDeskUser(t.app, t.deps, 'author', 'Art Author'),
        await makeDeskUser(t.app, t.deps, 'moderator', 'Quinn Quiet'),
      ];
      article = await makeArticle(t.deps, { headline: 'Harbour Dredging Starts' });
    });
    after(async () => {
      await t.close();
      await catcher.close();
    });

    /** A comment held for a moderator (two links). */
    const held = async (name: string) => {
      const c = await postComment(t.deps, {
        slug: article.slug,
        name,
        email: `${name.toLowerCase().replace(/\W/g, '')}-${++n}@example.org`,
        body: `Held words of ${name}: https://a.example https://b.example`,
        ip: '198.51.100.7',
        userAgent: 'test',
      });
      assert.equal(c.status, 'pending');
      return c;
    };
    const digestsTo = (email: string) =>
      catcher.messages.filter((m) => m.to.includes(email) && /for moderation on/.test(m.raw.replace(/=\r?\n/g, '')));
    const digestRows = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', 'moderation_digest')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const mailText = (raw: string) =>
      raw
        .replace(/\r\n(?=[ \t])/g, '')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=');

    it('the account page offers moderating staff the digest, on by default; they can turn it off', async () => {
      const page = await t.app.inject({ url: '/admin/account', headers: { cookie: quiet.cookie } });
      assert.match(
        page.body,
        /<input id="moderation-digest" name="moderationDigest" type="checkbox" value="1" checked\/> <label class="check" for="moderation-digest">Email me a digest of comments waiting for moderation<\/label>/,
      );
      // An unticked box is not sent at all.
      const off = await deskPost(t.app, quiet, '/admin/account/notifications', {});
      assert.equal(off.statusCode, 303);
      const again = await t.app.inject({ url: '/admin/account', headers: { cookie: quiet.cookie } });
      assert.match(again.body, /<input id="moderation-digest" name="moderationDigest" type="checkbox" value="1"\/>/);
      const authorPage = await t.app.inject({ url: '/admin/account', headers: { cookie: author.cookie } });
      assert.doesNotMatch(authorPage.body, /moderation-digest/, 'only roles that moderate are offered it');
    });

    it('sends nothing when nothing waits', async () => {
      assert.equal(await sendModerationDigest(t.deps), 0);
      assert.equal(await digestRows(), 0);
    });

    it('sends one mail to each moderator, editor and admin who wants it, with the counts and the newest waiting comments', async () => {
      for (const name of ['Alba', 'Bruno', 'Chen']) {
        await held(name);
        clock.advance(1000);
      }
      const reported = await postComment(t.deps, {
        slug: article.slug,
        name: 'Dara',
        email: 'dara@example.org',
        body: 'A fine comment',
        ip: '198.51.100.8',
        userAgent: 't',
      });
      await reportComment(t.deps, { id: reported.id, reason: 'Rude', ip: '198.51.100.9' });
      const staff = [moderator, editor, admin];
      assert.equal(
        await sendModerationDigest(t.deps),
        staff.length + 1,
        'the matrix and desk helpers made other moderating staff too',
      );
      for (const person of staff) {
        const mail = mailText((await catcher.waitFor(person.email)).raw);
        assert.match(mail, /Subject: 4 comments wait for moderation on Dateline/);
        assert.match(mail, /Pending: 3 \(http:\/\/news\.test\/admin\/moderation\?queue=pending\)/);
        assert.match(mail, /Reported: 1 \(http:\/\/news\.test\/admin\/moderation\?queue=reported\)/);
        assert.match(mail, /- Dara on .*Harbour Dredging Starts.* \(reported\): A fine comment/);
        assert.match(mail, /- Chen on .*\(pending\): Held words of Chen/);
        assert.match(mail, /List-Unsubscribe: <http:\/\/news\.test\/notifications\/unsubscribe\?token=2\.[^>]+>/);
        assert.ok(
          !/token=[^>]*>/.exec(mail)![0].includes(Buffer.from(person.id).toString('base64url').slice(0, 12)),
          'the link is sealed, not the id in base64',
        );
        assert.match(mail, new RegExp(`Hello ${person.name}`));
      }
      await t.deps.mailOutbox.deliver();
      for (const person of staff) assert.equal(digestsTo(person.email).length, 1);
      assert.equal(digestsTo(author.email).length, 0, 'authors do not moderate');
      assert.equal(digestsTo(quiet.email).length, 0, 'turned off on the account page');
    });

    it('sends no second digest before the interval has passed, and one after it when something new waits', async () => {
      const before = await digestRows();
      clock.advance(30 * MINUTE);
      assert.equal(await sendModerationDigest(t.deps), 0, 'nothing new yet');
      await held('Emil');
      assert.equal(await sendModerationDigest(t.deps), 0, 'something new, but within the hour');
      clock.advance(31 * MINUTE);
      assert.ok((await sendModerationDigest(t.deps)) > 0);
      assert.ok((await digestRows()) > before);
      clock.advance(61 * MINUTE);
      assert.equal(
        await sendModerationDigest(t.deps),
        0,
        'the interval passed, but nothing arrived since the last digest',
      );
    });

    it('two processes checking at the same moment send one digest', async () => {
      await held('Farah');
      clock.advance(61 * MINUTE);
      // Another process, whose clock runs a millisecond ahead (as two machines' clocks do): only the claim in the
      // database, not the mails' dedupe keys, can keep it from sending a digest of its own.
      const otherClock = { now: () => new Date(clock.now().getTime() + 1) };
      const { deps: other } = await createTestDeps(t.db, { clock: otherClock, env: { SMTP_URL: catcher.url } });
      try {
        const before = await digestRows();
        const results = await Promise.all([
          sendModerationDigest(t.deps),
          sendModerationDigest(other),
          sendModerationDigest(t.deps),
          sendModerationDigest(other),
        ]);
        assert.equal(results.filter((r) => r > 0).length, 1, `one winner: ${results}`);
        assert.equal((await digestRows()) - before, Math.max(...results));
        // If the other process won, its mails and its claim are a millisecond ahead of this clock: move past them,
        // or they are not yet due here and the next comment would predate the last digest.
        clock.advance(MINUTE);
        await t.deps.mailOutbox.deliver();
        const mona = catcher.messages.filter((m) => m.to.includes(moderator.email) && /Farah/.test(mailText(m.raw)));
        assert.equal(mona.length, 1);
      } finally {
        await other.close();
      }
    });

    it("the digest's one-click link turns it off for that person only", async () => {
      const mail = mailText(digestsTo(editor.email)[0].raw);
      const link = /List-Unsubscribe: <http:\/\/news\.test(\/notifications\/unsubscribe\?token=[^>]+)>/.exec(mail)![1];
      const page = await t.app.inject({ url: link });
      assert.match(page.body, /Stop sending the digest of comments waiting for moderation to d…@newsroom\.test\?/);
      const res = await t.app.inject({
        method: 'POST',
        url: link,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.statusCode, 200);
      await held('Gil');
      clock.advance(61 * MINUTE);
      assert.ok((await sendModerationDigest(t.deps)) > 0);
      await t.deps.mailOutbox.deliver();
      assert.equal(
        catcher.messages.filter((m) => m.to.includes(editor.email) && /Gil/.test(mailText(m.raw))).length,
        0,
      );
      assert.equal(
        catcher.messages.filter((m) => m.to.includes(moderator.email) && /Gil/.test(mailText(m.raw))).length,
        1,
      );
    });

    it('an admin sets the interval on the discussion settings page; 0 turns the digest off; a bad value is refused', async () => {
      const page = await t.app.inject({ url: '/admin/settings/discussion', headers: { cookie: admin.cookie } });
      assert.match(page.body, /<label for="moderationDigestMinutes">Moderation digest \(minutes\)/);
      assert.match(page.body, /id="moderationDigestMinutes" name="moderationDigestMinutes"[^>]*value="60"/i);
      const fields = {
        name: 'Dateline',
        description: '',
        language: 'en',
        timeZone: 'UTC',
        commentsCloseAfterDays: '14',
        threadDepth: '5',
      };
      const bad = await deskPost(t.app, admin, '/admin/settings', { ...fields, moderationDigestMinutes: '20000' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Minutes between moderation digests must be a whole number from 0 \(none\) to 10080/);
      assert.equal(
        (await deskPost(t.app, admin, '/admin/settings', { ...fields, moderationDigestMinutes: '0' })).statusCode,
        303,
      );
      await held('Hana');
      clock.advance(24 * 60 * MINUTE);
      assert.equal(await sendModerationDigest(t.deps), 0);
    });
  });
}
