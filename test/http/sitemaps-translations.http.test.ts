// The sitemaps of a bilingual site: each article with published translations names every language's version with
// Google's <xhtml:link rel="alternate" hreflang> (itself included, x-default the site default's), read in one
// statement per file; an unpublished translation is never named; each edition's front page is listed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { linkTranslation, unlinkTranslation } from '../../src/modules/articles/translation.service.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { kid, kids, parseXml, type El } from '../support/feed-lint/xml-tree.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML = 'http://www.w3.org/1999/xhtml';

const page = (a: Pick<Article, 'slug'>) => `http://news.test/articles/${encodeURIComponent(a.slug)}`;
const entry = (root: El, loc: string) => kids(root, 'url', SITEMAP).find((u) => kid(u, 'loc', SITEMAP).text === loc);
/** An entry's alternates as "hreflang href", in order. */
const alternates = (u: El) =>
  kids(u, 'link', XHTML).map((l) => {
    assert.equal(l.attrs.rel, 'alternate');
    return `${l.attrs.hreflang} ${l.attrs.href}`;
  });

for (const dialect of dialects) {
  describe(`sitemaps of a bilingual site on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-10T08:00:00Z'));
    const made: Record<string, Article> = {};
    before(async () => {
      t = await createTestApp(dialect, { clock });
      await updateSettings(t.deps, { language: 'en', languages: ['en', 'es'] });
      const editor = await makeStaff(t.deps, 'editor', 'Marta Quintero');
      made.english = await makeArticle(t.deps, { headline: 'Ferry fares rise' }, editor);
      made.spanish = await makeArticle(t.deps, { headline: 'Suben las tarifas del ferry', language: 'es' }, editor);
      await linkTranslation(t.deps, { staff: editor, id: made.english.id, other: made.spanish.slug });
      made.alone = await makeArticle(t.deps, { headline: 'Quay reopens', language: 'en' }, editor);
      made.draft = await makeArticle(t.deps, { headline: 'Reabre el muelle', language: 'es', status: 'draft' }, editor);
      await linkTranslation(t.deps, { staff: editor, id: made.alone.id, other: made.draft.slug });
      made.plain = await makeArticle(t.deps, { headline: 'Tides turn' }, editor);
      clock.set(new Date('2026-11-12T08:00:00Z'));
    });
    after(() => t.close());

    it('names each published version of a translated article, itself included, with the xhtml namespace', async () => {
      const res = await t.app.inject({ url: '/sitemaps/articles-2026-11.xml' });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.match(res.body, /<urlset [^>]*xmlns:xhtml="http:\/\/www\.w3\.org\/1999\/xhtml"/);
      const root = parseXml(res.body);
      const both = [`en ${page(made.english)}`, `es ${page(made.spanish)}`, `x-default ${page(made.english)}`];
      assert.deepEqual(alternates(entry(root, page(made.english))!), both);
      assert.deepEqual(alternates(entry(root, page(made.spanish))!), both, 'the translation names the same versions');
      assert.deepEqual(alternates(entry(root, page(made.alone))!), [], 'a draft translation is not named');
      assert.deepEqual(alternates(entry(root, page(made.plain))!), []);
      assert.equal(entry(root, page(made.draft)), undefined);
    });

    it("names the translation once it is published, in the article's own file", async () => {
      await t.deps.db
        .updateTable('articles')
        .set({ status: 'published', published_at: '2026-11-11T08:00:00.000Z' })
        .where('id', '=', made.draft.id)
        .execute();
      await t.deps.pageCache.invalidate(['lists']);
      const root = parseXml((await t.app.inject({ url: '/sitemaps/articles-2026-11.xml' })).body);
      assert.deepEqual(alternates(entry(root, page(made.alone))!), [
        `en ${page(made.alone)}`,
        `es ${page(made.draft)}`,
        `x-default ${page(made.alone)}`,
      ]);
    });

    it('names translations linked after the sitemap was served, and forgets them when unlinked', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const english = await makeArticle(t.deps, { headline: 'Pier lights fixed', language: 'en' }, editor);
      const spanish = await makeArticle(t.deps, { headline: 'Arreglan las luces del muelle', language: 'es' }, editor);
      const file = async () =>
        entry(parseXml((await t.app.inject({ url: '/sitemaps/articles-2026-11.xml' })).body), page(english))!;
      assert.deepEqual(alternates(await file()), []);
      await linkTranslation(t.deps, { staff: editor, id: spanish.id, other: english.slug });
      assert.deepEqual(alternates(await file()), [
        `en ${page(english)}`,
        `es ${page(spanish)}`,
        `x-default ${page(english)}`,
      ]);
      await unlinkTranslation(t.deps, { staff: editor, id: english.id, translationId: spanish.id });
      assert.deepEqual(alternates(await file()), []);
    });

    it("lists every edition's front page", async () => {
      const res = await t.app.inject({ url: '/sitemaps/lists.xml' });
      assert.equal(res.statusCode, 200);
      const locs = kids(parseXml(res.body), 'url', SITEMAP).map((u) => kid(u, 'loc', SITEMAP).text);
      assert.deepEqual(locs.slice(0, 3), ['http://news.test/', 'http://news.test/es/', 'http://news.test/corrections']);
      assert.equal((await t.app.inject({ url: '/es/' })).statusCode, 200, 'the listed edition is there');
    });
  });
}
