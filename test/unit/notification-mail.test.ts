import assert from 'node:assert/strict';
import { Translations } from '../../src/platform/i18n/translator.ts';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { replyMail } from '../../src/modules/notifications/mail-templates.tsx';
import { makeUnsubscribeToken, readUnsubscribeToken } from '../../src/modules/notifications/unsubscribe-token.ts';
import { excerpt } from '../../src/platform/text.ts';

describe('unsubscribe tokens', () => {
  const key = 'k'.repeat(43);
  /** A link in the format mailed before tokens were sealed: kind, base64url subject, HMAC. */
  const legacyToken = (secret: string, kind: 'r' | 'd', subject: string) => {
    const payload = `${kind}.${Buffer.from(subject).toString('base64url')}`;
    return `${payload}.${createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')}`;
  };

  it('give back what they were made for, for either kind', () => {
    const replies = makeUnsubscribeToken(key, { kind: 'replies', email: 'ana@example.org' });
    assert.match(replies, /^[A-Za-z0-9._-]+$/, 'URL-safe as it is');
    assert.deepEqual(readUnsubscribeToken(key, replies), { kind: 'replies', email: 'ana@example.org' });
    const digest = makeUnsubscribeToken(key, { kind: 'digest', userId: 'u-1' });
    assert.deepEqual(readUnsubscribeToken(key, digest), { kind: 'digest', userId: 'u-1' });
    const long = `${'ñ'.repeat(60)}@${'x'.repeat(120)}.example.org`;
    assert.deepEqual(readUnsubscribeToken(key, makeUnsubscribeToken(key, { kind: 'replies', email: long })), {
      kind: 'replies',
      email: long,
    });
  });

  it('do not carry the address in any readable form: not as text, base64, hex or URL-encoding', () => {
    for (const email of ['ana@example.org', 'Ab.Cd+news@mail.example.co.uk', 'ñandú@correo.example']) {
      const token = makeUnsubscribeToken(key, { kind: 'replies', email });
      const readings = [token, decodeURIComponent(token)];
      for (const part of [token, ...token.split('.')]) {
        for (let offset = 0; offset < 4; offset++) {
          for (const encoding of ['base64url', 'base64'] as const) {
            const bytes = Buffer.from(part.slice(offset), encoding);
            readings.push(bytes.toString('utf8'), bytes.toString('latin1'));
          }
        }
        if (/^[0-9a-f]+$/i.test(part)) readings.push(Buffer.from(part, 'hex').toString('utf8'));
      }
      const local = email.split('@')[0].toLowerCase();
      for (const reading of readings) {
        assert.ok(
          !reading.toLowerCase().includes(local),
          `${JSON.stringify(email)} shows in ${JSON.stringify(reading.slice(0, 40))}`,
        );
        assert.ok(!reading.toLowerCase().includes(email.split('@')[1].toLowerCase()), `the domain of ${email} shows`);
      }
      assert.notEqual(
        makeUnsubscribeToken(key, { kind: 'replies', email }),
        token,
        'two mails to one address carry different links',
      );
    }
    assert.equal(
      makeUnsubscribeToken(key, { kind: 'replies', email: 'a@b.co' }).length,
      makeUnsubscribeToken(key, { kind: 'replies', email: 'twenty.six.chars@mail.co' }).length,
      'the length hides the address length',
    );
  });

  it('refuse another key, a changed byte, another subject under the same signature, another kind, and junk', () => {
    const token = makeUnsubscribeToken(key, { kind: 'replies', email: 'ana@example.org' });
    assert.equal(readUnsubscribeToken('other'.repeat(9), token), undefined);
    for (let i = 2; i < token.length; i += 7) {
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      assert.equal(readUnsubscribeToken(key, flipped), undefined, `byte ${i} changed`);
    }
    const old = legacyToken(key, 'r', 'ana@example.org');
    const [, , signature] = old.split('.');
    assert.equal(
      readUnsubscribeToken(key, `r.${Buffer.from('bob@example.org').toString('base64url')}.${signature}`),
      undefined,
    );
    assert.equal(readUnsubscribeToken(key, `d${old.slice(1)}`), undefined);
    assert.equal(readUnsubscribeToken(key, legacyToken('other'.repeat(9), 'r', 'bob@example.org')), undefined);
    for (const junk of [
      '',
      '..',
      'r..',
      '2.',
      `2.${'A'.repeat(100)}`,
      token.slice(0, -1),
      `${token}x`,
      `3${token.slice(1)}`,
      'r.YQ.短',
    ]) {
      assert.equal(readUnsubscribeToken(key, junk), undefined, junk);
    }
  });

  it('still honour the links mailed before tokens were sealed, so old mails can still unsubscribe', () => {
    assert.deepEqual(readUnsubscribeToken(key, legacyToken(key, 'r', 'ana@example.org')), {
      kind: 'replies',
      email: 'ana@example.org',
    });
    assert.deepEqual(readUnsubscribeToken(key, legacyToken(key, 'd', 'u-1')), { kind: 'digest', userId: 'u-1' });
  });
});

describe('the reply mail', () => {
  const translations = new Translations();
  it('escapes what readers typed in the HTML and keeps it as typed in the text', () => {
    const mail = replyMail({
      i18n: translations.for('en', 'UTC'),
      siteName: 'The <Ledger>',
      parentAuthor: 'Ana "A" <b>',
      replier: '<script>x</script>',
      headline: 'Tolls & Taxes',
      excerpt: 'First <i>line</i>\nstill first\n\nSecond',
      permalink: 'http://news.test/comments/1',
      unsubscribeUrl: 'http://news.test/notifications/unsubscribe?token=a&b',
    });
    assert.equal(mail.subject, '<script>x</script> replied to your comment on “Tolls & Taxes”');
    assert.match(mail.text, /> First <i>line<\/i>\n> still first\n> \n> Second/);
    assert.doesNotMatch(mail.html, /<script>|<i>|<b>/);
    // The template layer escapes what would open markup (<, &, quotes in attributes); a lone > is text in HTML.
    assert.match(mail.html, /<bdi>&lt;script>x&lt;\/script><\/bdi> replied/);
    assert.match(mail.html, /href="http:\/\/news\.test\/notifications\/unsubscribe\?token=a&amp;b"/);
    assert.match(
      mail.html,
      /<blockquote><p>First &lt;i>line&lt;\/i><br\/>still first<\/p><p>Second<\/p><\/blockquote>/,
    );
  });

  it('speaks the language of the discussion, names isolated and escaped', () => {
    const mail = replyMail({
      i18n: translations.for('es', 'UTC'),
      siteName: 'El Faro',
      parentAuthor: 'Ana',
      replier: '<b>Luis</b>',
      headline: 'Mareas',
      excerpt: 'De acuerdo',
      permalink: 'http://news.test/comments/1',
      unsubscribeUrl: 'http://news.test/u',
    });
    assert.equal(mail.subject, '<b>Luis</b> ha respondido a tu comentario en «Mareas»');
    assert.match(mail.text, /^Hola, Ana:\n/);
    assert.match(mail.html, /<html lang="es" dir="ltr">/);
    assert.match(mail.html, /<bdi>&lt;b>Luis&lt;\/b><\/bdi> ha respondido a tu comentario en «Mareas»:/);
    assert.match(mail.html, />Dejar de recibir estos correos<\/a>/);
  });

  it('quotes a long reply by its first words only', () => {
    const long = `${'word '.repeat(300)}end`;
    const cut = excerpt(long, 600);
    assert.ok(cut.length <= 602);
    assert.match(cut, /word …$/);
    assert.equal(excerpt('short', 600), 'short');
  });
});
