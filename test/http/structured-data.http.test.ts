// Social cards (Open Graph, X) and schema.org JSON-LD on every kind of page, parsed and held to what Google's
// article rich results and the social networks read; pages stay valid HTML under the strict CSP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { createPreviewLink, type Article } from '../../src/modules/articles/index.ts';
import { moderateComment, postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { HOSTILE_STRINGS, typeable } from '../fixtures/feed-strings.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { jsonLdOf, metaOf } from '../support/page-data.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function page(t: TestApp, url: string) {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  const report = await validator.validateString(res.body);
  assert.ok(
    report.valid,
    `${url}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n')}`,
  );
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'(;|$)/, 'the strict CSP stays: no inline script allowed');
  return { html: res.body, ld: jsonLdOf(res.body), meta: metaOf(res.body) };
}

const one = (meta: Map<string, string[]>, name: string) => {
  const values = meta.get(name);
  assert.equal(values?.length, 1, `one ${name}`);
  return values![0];
};

/** What every NewsArticle needs for Google's article rich results, checked on a parsed block. */
function assertNewsArticle(ld: Record<string, any>, article: Article) {
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], 'NewsArticle');
  const url = `http://news.test/articles/${encodeURIComponent(article.slug)}`;
  assert.equal(ld.url, url);
  assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
  assert.ok(typeof ld.headline === 'string' && ld.headline.length > 0 && ld.headline.length <= 110);
  assert.match(ld.datePublished, ISO);
  assert.match(ld.dateModified, ISO);
  assert.ok(ld.dateModified >= ld.datePublished);
  assert.ok(Array.isArray(ld.author) && ld.author.length > 0);
  for (const a of ld.author)
    assert.ok(a.name && /^http:\/\/news\.test\//.test(a.url) && ['Person', 'Organization'].includes(a['@type']));
  assert.equal(ld.publisher['@type'], 'NewsMediaOrganization');
  assert.equal(ld.publisher.url, 'http://news.test/');
  assert.ok(ld.publisher.name);
  assert.equal(ld.publisher.logo['@type'], 'ImageObject');
  assert.match(ld.publisher.logo.url, /^http:\/\/news\.test\//);
  assert.equal(ld.inLanguage, 'en');
  assert.equal(ld.isAccessibleForFree, true);
  assert.equal(ld.commentCount, article.commentCount);
}

for (const dialect of dialects) {
  describe(`social cards and structured data on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    let editor: Awaited<ReturnType<typeof makeStaff>>;
    let article: Article;
    before(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t.deps, 'editor', 'Marta Quintero');
      await makeSection(t.deps, 'Harbour');
      article = await makeArticle(
        t.deps,
        {
          headline: 'Ferry Timetable Changes for Winter',
          section: 'Harbour',
          tags: ['Ferries', 'Tides'],
          commentStatus: 'open',
          excerpt: 'Two fewer crossings a day from December.',
          sourceCredit: 'Coastal Press Service',
        },
        editor,
      );
    });
    after(() => t.close());

    it('gives an article its full NewsArticle, Open Graph article card and X large image card', async () => {
      clock.advance(60_000);
      const comments = [];
      for (let i = 0; i < 7; i++) {
        clock.advance(60_000);
        comments.push(
          await postComment(t.deps, {
            slug: article.slug,
            name: `Reader ${i}`,
            email: `r${i}@example.org`,
            body: `Comment ${i}: </script><!-- sure`,
            ip: '127.0.0.1',
            userAgent: 't',
          }),
        );
      }
      const held = await postComment(t.deps, {
        slug: article.slug,
        name: 'Linker',
        email: 'l@example.org',
        body: 'See http://a.example and http://b.example',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.equal(held.status, 'pending');
      clock.advance(60_000);
      await recordArticleUpdate(t.deps, {
        staff: editor,
        articleId: article.id,
        kind: 'correction',
        note: 'An earlier version gave the wrong date.',
      });
      article = { ...article, commentCount: 7 };
      const { ld, meta } = await page(t, `/articles/${article.slug}`);
      assert.equal(ld.length, 1);
      const data = ld[0];
      assertNewsArticle(data, article);
      assert.equal(data.headline, article.headline);
      assert.equal(data.description, 'Two fewer crossings a day from December.');
      assert.deepEqual(data.image, [
        {
          '@type': 'ImageObject',
          url: 'http://news.test/media/test/ferry.jpg',
          width: 1200,
          height: 675,
          caption: 'The ferry at dusk. File photo',
          creditText: 'Ledger photo',
        },
      ]);
      assert.deepEqual(data.author, [
        { '@type': 'Person', name: 'Marta Quintero', url: 'http://news.test/authors/marta-quintero' },
      ]);
      assert.equal(data.articleSection, 'Harbour');
      assert.deepEqual(data.keywords, ['Ferries', 'Tides']);
      assert.deepEqual(data.sourceOrganization, { '@type': 'Organization', name: 'Coastal Press Service' });
      assert.equal(data.dateline, 'ALDER BAY');
      assert.equal(data.datePublished, article.publishedAt!.toISOString());
      assert.equal(data.dateModified, clock.now().toISOString(), 'the correction moved dateModified');
      assert.deepEqual(
        data.comment.map((c: any) => c.author.name),
        ['Reader 0', 'Reader 1', 'Reader 2', 'Reader 3', 'Reader 4'],
        'the first five approved comments',
      );
      assert.deepEqual(Object.keys(data.comment[0]).sort(), ['@type', 'author', 'datePublished', 'text', 'url']);
      assert.equal(data.comment[0].text, 'Comment 0: </script><!-- sure', 'the text survives the escaping exactly');
      assert.equal(data.comment[0].datePublished, comments[0].createdAt.toISOString());
      assert.deepEqual(data.correction, [
        {
          '@type': 'CorrectionComment',
          text: 'An earlier version gave the wrong date.',
          datePublished: clock.now().toISOString(),
        },
      ]);

      assert.equal(one(meta, 'og:type'), 'article');
      assert.equal(one(meta, 'og:title'), article.headline);
      assert.equal(one(meta, 'og:description'), 'Two fewer crossings a day from December.');
      assert.equal(one(meta, 'og:url'), `http://news.test/articles/${article.slug}`);
      assert.equal(one(meta, 'og:site_name'), 'Dateline');
      assert.equal(one(meta, 'og:image'), 'http://news.test/media/test/ferry.jpg');
      assert.equal(one(meta, 'og:image:width'), '1200');
      assert.equal(one(meta, 'og:image:height'), '675');
      assert.equal(one(meta, 'og:image:alt'), 'A ferry at a dock');
      assert.equal(one(meta, 'article:published_time'), article.publishedAt!.toISOString());
      assert.equal(one(meta, 'article:modified_time'), clock.now().toISOString());
      assert.equal(one(meta, 'article:section'), 'Harbour');
      assert.deepEqual(meta.get('article:tag'), ['Ferries', 'Tides']);
      assert.deepEqual(meta.get('article:author'), ['http://news.test/authors/marta-quintero']);
      assert.equal(one(meta, 'twitter:card'), 'summary_large_image');
      assert.equal(one(meta, 'twitter:image'), 'http://news.test/media/test/ferry.jpg');
      assert.equal(one(meta, 'twitter:title'), article.headline);
    });

    it('cuts a long headline to 110 characters for Google, and keeps hostile text exact inside the JSON-LD', async () => {
      const long = await makeArticle(
        t.deps,
        { headline: `${'A very long headline about the harbour '.repeat(6).trim()}.` },
        editor,
      );
      const { ld } = await page(t, `/articles/${long.slug}`);
      assert.ok(ld[0].headline.length <= 110 && ld[0].headline.endsWith('…'), ld[0].headline);
      for (const text of HOSTILE_STRINGS.filter((s) => typeable(s, 1000))) {
        const hostile = await makeArticle(
          t.deps,
          { headline: text.slice(0, 100).trim() || 'Blank', excerpt: text, tags: [], sourceCredit: text.slice(0, 120) },
          editor,
        );
        const { ld: data } = await page(t, `/articles/${encodeURIComponent(hostile.slug)}`);
        assertNewsArticle(data[0], hostile);
        assert.equal(data[0].headline, hostile.headline);
        assert.equal(data[0].description, hostile.excerpt);
        assert.equal(data[0].sourceOrganization.name, hostile.sourceCredit);
      }
    });

    it('falls back to the card image, then the logo, for an article without a photo; and says so to X', async () => {
      const bare = await makeArticle(t.deps, { headline: 'No Picture Today', featuredImage: null }, editor);
      let { meta, ld } = await page(t, `/articles/${bare.slug}`);
      assert.equal(meta.get('og:image'), undefined);
      assert.equal(one(meta, 'twitter:card'), 'summary', 'no picture: the small card');
      assert.equal(ld[0].image, undefined);
      assert.match(
        ld[0].publisher.logo.url,
        /^http:\/\/news\.test\/assets\/icon\.svg/,
        'the site icon stands in for a logo',
      );
      await updateSettings(t.deps, {
        logo: { url: '/media/uploads/logo.png', width: 600, height: 120, alt: 'Dateline logo' },
      });
      ({ meta, ld } = await page(t, `/articles/${bare.slug}`));
      assert.equal(one(meta, 'og:image'), 'http://news.test/media/uploads/logo.png');
      assert.deepEqual(ld[0].publisher.logo, {
        '@type': 'ImageObject',
        url: 'http://news.test/media/uploads/logo.png',
        width: 600,
        height: 120,
      });
      await updateSettings(t.deps, {
        cardImage: { url: '/media/uploads/card.jpg', width: 1200, height: 630, alt: 'The harbour at dawn' },
      });
      ({ meta, ld } = await page(t, `/articles/${bare.slug}`));
      assert.equal(one(meta, 'og:image'), 'http://news.test/media/uploads/card.jpg');
      assert.equal(one(meta, 'og:image:alt'), 'The harbour at dawn');
      assert.equal(one(meta, 'twitter:card'), 'summary_large_image');
      assert.deepEqual(ld[0].image, [
        { '@type': 'ImageObject', url: 'http://news.test/media/uploads/card.jpg', width: 1200, height: 630 },
      ]);
    });

    it('gives the front page, sections, tags, authors and the corrections a website card and their own JSON-LD', async () => {
      const home = await page(t, '/');
      const graph = home.ld[0]['@graph'];
      const site = graph.find((g: any) => g['@type'] === 'WebSite');
      const org = graph.find((g: any) => g['@type'] === 'NewsMediaOrganization');
      assert.equal(site.url, 'http://news.test/');
      assert.equal(site.name, 'Dateline');
      assert.deepEqual(site.publisher, { '@id': org['@id'] });
      assert.equal(org.url, 'http://news.test/');
      assert.ok(org.logo.url);
      assert.equal(org.correctionsPolicy, 'http://news.test/corrections');
      for (const [url, type, name] of [
        ['/sections/harbour', 'CollectionPage', 'Harbour'],
        ['/tags/ferries', 'CollectionPage', 'Tagged “Ferries”'],
        ['/authors/marta-quintero', 'ProfilePage', 'Marta Quintero'],
        ['/corrections', 'CollectionPage', 'Corrections'],
      ]) {
        const { ld, meta } = await page(t, url);
        assert.equal(ld.length, 1, url);
        assert.equal(ld[0]['@type'], type, url);
        assert.equal(ld[0].url, `http://news.test${url}`);
        assert.equal(ld[0].name, name);
        assert.equal(ld[0].isPartOf['@type'], 'WebSite');
        if (type === 'ProfilePage')
          assert.deepEqual(
            [ld[0].mainEntity['@type'], ld[0].mainEntity.name, ld[0].mainEntity.url],
            ['Person', name, `http://news.test${url}`],
          );
        assert.equal(one(meta, 'og:type'), 'website', url);
        assert.equal(one(meta, 'og:url'), `http://news.test${url}`);
        assert.equal(one(meta, 'og:image'), 'http://news.test/media/uploads/card.jpg', `${url}: the site's card image`);
        assert.ok(one(meta, 'og:title').includes('Dateline'));
      }
    });

    it('keeps a private preview out of the structured data', async () => {
      const draft = await makeArticle(t.deps, { headline: 'Not Yet', status: 'draft' }, editor);
      const link = await createPreviewLink(t.deps, { staff: editor, id: draft.id });
      const { ld } = await page(t, link.path);
      assert.deepEqual(ld, []);
    });

    it('leaves dateModified alone when a comment is approved', async () => {
      const before = (await page(t, `/articles/${article.slug}`)).ld[0];
      clock.advance(3_600_000);
      const c = await postComment(t.deps, {
        slug: article.slug,
        name: 'Late Reader',
        email: 'late@example.org',
        body: 'http://x.example http://y.example',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      await moderateComment(t.deps, { staff: editor, id: c.id, status: 'approved' });
      const after = (await page(t, `/articles/${article.slug}`)).ld[0];
      assert.equal(after.commentCount, before.commentCount + 1);
      assert.equal(after.dateModified, before.dateModified);
    });
  });
}
