// The feed checker the feed tests rely on, held to the W3C feed validator's own conformance cases: for every case of
// a class it checks, it must report the class the case names, and must not report what a case says is absent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CHECKED_CLASSES, lintFeed } from '../support/feed-lint/index.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';

const corpus = sharedCorpus('testdata/feedvalidator-testcases');

/** Cases of a checked class that need what this checker does not do, and why Dateline's feeds never meet them. */
const NOT_COVERED: Record<string, string> = {
  'atom/3.1.1.3/bogus_mathml_element.xml': 'unknown MathML elements in XHTML content: Dateline writes no XHTML content',
  'atom/3.1.1.3/bogus_svg_element.xml': 'unknown SVG elements in XHTML content: Dateline writes no XHTML content',
  'atom/4.2.7.2/link-rel-self-nomatch.xml':
    'needs the address the validator fetched the case from; the feed tests pass theirs',
  'atom/6.1/invalid-namespace.xml': 'a tag: URI as a namespace name: Dateline declares only the standard namespaces',
  'atom/6.1/license-entry-invaliduri.xml': 'Creative Commons license elements: Dateline writes none',
  'atom/6.1/license-feed-invaliduri.xml': 'Creative Commons license elements: Dateline writes none',
};

// What the validator calls errors (a valid case, "!Error", may still draw warnings).
const ERRORS = new Set([
  'SAXError',
  'MissingElement',
  'MissingTitle',
  'MissingLink',
  'MissingDescription',
  'ItemMustContainTitleOrDescription',
  'DuplicateElement',
  'InvalidRFC2822Date',
  'InvalidRFC3339Date',
  'InvalidLink',
  'InvalidFullLink',
  'InvalidURLAttribute',
  'MissingAttribute',
  'InvalidIntegerAttribute',
  'InvalidMIMEAttribute',
  'InvalidHttpGUID',
  'InvalidPermalink',
  'InvalidContact',
  'InvalidLanguage',
  'InvalidTAG',
  'InvalidURN',
  'InvalidUUID',
  'InvalidMIMEType',
  'DuplicateIds',
  'AttrNotBlank',
  'InvalidAddrSpec',
]);

interface Case {
  file: string;
  source: string;
  expect: string;
  negated: boolean;
  kind: string;
  params: Record<string, string>;
}

function loadCases(root: string): Case[] {
  const out: Case[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.xml')) {
        const source = fs.readFileSync(full, 'utf8');
        const expect = /Expect:\s*(\S+)/.exec(source)?.[1];
        if (!expect) continue;
        const params = Object.fromEntries(
          [...(/\{(.*)\}/.exec(expect)?.[1] ?? '').matchAll(/(\w+):([^,]*)/g)].map((m) => [m[1], m[2]]),
        );
        out.push({
          file: path.relative(root, full),
          source,
          expect,
          negated: expect.startsWith('!'),
          kind: expect.replace(/^!/, '').replace(/\{.*/, ''),
          params,
        });
      }
    }
  };
  walk(root);
  return out;
}

describe("the feed checker against the feed validator's conformance cases", { skip: corpus.skip }, () => {
  const cases = corpus.skip === false ? loadCases(corpus.file()) : [];
  const checked = new Set<string>(CHECKED_CLASSES);
  // The cases are from 2002-2008; the far past and future are judged from a fixed now.
  const now = new Date('2026-01-01T00:00:00Z');

  it('covers a class for every case it claims, and most cases overall', () => {
    const covered = cases.filter((c) => (checked.has(c.kind) || c.expect === '!Error') && !NOT_COVERED[c.file]);
    assert.ok(covered.length >= 700, `only ${covered.length} of ${cases.length} cases are checked`);
    for (const file of Object.keys(NOT_COVERED))
      assert.ok(
        cases.some((c) => c.file === file),
        `${file} is no longer in the corpus`,
      );
  });

  for (const kind of [...CHECKED_CLASSES, 'Error']) {
    const ofKind = cases.filter((c) => c.kind === kind && !NOT_COVERED[c.file]);
    if (ofKind.length === 0) continue;
    it(`${kind}: ${ofKind.length} cases`, () => {
      const wrong: string[] = [];
      for (const c of ofKind) {
        const problems = lintFeed(c.source, { now });
        const matches = problems.filter(
          (p) =>
            p.kind === c.kind &&
            (!c.params.element || p.element === c.params.element) &&
            (!c.params.parent || p.parent === c.params.parent),
        );
        const ok =
          c.kind === 'Error'
            ? !problems.some((p) => ERRORS.has(p.kind))
            : c.negated
              ? matches.length === 0
              : problems.some((p) => p.kind === c.kind);
        if (!ok)
          wrong.push(
            `${c.file} (${c.expect}): got ${problems.map((p) => `${p.kind} at ${p.where}`).join(', ') || 'nothing'}`,
          );
      }
      assert.deepEqual(wrong, []);
    });
  }
});

describe('the feed checker on feeds of our own writing', () => {
  const rss = (
    items: string,
    channel = '',
  ) => `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
    <link>https://news.example/</link><description>D</description><atom:link href="https://news.example/rss.xml" rel="self" type="application/rss+xml"/>${channel}${items}</channel></rss>`;
  const kinds = (xml: string) => lintFeed(xml, { now: new Date('2026-12-01T00:00:00Z') }).map((p) => p.kind);

  it('passes a clean feed and names each mistake in a broken one', () => {
    assert.deepEqual(
      kinds(
        rss(
          '<item><title>A</title><link>https://news.example/a</link><guid isPermaLink="false">urn:uuid:0193b1a4-7c2e-7d3e-9a4b-1c2d3e4f5a6b</guid><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate></item>',
        ),
      ),
      [],
    );
    assert.ok(
      kinds(rss('<item><title>A</title><pubDate>2026-12-01T09:00:00Z</pubDate></item>')).includes('InvalidRFC2822Date'),
    );
    assert.ok(
      kinds(
        rss(
          '<item><title>A</title><guid isPermaLink="false">x</guid></item><item><title>B</title><guid isPermaLink="false">x</guid></item>',
        ),
      ).includes('DuplicateValue'),
    );
    assert.ok(
      kinds(rss('<item><title>A</title><description>&lt;a href="/b"&gt;b&lt;/a&gt;</description></item>')).includes(
        'ContainsRelRef',
      ),
    );
    assert.ok(
      kinds(
        rss('<item><title>A</title><enclosure url="https://news.example/a.jpg" type="image/jpeg"/></item>'),
      ).includes('MissingAttribute'),
    );
    assert.ok(
      kinds(rss('<item><title>A</title><enclosure url="/a.jpg" length="1.5" type="jpeg"/></item>')).includes(
        'InvalidIntegerAttribute',
      ),
    );
    assert.ok(kinds(rss('<item><title><![CDATA[Tom & Jerry </b>]]></title></item>')).includes('ContainsHTML'));
    assert.ok(kinds('<rss version="2.0"><channel><title>T &</title></channel></rss>').includes('SAXError'));
    assert.ok(
      kinds('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><updated>2026-12-01</updated></feed>').includes(
        'InvalidRFC3339Date',
      ),
    );
  });
});
