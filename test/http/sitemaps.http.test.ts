// The sitemap index, the monthly article files with their photos, the lists, Google News's last two days, and
// robots.txt naming the index. Only what readers may see: never a draft, a scheduled or trashed article, a preview
// or an old slug; lastmod moves with real changes, never with a comment.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPreviewLink, trashArticle, updateArticle, type Article } from '../../src/modules/articles/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { kid, kids, parseXml, type El } from '../support/feed-lint/xml-tree.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';

/** A sitemap as the protocol reads it: well-formed, in its namespace, absolute addresses, within the limits. */
async function readSitemap(t: TestApp, url: string): Promise<El> {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
  assert.ok(Buffer.byteLength(res.body) < 52_428_800);
  const root = parseXml(res.body);
  assert.equal(root.uri, SITEMAP);
  const entries = [...kids(root, 'url', SITEMAP), ...kids(root, 'sitemap', SITEMAP)];
  assert.ok(entries.length <= 50_000);
  for (const e of entries) {
    const loc = kid(e, 'loc', SITEMAP).text;
    assert.match(loc, /^http:\/\/news\.test\/\S*$/, `${url}: ${loc} is absolute`);
    const lastmod = kid(e, 'lastmod', SITEMAP)?.text;
    if (lastmod) assert.match(lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  }
  return root;
}

const locs = (root: El, tag = 'url') => kids(root, tag, SITEMAP).map((u) => kid(u, 'loc', SITEMAP).text);
const entry = (root: El, loc: string) => kids(root, 'url', SITEMAP).find((u) => kid(u, 'loc', SITEMAP).text === loc);
const page = (a: Pick<Article, 'slug'>) => `http://news.test/articles/${encodeURIComponent(a.slug)}`;

for (const dialect of dialects) {
  describe(`sitemaps on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-10-15T08:00:00Z'));
    let editor: Awaited<ReturnType<typeof makeStaff>>;
    const made: Record<string, Article> = {};
    before(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t.deps, 'editor', 'Marta Quintero');
      await makeStaff(t.deps, 'moderator', 'Quiet Moderator');
      await makeSection(t.deps, 'Harbour');
      await makeSection(t.deps, 'Empty Section');
      made.october = await makeArticle(
        t.deps,
        {
          headline: 'October Story',
          section: 'Harbour',
          tags: ['Tides'],
          featuredImage: {
            url: '/media/2026/10/pier.jpg',
            alt: 'The pier',
            caption: 'Pier & harbour <at dawn>',
            credit: 'Ledger',
            width: 1200,
            height: 800,
          },
        },
        editor,
      );
      clock.set(new Date('2026-11-19T09:00:00Z'));
      made.older = await makeArticle(t.deps, { headline: 'Three Days Ago', featuredImage: null }, editor);
      clock.set(new Date('2026-11-21T09:00:00Z'));
      made.november = await makeArticle(t.deps, { headline: 'November Story', section: 'Harbour' }, editor);
      made.renamed = await makeArticle(t.deps, { headline: 'Renamed Story' }, editor);
      await updateArticle(t.deps, { staff: editor, id: made.renamed.id, changes: { slug: 'renamed-story-new' } });
      made.draft = await makeArticle(
        t.deps,
        { headline: 'Draft Story', status: 'draft', section: 'Empty Section', tags: ['Secret'] },
        editor,
      );
      await createPreviewLink(t.deps, { staff: editor, id: made.draft.id });
      made.scheduled = await makeArticle(
        t.deps,
        { headline: 'Scheduled Story', status: 'scheduled', publishAt: '2026-12-24T09:00:00Z' },
        editor,
      );
      made.trashed = await makeArticle(t.deps, { headline: 'Trashed Story' }, editor);
      await trashArticle(t.deps, { staff: editor, id: made.trashed.id });
      clock.set(new Date('2026-11-21T12:00:00Z'));
    });
    after(() => t.close());

    it('robots.txt names the index, and the index names every file', async () => {
      const robots = await t.app.inject({ url: '/robots.txt' });
      assert.match(robots.body, /^Sitemap: http:\/\/news\.test\/sitemap\.xml$/m);
      const index = await readSitemap(t, '/sitemap.xml');
      assert.equal(index.local, 'sitemapindex');
      assert.deepEqual(
        locs(index, 'sitemap'),
        ['lists', 'news', 'articles-2026-11', 'articles-2026-10'].map((n) => `http://news.test/sitemaps/${n}.xml`),
      );
    });

    it("lists each month's public articles once, with lastmod and the photo with its caption; nothing unpublished, no old slug", async () => {
      const november = await readSitemap(t, '/sitemaps/articles-2026-11.xml');
      assert.deepEqual(
        locs(november).sort(),
        [made.older, made.november, { slug: 'renamed-story-new' }].map(page).sort(),
      );
      const october = await readSitemap(t, '/sitemaps/articles-2026-10.xml');
      assert.deepEqual(locs(october), [page(made.october)]);
      const image = kid(entry(october, page(made.october))!, 'image', IMAGE);
      assert.equal(kid(image, 'loc', IMAGE).text, 'http://news.test/media/2026/10/pier.jpg');
      assert.equal(kid(image, 'caption', IMAGE).text, 'Pier & harbour <at dawn>');
      assert.equal(
        kid(entry(october, page(made.october))!, 'lastmod', SITEMAP).text,
        made.october.modifiedAt.toISOString(),
      );
      assert.equal(kid(entry(november, page(made.older))!, 'image', IMAGE), undefined, 'no photo, no image entry');
      for (const hidden of [made.draft, made.scheduled, made.trashed, made.renamed]) {
        assert.ok(!locs(november).includes(page(hidden)), `${hidden.slug} is not listed`);
      }
      assert.ok(!locs(november).some((l) => l.includes('/preview/')));
      assert.equal(
        (await t.app.inject({ url: '/sitemaps/articles-2026-12.xml' })).statusCode,
        404,
        "the scheduled article's month has nothing public yet",
      );
    });

    it('lists the front page, the corrections and the sections, tags and authors that have public articles', async () => {
      const lists = await readSitemap(t, '/sitemaps/lists.xml');
      assert.deepEqual(locs(lists), [
        'http://news.test/',
        'http://news.test/corrections',
        'http://news.test/authors/marta-quintero',
        'http://news.test/sections/harbour',
        'http://news.test/tags/tides',
      ]);
      const lastmod = (doc: El, list: string) => kid(entry(doc, `http://news.test/${list}`)!, 'lastmod', SITEMAP).text;
      assert.equal(lastmod(lists, 'sections/harbour'), made.november.modifiedAt.toISOString());
      assert.equal(lastmod(lists, 'tags/tides'), made.october.modifiedAt.toISOString());
      // A list's lastmod is its newest article's last change, what moves its first page: an edit of the older
      // October story moves the tag that only it has, not its section, whose newest story is November's.
      clock.advance(60_000);
      await updateArticle(t.deps, {
        staff: editor,
        id: made.october.id,
        changes: { headline: 'October Story Corrected' },
      });
      const edited = await readSitemap(t, '/sitemaps/lists.xml');
      assert.equal(lastmod(edited, 'tags/tides'), clock.now().toISOString());
      assert.equal(lastmod(edited, 'sections/harbour'), made.november.modifiedAt.toISOString());
    });

    it("gives Google News the articles of the last two days, with the publication's name and language", async () => {
      await updateSettings(t.deps, { name: 'The Alder Bay Ledger', language: 'es-CU' });
      const news = await readSitemap(t, '/sitemaps/news.xml');
      assert.deepEqual(
        locs(news).sort(),
        [made.november, { slug: 'renamed-story-new' }].map(page).sort(),
        'not the article of three days ago',
      );
      const item = kid(entry(news, page(made.november))!, 'news', NEWS);
      assert.equal(kid(kid(item, 'publication', NEWS), 'name', NEWS).text, 'The Alder Bay Ledger');
      assert.equal(kid(kid(item, 'publication', NEWS), 'language', NEWS).text, 'es');
      assert.equal(kid(item, 'publication_date', NEWS).text, made.november.publishedAt!.toISOString());
      assert.equal(kid(item, 'title', NEWS).text, 'November Story');
      clock.set(new Date('2026-11-23T09:00:01Z'));
      assert.equal(
        (await t.app.inject({ url: '/sitemaps/news.xml' })).statusCode,
        404,
        'two days on, nothing is news (the cached file expired)',
      );
      assert.ok(
        !locs(await readSitemap(t, '/sitemap.xml'), 'sitemap').some((l) => l.endsWith('/news.xml')),
        'and the index no longer names it',
      );
    });

    it('moves lastmod for an update or a real edit, never for a comment; answers 304 to its validators', async () => {
      const url = '/sitemaps/articles-2026-11.xml';
      const first = await t.app.inject({ url });
      clock.advance(60_000);
      await postComment(t.deps, {
        slug: made.november.slug,
        name: 'Reader',
        email: 'reader@example.org',
        body: 'Good to know.',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const afterComment = await t.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      assert.equal(afterComment.statusCode, 304, 'a comment changes no sitemap');
      clock.advance(60_000);
      await recordArticleUpdate(t.deps, {
        staff: editor,
        articleId: made.november.id,
        kind: 'update',
        note: "Adds the ferry company's answer.",
      });
      const updated = await readSitemap(t, url);
      assert.equal(kid(entry(updated, page(made.november))!, 'lastmod', SITEMAP).text, clock.now().toISOString());
      assert.equal(
        kid(
          kids(await readSitemap(t, '/sitemap.xml'), 'sitemap', SITEMAP).find((s) =>
            kid(s, 'loc', SITEMAP).text.endsWith('articles-2026-11.xml'),
          )!,
          'lastmod',
          SITEMAP,
        ).text,
        clock.now().toISOString(),
        'the index dates the month by its newest change',
      );
    });

    it('answers 404 for a name that is no sitemap', async () => {
      for (const name of [
        'articles-2026-13',
        'articles-2026-11-1',
        'articles-1999-01',
        'lists-2',
        'nothing',
        '..%2Fsecrets',
      ]) {
        assert.equal((await t.app.inject({ url: `/sitemaps/${name}.xml` })).statusCode, 404, name);
      }
    });
  });
}
