import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { updateArticle } from '../../src/modules/articles/index.ts';
import { moderateComment, postComment } from '../../src/modules/comments/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';

/** A reference article page as text: its parts, and what the page made from it must show. */
interface ReferencePage {
  name: string;
  skip: string | false;
  /** Reads the text (only when the test runs: the outside one may be absent). */
  text(): string;
  dateline: string;
  credit: string;
  section: string;
  tags: string[];
  alt: string;
  byline: string;
  /** Words of the first paragraph after the dateline, and of a comment's later paragraph. */
  firstWords: string;
  commentWords: string;
}

const sharedReference = sharedCorpus('reference');
const references: ReferencePage[] = [
  {
    name: 'the outside reference page',
    skip: sharedReference.skip,
    text: () => fs.readFileSync(sharedReference.file('article-page.txt'), 'utf8'),
    dateline: 'HAVANA TIMES –',
    credit: 'dpa',
    section: 'World',
    tags: ['Venezuela', 'Russia'],
    alt: 'Two presidents',
    byline: 'Staff Writer',
    firstWords: 'Russian President Vladimir Putin will meet',
    commentWords: 'Admiral Gorshkov – which served Russia',
  },
  {
    name: 'our own reference page',
    skip: false,
    text: () => fs.readFileSync(new URL('../fixtures/article-page.txt', import.meta.url), 'utf8'),
    dateline: 'ALDER BAY LEDGER –',
    credit: 'Coastline Wire',
    section: 'Islands',
    tags: ['Ferries', 'Council'],
    alt: 'Commuters on the quay',
    byline: 'Desk Reporter',
    firstWords: 'The island council has put off the ferry fare rise',
    commentWords: 'Otherwise we will be back at the quay in March.',
  },
];

