// The mail outbox on both databases: a mail whose SMTP server is down is tried again later and sent once the
// server is back; queuing the same event twice queues one mail; two workers on one database send each mail once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { queueMails, retryDelay, type QueuedMail } from '../../src/platform/mail/outbox.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail.ts';

const mail = (to: string, key: string): QueuedMail => ({
  kind: 'test',
  dedupeKey: key,
  to,
  subject: `Hello ${key}`,
  text: `Text of ${key}`,
  html: `<p>Text of ${key}</p>`,
  headers: { 'X-Test': key },
});

for (const dialect of dialects) {
  describe(`the mail outbox on ${dialect}`, () => {
    let db: TestDb;
    let catcher: MailCatcher;
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    let port: number;

    before(async () => {
      db = await createTestDb(dialect);
      // Learn a free port, then leave nothing listening on it: the SMTP server is down.
      const probe = await startMailCatcher();
      port = Number(new URL(probe.url).port);
      await probe.close();
      ({ deps } = await createTestDeps(db, { clock, env: { SMTP_URL: `smtp://127.0.0.1:${port}` } }));
    });
    after(async () => {
      await deps.close();
      await catcher?.close();
      await db.drop();
    });

    const row = (key: string) =>
      deps.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();

    it('keeps a mail the server refused, tries again after the backoff, and sends it once the server is up', async () => {
      assert.equal(await queueMails(deps.db, [mail('down@example.org', 'retry-1')], clock.now()), 1);
      assert.equal(await deps.mailOutbox.deliver(), 0);
      const failed = await row('retry-1');
      assert.equal(failed.status, 'queued');
      assert.equal(Number(failed.attempts), 1);
      assert.notEqual(failed.last_error, '');
      assert.equal(failed.next_attempt_at, new Date(clock.now().getTime() + retryDelay(1)).toISOString());

      catcher = await startMailCatcher(port);
      assert.equal(await deps.mailOutbox.deliver(), 0, 'not tried again before its time');
      assert.equal(catcher.messages.length, 0);

      clock.advance(retryDelay(1));
      assert.equal(await deps.mailOutbox.deliver(), 1);
      const got = await catcher.waitFor('down@example.org');
      assert.match(got.raw, /Subject: Hello retry-1/);
      assert.match(got.raw, /X-Test: retry-1/);
      assert.match(got.raw, /<p>Text of retry-1<\/p>/);
      const sent = await row('retry-1');
      assert.equal(sent.status, 'sent');
      assert.equal(Number(sent.attempts), 2);
      assert.equal(await deps.mailOutbox.deliver(), 0, 'a sent mail is not sent again');
      assert.equal(catcher.messages.filter((m) => m.to.includes('down@example.org')).length, 1);
    });

    it('queues one mail per event however often the event is queued', async () => {
      assert.equal(await queueMails(deps.db, [mail('twice@example.org', 'dedupe-1')], clock.now()), 1);
      assert.equal(await queueMails(deps.db, [mail('twice@example.org', 'dedupe-1')], clock.now()), 0);
      await deps.mailOutbox.deliver();
      assert.equal(catcher.messages.filter((m) => m.to.includes('twice@example.org')).length, 1);
    });

    it('two workers on one database send each mail once', async () => {
      const { deps: other } = await createTestDeps(db, { clock, env: { SMTP_URL: catcher.url } });
      try {
        const mails = Array.from({ length: 25 }, (_, i) => mail(`race${i}@example.org`, `race-${i}`));
        await queueMails(deps.db, mails, clock.now());
        const [a, b] = await Promise.all([deps.mailOutbox.deliver(), other.mailOutbox.deliver()]);
        assert.equal(a + b, 25);
        for (const m of mails) assert.equal(catcher.messages.filter((c) => c.to.includes(m.to)).length, 1, m.to);
      } finally {
        await other.close();
      }
    });
  });
}
