import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createMailer } from '../../src/platform/mail/mailer.ts';

describe('mail without SMTP', () => {
  it('writes the message, link included, to the server log', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged += chunk;
        done();
      },
    });
    const mailer = createMailer({ smtpUrl: undefined, from: 'x@y.test', logger: pino({ level: 'info' }, sink) });
    await mailer.send({
      to: 'a@b.test',
      subject: 'Reset your password',
      text: 'Here: https://news.test/admin/password/abc',
    });
    const line = JSON.parse(logged.trim());
    assert.equal(line.to, 'a@b.test');
    assert.match(line.text, /https:\/\/news\.test\/admin\/password\/abc/);
  });
});
