// Each language's edition of the reader site: the default's at the root, each other site language's under /{lang}/,
// listing only that language's articles (those with no language count as the default's), in its own words and feeds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`language editions on ${dialect}`, () => {
    let t: TestApp;
    let section: { slug: string; name: string };
    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { language: 'en', languages: ['en', 'es'] });
      section = await makeSection(t.deps, 'Harbour');
      await makeArticle(t.deps, { headline: 'Ferry fares rise', section: section.name });
      const english = await makeArticle(t.deps, { headline: 'Quay reopens', section: section.name });
      const spanish = await makeArticle(t.deps, { headline: 'Suben las tarifas del ferry', section: section.name });
      // The article's language is the editor's to set (another branch); here it is written as the column holds it.
      await t.deps.db.updateTable('articles').set({ language: 'en' }).where('id', '=', english.id).execute();
      await t.deps.db.updateTable('articles').set({ language: 'es' }).where('id', '=', spanish.id).execute();
      // A correction and a reader's comment on each language's story.
      const editor = await makeStaff(t.deps, 'editor');
      for (const [article, note, body] of [
        [english, 'An earlier version gave the wrong reopening date.', 'Good to have the quay back.'],
        [spanish, 'Una versión anterior daba mal la fecha de la subida.', 'Otra subida más este año.'],
      ] as const) {
        await recordArticleUpdate(t.deps, { staff: editor, articleId: article.id, kind: 'correction', note });
        const comment = await postComment(t.deps, {
          slug: article.slug,
          name: 'Reader',
          email: `reader-${article.id}@example.org`,
          body,
          ip: '198.51.100.9',
          userAgent: 'test',
        });
        assert.equal(comment.status, 'approved');
      }
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ url });

    it('shows the default language at / (articles with no language count as it) and Spanish alone at /es/', async () => {
      const home = await get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<html lang="en">/);
      assert.match(home.body, /Ferry fares rise/);
      assert.match(home.body, /Quay reopens/);
      assert.doesNotMatch(home.body, /Suben las tarifas/);
      const es = await get('/es/');
      assert.equal(es.statusCode, 200);
      assert.match(es.body, /<html lang="es">/);
      assert.match(es.body, /Suben las tarifas del ferry/);
      assert.doesNotMatch(es.body, /Ferry fares rise|Quay reopens/);
      assert.match(es.body, /Ir al contenido/, "the edition's own words");
      assert.match(es.body, /<link rel="canonical" href="[^"]*\/es\/"/);
    });

    it('offers the other editions in the masthead, each link in its own language', async () => {
      assert.match((await get('/')).body, /<a href="\/es\/" hreflang="es" lang="es">Español<\/a>/);
      const es = (await get('/es/')).body;
      assert.match(es, /<a href="\/" hreflang="en" lang="en">English<\/a>/);
      assert.match(es, new RegExp(`href="/es/sections/${section.slug}"`), "the sections of the edition's own");
      assert.match(es, /action="\/es\/search"/);
    });

    it("lists a section's articles of the page's language", async () => {
      const en = await get(`/sections/${section.slug}`);
      assert.match(en.body, /Quay reopens/);
      assert.doesNotMatch(en.body, /Suben las tarifas/);
      const es = await get(`/es/sections/${section.slug}`);
      assert.equal(es.statusCode, 200);
      assert.match(es.body, /<html lang="es">/);
      assert.match(es.body, /Suben las tarifas del ferry/);
      assert.doesNotMatch(es.body, /Quay reopens|Ferry fares rise/);
      assert.equal((await get('/es/sections/no-such-section')).statusCode, 404);
    });

    it('keeps each language its own feeds, saying their language', async () => {
      const en = await get('/rss.xml');
      assert.match(en.body, /<language>en<\/language>/);
      assert.match(en.body, /Quay reopens/);
      assert.doesNotMatch(en.body, /Suben las tarifas/);
      const es = await get('/es/rss.xml');
      assert.equal(es.statusCode, 200);
      assert.match(es.body, /<language>es<\/language>/);
      assert.match(es.body, /Suben las tarifas del ferry/);
      assert.doesNotMatch(es.body, /Quay reopens/);
      assert.match(es.body, /\/es\/rss\.xml/, 'the feed names its own address');
      const atom = await get(`/es/sections/${section.slug}/atom.xml`);
      assert.equal(atom.statusCode, 200);
      assert.match(atom.body, /<link rel="self" href="[^"]*\/es\/sections\/harbour\/atom\.xml"\/>/);
      assert.match(atom.body, /Suben las tarifas del ferry/);
      assert.doesNotMatch(atom.body, /Quay reopens/);
      assert.match((await get('/es/')).body, /href="\/es\/rss\.xml"/, 'the page names its edition’s feed');
    });

    it("keeps each edition's corrections and discussion feed, and an article's discussion feed in its language", async () => {
      const es = await get('/es/corrections');
      assert.equal(es.statusCode, 200);
      assert.match(es.body, /<html lang="es">/);
      assert.match(es.body, /Una versión anterior daba mal la fecha/);
      assert.doesNotMatch(es.body, /wrong reopening date/);
      assert.match(es.body, /<link rel="canonical" href="[^"]*\/es\/corrections"/);
      const en = await get('/corrections');
      assert.match(en.body, /wrong reopening date/);
      assert.doesNotMatch(en.body, /Una versión anterior/);

      const esComments = await get('/es/comments/rss.xml');
      assert.equal(esComments.statusCode, 200);
      assert.match(esComments.body, /<language>es<\/language>/);
      assert.match(esComments.body, /Otra subida más/);
      assert.doesNotMatch(esComments.body, /quay back/);
      const enComments = await get('/comments/atom.xml');
      assert.match(enComments.body, /quay back/);
      assert.doesNotMatch(enComments.body, /Otra subida/);

      const slug = /href="\/articles\/([^"#?]+)"/.exec((await get('/es/')).body)![1];
      const articleFeed = await get(`/articles/${slug}/comments/rss.xml`);
      assert.equal(articleFeed.statusCode, 200);
      assert.match(articleFeed.body, /<language>es<\/language>/);
      assert.match(articleFeed.body, /Otra subida más/);
    });

    it("answers a missing page under an edition in the edition's language, offering its own stories", async () => {
      const es = await get('/es/no-such-page');
      assert.equal(es.statusCode, 404);
      assert.match(es.body, /<html lang="es">/);
      assert.match(es.body, /Suben las tarifas del ferry/);
      assert.doesNotMatch(es.body, /Quay reopens|Ferry fares rise/);
      const en = await get('/no-such-page');
      assert.equal(en.statusCode, 404);
      assert.match(en.body, /<html lang="en">/);
      assert.doesNotMatch(en.body, /Suben las tarifas/);
    });

    it('answers 404 for a language the site does not offer, and moves the default named in the address to the root', async () => {
      for (const url of ['/fr/', '/fr/sections/harbour', '/de/rss.xml', '/es-mx/archive']) {
        assert.equal((await get(url)).statusCode, 404, url);
      }
      const en = await get(`/en/sections/${section.slug}?page=1`);
      assert.equal(en.statusCode, 301);
      assert.equal(en.headers.location, `/sections/${section.slug}?page=1`);
    });

    it("searches the page's edition only", async () => {
      const es = await get('/es/search?q=ferry');
      assert.equal(es.statusCode, 200);
      assert.match(es.body, /<html lang="es">/);
      assert.match(es.body, /tarifas del/);
      assert.doesNotMatch(es.body, /Ferry fares rise/);
      const en = await get('/search?q=ferry');
      assert.match(en.body, /fares rise/);
      assert.doesNotMatch(en.body, /Suben las tarifas/);
    });

    it('keeps the archive of each edition apart, and caches the editions apart', async () => {
      const month = '/archive/2026/11';
      const es = await get(`/es${month}`);
      const en = await get(month);
      if (es.statusCode === 200) assert.doesNotMatch(es.body, /Quay reopens/);
      if (en.statusCode === 200) assert.doesNotMatch(en.body, /Suben las tarifas/);
      assert.match((await get('/es/archive')).body, /<html lang="es">/);
      // Second reads come from the page cache, each edition its own.
      assert.match((await get('/es/')).body, /Suben las tarifas/);
      assert.doesNotMatch((await get('/')).body, /Suben las tarifas/);
    });
  });
}
