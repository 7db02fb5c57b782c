import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replyMail } from '../../src/modules/notifications/mail-templates.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../src/modules/notifications/unsubscribe-token.ts';
import { excerpt } from '../../src/platform/text.ts';

describe('unsubscribe tokens', () => {
  const key = 'k'.repeat(43);

  it('give back what they were made for, for either kind', () => {
    const replies = signUnsubscribeToken(key, { kind: 'replies', email: 'ana@example.org' });
    assert.match(replies, /^[A-Za-z0-9._-]+$/, 'URL-safe as it is');
    assert.deepEqual(verifyUnsubscribeToken(key, replies), { kind: 'replies', email: 'ana@example.org' });
    const digest = signUnsubscribeToken(key, { kind: 'digest', userId: 'u-1' });
    assert.deepEqual(verifyUnsubscribeToken(key, digest), { kind: 'digest', userId: 'u-1' });
  });

  it('refuse another key, another subject under the same signature, another kind, and junk', () => {
    const token = signUnsubscribeToken(key, { kind: 'replies', email: 'ana@example.org' });
    const [, , signature] = token.split('.');
    assert.equal(verifyUnsubscribeToken('other'.repeat(9), token), undefined);
    assert.equal(verifyUnsubscribeToken(key, `r.${Buffer.from('bob@example.org').toString('base64url')}.${signature}`), undefined);
    assert.equal(verifyUnsubscribeToken(key, `d${token.slice(1)}`), undefined);
    for (const junk of ['', '..', 'r..', token.slice(0, -1), `${token}x`, 'r.YQ.短']) assert.equal(verifyUnsubscribeToken(key, junk), undefined, junk);
  });
});

describe('the reply mail', () => {
  it('escapes what readers typed in the HTML and keeps it as typed in the text', () => {
    const mail = replyMail({
      siteName: 'The <Ledger>', parentAuthor: 'Ana "A" <b>', replier: '<script>x</script>', headline: 'Tolls & Taxes',
      excerpt: 'First <i>line</i>\n\nSecond', permalink: 'http://news.test/comments/1', unsubscribeUrl: 'http://news.test/notifications/unsubscribe?token=a&b',
    });
    assert.equal(mail.subject, '<script>x</script> replied to your comment on “Tolls & Taxes”');
    assert.match(mail.text, /> First <i>line<\/i>\n> \n> Second/);
    assert.doesNotMatch(mail.html, /<script>|<i>|<b>/);
    assert.match(mail.html, /<bdi>&lt;script&gt;x&lt;\/script&gt;<\/bdi> replied/);
    assert.match(mail.html, /href="http:\/\/news\.test\/notifications\/unsubscribe\?token=a&amp;b"/);
    assert.match(mail.html, /<blockquote><p>First &lt;i&gt;line&lt;\/i&gt;<\/p><p>Second<\/p><\/blockquote>/);
  });

  it('quotes a long reply by its first words only', () => {
    const long = `${'word '.repeat(300)}end`;
    const cut = excerpt(long, 600);
    assert.ok(cut.length <= 602);
    assert.match(cut, /word …$/);
    assert.equal(excerpt('short', 600), 'short');
  });
});
