import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { formatCommentText } from '../../src/modules/comments/index.ts';
import { formatWithLinks } from '../../src/platform/html/comment-text.ts';
import { checkCommentSubmission } from '../../src/modules/comments/comment-input.ts';
import { AppError } from '../../src/platform/errors.ts';
import { hostileStrings } from '../fixtures/hostile-strings.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';

const naughtyStrings = sharedCorpus('testdata/naughty-strings');

/** Every tag the formatter may emit, with only the attributes it may carry. */
function assertOnlySafeMarkup(html: string) {
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    assert.match(
      tag,
      /^<(\/?p|br( \/)?|\/a|a href="https?:\/\/[^"<>]*" rel="nofollow ugc noopener")>$/,
      `unexpected markup ${tag}`,
    );
  }
}

describe('comment formatter', () => {
  it('makes paragraphs from blank lines and line breaks from single newlines', () => {
    assert.equal(
      formatCommentText('First line\nsecond line\n\nNew paragraph'),
      '<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>\n',
    );
  });

  it('links bare web addresses with rel="nofollow ugc"', () => {
    const html = formatCommentText('See https://example.org/report?a=1&b=2 for the report');
    assert.match(html, /<a href="https:\/\/example.org\/report\?a=1&amp;b=2" rel="nofollow ugc noopener">/);
  });

  it('shows typed HTML as text, never as markup', () => {
    const html = formatCommentText(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>',
    );
    assert.ok(!/<script|<img|<a href="javascript/i.test(html));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('does not turn Markdown into markup (comments are plain text)', () => {
    const html = formatCommentText('**bold** [link](javascript:alert(1)) # heading');
    assert.equal(html, '<p>**bold** [link](javascript:alert(1)) # heading</p>\n');
  });

  it('never links javascript: or data: addresses', () => {
    const html = formatCommentText('javascript:alert(document.cookie) data:text/html;base64,PHNjcmlwdD4=');
    assert.ok(!html.includes('<a'));
  });

  it('keeps all the naughty strings inert', { skip: naughtyStrings.skip }, () => {
    const naughty: string[] = JSON.parse(fs.readFileSync(naughtyStrings.file('blns.json'), 'utf8'));
    assert.ok(naughty.length > 500, `${naughty.length} strings`);
    for (const s of naughty) assertOnlySafeMarkup(formatCommentText(s));
  });

  it(`keeps all ${hostileStrings.length} strings of our own hostile list inert`, () => {
    for (const s of hostileStrings) assertOnlySafeMarkup(formatCommentText(s));
  });
});

// A comment that cannot hold a link is formatted without markdown-it and the sanitizer; these prove the two paths
// write the same bytes, on text chosen to find where they part: blank and space-only lines, trailing spaces and
// tabs, carriage returns, NUL, Unicode spaces, markup characters and entities.
describe('the formatter without links', () => {
  const bothPaths = (s: string) => assert.equal(formatCommentText(s), formatWithLinks(s), JSON.stringify(s));
  const PIECES = [
    ' ',
    '  ',
    '\t',
    '\n',
    '\n\n',
    '\r',
    '\r\n',
    '\n \n',
    ' \t\n',
    'word',
    'é',
    '&',
    '&amp;',
    '&#0;',
    '<',
    '>',
    '<p>',
    '"',
    "'",
    '\0',
    '\u00a0',
    '\u2028',
    '\u3000',
    '\f',
    '\v',
    '\ufeff',
    '😀',
    '\ud800',
    '\\',
    '*',
    '_',
    '`',
    '#',
    '- ',
    '1. ',
    '    ',
    '> ',
    '[x]',
    '/',
    ':',
    'http:',
    'https:/',
    'ftp:',
    'MailTo:',
    'a@b.org',
    'x.org',
  ];

  it('writes what markdown-it and the sanitizer write, for 30,000 texts made of troublesome pieces', () => {
    // A fixed seed: the same texts on every run.
    let seed = 20261129;
    const random = (n: number) => {
      // xorshift32
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    let fast = 0;
    for (let k = 0; k < 30_000; k++) {
      let s = '';
      for (let j = 1 + random(16); j > 0; j--) s += PIECES[random(PIECES.length)];
      if (!s.includes('//')) fast++;
      bothPaths(s);
    }
    assert.ok(fast > 20_000, `${fast} of the texts took the path without links`);
  });

  it('writes the same for every naughty string', { skip: naughtyStrings.skip }, () => {
    const naughty: string[] = JSON.parse(fs.readFileSync(naughtyStrings.file('blns.json'), 'utf8'));
    for (const s of naughty) bothPaths(s);
  });

  it('writes the same for our own hostile list, and leaves texts with addresses to markdown-it', () => {
    for (const s of hostileStrings) bothPaths(s);
    assert.match(formatCommentText('see //example.org/x or https://example.org'), /<a href="https:\/\/example.org"/);
  });

  it('keeps addresses it does not link as the reader typed them', () => {
    assert.equal(
      formatCommentText('Files at ftp://files.example.org/a, //example.org/b, or MAILTO:desk@example.org.'),
      '<p>Files at ftp://files.example.org/a, //example.org/b, or MAILTO:desk@example.org.</p>\n',
    );
  });
});

describe('comment submission checks', () => {
  const ok = { name: 'Ana', email: 'ana@example.org', body: 'Hello' };
  const refused = (input: object, field: string, code: string) => {
    assert.throws(
      () => checkCommentSubmission({ ...ok, ...input }),
      (e: unknown) => e instanceof AppError && e.status === 422 && e.field === field && e.code === code,
    );
  };

  it('accepts a plain comment and trims it', () => {
    assert.deepEqual(checkCommentSubmission({ ...ok, body: '  Hello\r\nthere  ' }), {
      name: 'Ana',
      email: 'ana@example.org',
      website: '',
      body: 'Hello\nthere',
    });
  });
  it('requires name, email and text', () => {
    refused({ name: ' ' }, 'name', 'name_required');
    refused({ email: '' }, 'email', 'email_required');
    refused({ body: '\n\n' }, 'body', 'body_required');
  });
  it('refuses bad emails, javascript: websites and control characters', () => {
    refused({ email: 'not-an-email' }, 'email', 'invalid_email');
    refused({ website: 'javascript:alert(1)' }, 'website', 'invalid_website');
    refused({ website: 'ftp://example.org' }, 'website', 'invalid_website');
    refused({ body: 'bell\u0007' }, 'body', 'control_characters');
    refused({ name: 'Ana\nBob' }, 'name', 'control_characters');
  });
  it('refuses a 10,000-character comment with a message giving the limit', () => {
    assert.throws(
      () => checkCommentSubmission({ ...ok, body: 'x'.repeat(10_000) }),
      /at most 5000 characters \(it has 10000\)/,
    );
  });
  const nameOf = (name: string) => checkCommentSubmission({ ...ok, name }).name;
  const codePoints = (s: string) => Array.from(s).map((c) => c.codePointAt(0)!.toString(16).toUpperCase());

  it('removes bidirectional controls from names, so a name cannot reorder itself or the text after it', () => {
    for (const control of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      assert.equal(nameOf(`Ana${control}nimda`), 'Ananimda', `U+${codePoints(control)[0]}`);
    }
    assert.equal(nameOf('\u202Erotide ehT'), 'rotide ehT', 'shown as typed: the reversal is gone');
  });

  it('removes invisible format characters: zero-width space, word joiner, soft hyphen, BOM, stray tags, Hangul fillers', () => {
    assert.equal(nameOf('Ed\u200Bi\u2060t\u00ADor\uFEFF'), 'Editor');
    assert.equal(nameOf('Editor\u{E0041}\u{E007F}'), 'Editor');
    assert.equal(nameOf('Edi\u200Dtor'), 'Editor', 'a joiner between Latin letters does nothing but disguise the name');
    assert.equal(nameOf('Edi\u200Ctor'), 'Editor');
    refused({ name: '\u200B\u202E\u3164\uFEFF' }, 'name', 'name_required');
    refused({ name: ' \u200D ' }, 'name', 'name_required');
  });

  it('keeps Arabic, Hebrew, joiners that shape Persian and Indic words, emoji sequences and subdivision flags', () => {
    for (const name of [
      'محمد الأحمد',
      'דנה לוי',
      'علی\u200Cاکبر',
      'می\u200Cخواهم',
      'क्\u200Dष',
      'ര\u200D്',
      '👩\u200D💻 Dev',
      '👨\u200D👩\u200D👧 Family',
      '👩🏽\u200D⚕\uFE0F Nurse',
      '🏳\uFE0F\u200D🌈',
      '❤\uFE0F',
      'Cymru 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}',
      'José Ñúñez',
      '山田 健二',
    ]) {
      assert.deepEqual(codePoints(nameOf(name)), codePoints(name), name);
    }
  });

  it('keeps right-to-left, zero-width and emoji text as typed', () => {
    const body = '\u202Eevil\u202C \u200Bzero width \u{1F600} مرحبا';
    assert.equal(checkCommentSubmission({ ...ok, body }).body, body);
  });
});