/** The parts of a reference page: headline, caption, first paragraph, body, comments (each bullet and its indented lines). */
function parseReference(reference: string) {
  const [headline, , caption, , firstParagraph] = reference.split('\n');
  const thoughts = /\n(\d+) thoughts on[^\n]*\n/.exec(reference)!;
  const comments = reference
    .slice(thoughts.index + thoughts[0].length)
    .split('\nComments are closed.')[0]
    .split(/^ {2}• /m)
    .map((c) => c.replace(/^ {4}/gm, '').trim())
    .filter(Boolean);
  const body = reference
    .split('\n')
    .slice(4)
    .join('\n')
    .split(/\n\d+ thoughts on/)[0];
  return { headline, caption, firstParagraph, body, comments, count: Number(thoughts[1]) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
async function assertValidHtml(html: string) {
  const report = await validator.validateString(html);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'));
}

for (const dialect of dialects) {
  describe(`reader pages on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
    });
    after(() => t.close());

    for (const ref of references) {
      it(`serves ${ref.name} part for part: headline, photo with caption, dateline, wire credit, thoughts, closed`, {
        skip: ref.skip,
      }, async () => {
        const { headline, caption, firstParagraph, body, comments, count } = parseReference(ref.text());
        assert.equal(comments.length, count, 'the reference lists as many comments as its heading says');
        const editor = await makeStaff(t.deps, 'editor', ref.byline);
        await makeSection(t.deps, ref.section);
        const publishedAt = clock.now().toISOString();
        const article = await makeArticle(
          t.deps,
          {
            headline,
            body: body.replace(new RegExp(`^${escapeRegExp(ref.dateline)} `), ''),
            dateline: ref.dateline,
            sourceCredit: ref.credit,
            section: ref.section,
            tags: ref.tags,
            featuredImage: {
              url: '/media/ref.jpg',
              caption: caption.replace(/ File photo$/, ''),
              credit: 'File photo',
              alt: ref.alt,
              width: 1200,
              height: 800,
            },
          },
          editor,
        );
        for (const text of comments) {
          clock.advance(60_000);
          await postComment(t.deps, {
            slug: article.slug,
            name: 'Reader',
            email: 'r@example.org',
            body: text,
            ip: '127.0.0.1',
            userAgent: 'test',
          });
        }
        await updateArticle(t.deps, { staff: editor, id: article.id, changes: { commentStatus: 'closed' } });

        const res = await t.app.inject({ url: `/articles/${article.slug}` });
        assert.equal(res.statusCode, 200);
        const html = res.body;
        assert.match(html, new RegExp(`<h1 class="headline">${escapeRegExp(headline)}</h1>`));
        assert.match(
          html,
          new RegExp(
            `<figure class="featured-image"><img src="/media/ref.jpg" alt="${escapeRegExp(ref.alt)}" width="1200" height="800"`,
          ),
        );
        assert.match(
          html,
          new RegExp(
            `<figcaption>${escapeRegExp(caption.replace(/ File photo$/, ''))} <span class="credit">File photo</span></figcaption>`,
          ),
        );
        assert.match(
          html,
          new RegExp(`<p><span class="dateline">${escapeRegExp(ref.dateline)} </span>${escapeRegExp(ref.firstWords)}`),
        );
        assert.ok(html.includes(firstParagraph.replace(`${ref.dateline} `, '')));
        assert.match(html, new RegExp(`Source: <span>${escapeRegExp(ref.credit)}</span>`));
        assert.match(
          html,
          new RegExp(
            `By <a href="/authors/${ref.byline.toLowerCase().replace(/ /g, '-')}" rel="author">${ref.byline}</a>`,
          ),
        );
        assert.match(html, new RegExp(`<time datetime="${publishedAt}">`));
        assert.match(html, new RegExp(`<h2 id="comments-title">${count} thoughts on “${escapeRegExp(headline)}”</h2>`));
        assert.equal(html.match(/<li class="comment"/g)?.length, count);
        assert.ok(html.includes(ref.commentWords));
        assert.match(html, /<p class="comments-closed">Comments are closed\.<\/p>/);
        // The masthead's search form is on every page; the page's own content holds no form.
        assert.ok(!html.split('<main')[1].includes('<form'), 'no form on a closed discussion');
        assert.ok(!html.includes('r@example.org'), 'emails never shown');
        await assertValidHtml(html);
      });
    }

    it('shows an open discussion with a labelled form, Reply links and permalinks; valid HTML', async () => {
      const a = await makeArticle(t.deps, { headline: 'Open Discussion' });
      const c = await postComment(t.deps, {
        slug: a.slug,
        name: 'Ana',
        email: 'a@example.org',
        website: 'https://ana.example',
        body: 'Hello',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const html = (await t.app.inject({ url: `/articles/${a.slug}` })).body;
      assert.match(html, /One thought on “Open Discussion”/);
      assert.match(html, new RegExp(`<li class="comment" id="comment-${c.id}"`));
      assert.match(html, new RegExp(`href="#comment-${c.id}"`));
      assert.match(html, new RegExp(`href="\\?replyto=${c.id}#respond"`));
      assert.match(html, /<a href="https:\/\/ana.example" rel="nofollow ugc noopener"><bdi>Ana<\/bdi><\/a>/);
      for (const id of ['comment-body', 'comment-name', 'comment-email', 'comment-website'])
        assert.match(html, new RegExp(`<label for="${id}">`));
      await assertValidHtml(html);

      const none = await makeArticle(t.deps, { headline: 'Quiet Story' });
      assert.match((await t.app.inject({ url: `/articles/${none.slug}` })).body, /No thoughts yet on “Quiet Story”/);
    });

    it('renders the reply form for ?replyto, per reader and never cached', async () => {
      const a = await makeArticle(t.deps);
      const c = await postComment(t.deps, {
        slug: a.slug,
        name: 'Bo',
        email: 'b@example.org',
        body: 'Hi',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const res = await t.app.inject({ url: `/articles/${a.slug}?replyto=${c.id}` });
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.match(res.body, /<h2 id="respond-title">Reply to <bdi>Bo<\/bdi><\/h2>/);
      assert.match(res.body, new RegExp(`name="parentId" value="${c.id}"`));
    });

    it('serves the same bytes to every reader, with ETag, Last-Modified and a 304 for a matching request', async () => {
      const a = await makeArticle(t.deps);
      const first = await t.app.inject({ url: `/articles/${a.slug}` });
      const second = await t.app.inject({
        url: `/articles/${a.slug}`,
        headers: { cookie: 'x=1', 'user-agent': 'other' },
      });
      assert.equal(first.body, second.body);
      assert.equal(first.headers['x-page-cache'], 'miss');
      assert.equal(second.headers['x-page-cache'], 'hit');
      assert.equal(first.headers['cache-control'], 'public, max-age=0, must-revalidate');
      assert.ok(first.headers.etag);
      assert.ok(first.headers['last-modified']);
      const conditional = await t.app.inject({
        url: `/articles/${a.slug}`,
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      assert.equal(conditional.statusCode, 304);
      assert.equal(conditional.body, '');
      const bySince = await t.app.inject({
        url: `/articles/${a.slug}`,
        headers: { 'if-modified-since': String(first.headers['last-modified']) },
      });
      assert.equal(bySince.statusCode, 304);
      const stale = await t.app.inject({ url: `/articles/${a.slug}`, headers: { 'if-none-match': '"old"' } });
      assert.equal(stale.statusCode, 200);
    });

    it('drops the cached page when a comment, an edit or moderation changes it', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const a = await makeArticle(t.deps, {}, editor);
      const url = `/articles/${a.slug}`;
      const v1 = await t.app.inject({ url });
      const c = await postComment(t.deps, {
        slug: a.slug,
        name: 'Cy',
        email: 'c@example.org',
        body: 'Fresh comment',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const v2 = await t.app.inject({ url });
      assert.equal(v2.headers['x-page-cache'], 'miss');
      assert.notEqual(v2.headers.etag, v1.headers.etag);
      assert.match(v2.body, /Fresh comment/);
      assert.equal(
        (await t.app.inject({ url, headers: { 'if-none-match': String(v1.headers.etag) } })).statusCode,
        200,
      );
      await moderateComment(t.deps, { staff: editor, id: c.id, status: 'trash' });
      assert.doesNotMatch((await t.app.inject({ url })).body, /Fresh comment/);
      await updateArticle(t.deps, { staff: editor, id: a.id, changes: { headline: 'Corrected Headline' } });
      assert.match((await t.app.inject({ url })).body, /Corrected Headline/);
    });

    it('closes the discussion in a cached page at its closing time, with nothing to run', async () => {
      const a = await makeArticle(t.deps, {
        publishAt: new Date(clock.now().getTime() - 14 * 86_400_000 + 60_000).toISOString(),
      });
      const url = `/articles/${a.slug}`;
      assert.match((await t.app.inject({ url })).body, /<form class="comment-form"/);
      assert.equal((await t.app.inject({ url })).headers['x-page-cache'], 'hit');
      clock.advance(60_000);
      const closed = await t.app.inject({ url });
      assert.match(closed.body, /Comments are closed\./);
      assert.doesNotMatch(closed.body.split('<main')[1], /<form/);
    });

    it('puts a scheduled article on the front page at its time, even when the page is cached', async () => {
      const at = new Date(clock.now().getTime() + 120_000);
      const a = await makeArticle(t.deps, {
        headline: 'Scheduled Scoop',
        status: 'scheduled',
        publishAt: at.toISOString(),
      });
      assert.doesNotMatch((await t.app.inject({ url: '/' })).body, /Scheduled Scoop/);
      assert.equal((await t.app.inject({ url: `/articles/${a.slug}` })).statusCode, 404);
      clock.advance(120_000);
      assert.match((await t.app.inject({ url: '/' })).body, /Scheduled Scoop/);
      assert.equal((await t.app.inject({ url: `/articles/${a.slug}` })).statusCode, 200);
    });

    it('shows comment counts on the lists, kept right in cached pages', async () => {
      const a = await makeArticle(t.deps, { headline: 'Counted Story' });
      const url = `/authors/${a.authors[0].slug}`;
      assert.doesNotMatch((await t.app.inject({ url })).body, /comments?<\/a>/);
      await postComment(t.deps, {
        slug: a.slug,
        name: 'Counter',
        email: 'c@example.org',
        body: 'One',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.match(
        (await t.app.inject({ url })).body,
        new RegExp(`<a href="/articles/${a.slug}#comments">1 comment</a>`),
      );
      await postComment(t.deps, {
        slug: a.slug,
        name: 'Counter',
        email: 'c@example.org',
        body: 'Two',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.match((await t.app.inject({ url })).body, />2 comments<\/a>/);
    });

    it('redirects an old slug with a 301', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const a = await makeArticle(t.deps, { headline: 'Before Rename' }, editor);
      await t.app.inject({ url: `/articles/${a.slug}` });
      await updateArticle(t.deps, { staff: editor, id: a.id, changes: { slug: 'after-rename' } });
      const res = await t.app.inject({ url: '/articles/before-rename' });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/articles/after-rename');
    });

    it('serves home, section, tag and author pages, paged, with valid HTML', async () => {
      const author = await makeStaff(t.deps, 'author', 'Pat Page');
      await makeSection(t.deps, 'Harbour');
      for (let i = 0; i < 14; i++) {
        clock.advance(1000);
        await makeArticle(t.deps, { headline: `Harbour Note ${i}`, section: 'Harbour', tags: ['Boats'] }, author);
      }
      const home = await t.app.inject({ url: '/' });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /class="card card-lead"[\s\S]*Harbour Note 13/);
      await assertValidHtml(home.body);
      const section = await t.app.inject({ url: '/sections/harbour' });
      assert.match(section.body, /<h1 class="list-title">Harbour<\/h1>/);
      assert.match(section.body, /Page 1 of 2/);
      assert.match(section.body, /href="\/sections\/harbour\?page=2" rel="next"/);
      await assertValidHtml(section.body);
      const page2 = await t.app.inject({ url: '/sections/harbour?page=2' });
      assert.match(page2.body, /Harbour Note 1</);
      assert.equal((await t.app.inject({ url: '/sections/harbour?page=3' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/sections/harbour?page=abc' })).statusCode, 404);
      assert.match((await t.app.inject({ url: '/tags/boats' })).body, /Tagged “Boats”/);
      assert.match((await t.app.inject({ url: '/authors/pat-page' })).body, /<h1 class="list-title">Pat Page<\/h1>/);
    });

    it('answers an unknown address with a helpful 404 page, and JSON under /api', async () => {
      const res = await t.app.inject({ url: '/articles/no-such-story' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /We could not find that page/);
      assert.match(res.body, /Latest stories/);
      await assertValidHtml(res.body);
      const other = await t.app.inject({ url: '/wp-login.php' });
      assert.equal(other.statusCode, 404);
      const api = await t.app.inject({ url: '/api/nothing' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
    });

    it('sends security headers with a strict Content-Security-Policy', async () => {
      const res = await t.app.inject({ url: '/' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    });

    it('serves the stylesheet and the script with long-lived caching', async () => {
      const home = (await t.app.inject({ url: '/' })).body;
      const css = /href="(\/assets\/style\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
      assert.ok(css);
      const res = await t.app.inject({ url: css });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /max-age=31536000, immutable/);
      assert.ok(res.body.length < 20_000, 'one small stylesheet');
    });
  });
}
