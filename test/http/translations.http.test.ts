// Articles in a language of their own, linked to their translations: the language through the API and the editor,
// the page and its discussion in the article's language on a site whose default is another, hreflang both ways,
// Translate carrying the photo, section, tags and authors over, and one article per language in a group.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`articles and their translations on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    let token: string;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      // An English site with a Spanish edition: the languages articles may be written in.
      await updateSettings(t.deps, { languages: ['en', 'es'] });
      editor = await makeDeskUser(t.app, t.deps, 'editor');
      token = (await makeStaff(t.deps, 'editor')).token;
    });
    after(() => t.close());

    const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

    it('takes a language the site offers through the API, and refuses another with a clear 422', async () => {
      const ok = await api('POST', '/api/articles', {
        headline: 'Marea alta en el muelle',
        body: 'El agua subió.',
        language: 'es',
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().language, 'es');
      const plain = await api('POST', '/api/articles', { headline: 'High tide', body: 'Water rose.' });
      assert.equal(plain.json().language, 'en', 'no language follows the site default');
      const bad = await api('POST', '/api/articles', { headline: 'Marée', body: 'Eau.', language: 'fr' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /unsupported_language/);
      assert.match(bad.body, /Choose one of its languages: English \(en\), Spanish \(es\)\./);
      const patched = await api('PATCH', `/api/articles/${plain.json().id}`, { language: 'xx-nope' });
      assert.equal(patched.statusCode, 422);
    });

    it('shows a Spanish article and its discussion in Spanish on an English site, with lang on <html>', async () => {
      const article = await makeArticle(t.deps, { headline: 'Cierran el mercado del puerto', language: 'es' });
      const page = await t.app.inject({ url: `/articles/${article.slug}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="es"/);
      assert.match(page.body, /Deja un comentario|Responder|comentario/);
      assert.doesNotMatch(page.body, /Leave a comment/);
      const english = await makeArticle(t.deps, { headline: 'Harbour market closes' });
      const en = await t.app.inject({ url: `/articles/${english.slug}` });
      assert.match(en.body, /<html lang="en"/);
      assert.match(en.body, /Leave a (comment|Reply)/i);
    });

    it('Translate starts a draft in the other language with the photo, section, tags and authors, in one group', async () => {
      const section = await makeSection(t.deps, 'Puerto');
      const original = await makeArticle(t.deps, {
        headline: 'Ferry fares rise in spring',
        section: section.slug,
        tags: ['Ferries', 'Fares'],
        language: 'en',
      });
      const res = await deskPost(t.app, editor, `/admin/articles/${original.id}/translate`, { language: 'es' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const draftId = /\/admin\/articles\/([^/]+)\/edit/.exec(res.headers.location as string)![1];
      const row = await t.deps.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', draftId)
        .executeTakeFirstOrThrow();
      const source = await t.deps.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', original.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.language, 'es');
      assert.equal(row.status, 'draft');
      assert.ok(row.translation_group);
      assert.equal(row.translation_group, source.translation_group);
      assert.equal(row.image_url, '/media/test/ferry.jpg');
      assert.equal(row.image_caption, 'The ferry at dusk. File photo');
      assert.equal(row.image_credit, 'Ledger photo');
      assert.equal(row.image_alt, 'A ferry at a dock');
      assert.equal(row.section_id, section.id);
      const tags = await t.deps.db
        .selectFrom('article_tags')
        .select('tag_id')
        .where('article_id', '=', draftId)
        .execute();
      assert.equal(tags.length, 2);
      const authors = await t.deps.db
        .selectFrom('article_authors')
        .select('user_id')
        .where('article_id', '=', draftId)
        .execute();
      assert.deepEqual(
        authors.map((a) => a.user_id),
        original.authors.map((a) => a.id),
      );
      const editorPage = await t.app.inject({
        url: `/admin/articles/${draftId}/edit`,
        headers: { cookie: editor.cookie },
      });
      assert.match(editorPage.body, /<select id="language" name="language"/);
      assert.match(editorPage.body, /<label for="language">Language<\/label>/);

      // A second Spanish translation in the same group is refused.
      const again = await deskPost(t.app, editor, `/admin/articles/${original.id}/translate`, { language: 'es' });
      assert.equal(again.statusCode, 409);
      const other = await makeArticle(t.deps, { headline: 'Suben las tarifas', language: 'es' });
      const link = await deskPost(t.app, editor, `/admin/articles/${original.id}/translations`, {
        translation: `/articles/${other.slug}`,
      });
      assert.equal(link.statusCode, 409);
      assert.match(link.body, /one article per language/);
      const stillAlone = await t.deps.db
        .selectFrom('articles')
        .select('translation_group')
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow();
      assert.equal(stillAlone.translation_group, null, 'nothing was half-written');

      // Published, each links the other both ways, with the link text in the target language.
      const publish = await api('PATCH', `/api/articles/${draftId}`, {
        headline: 'Suben las tarifas del ferri',
        status: 'published',
      });
      assert.equal(publish.statusCode, 200, publish.body);
      const es = await t.app.inject({ url: `/articles/${publish.json().slug}` });
      const en = await t.app.inject({ url: `/articles/${original.slug}` });
      assert.match(es.body, /<html lang="es"/);
      assert.match(en.body, /<a href="\/articles\/[^"]+" lang="es" hreflang="es" rel="alternate">Leer en español<\/a>/);
      assert.match(es.body, /<a href="\/articles\/[^"]+" lang="en" hreflang="en" rel="alternate">Read in English<\/a>/);
      assert.match(en.body, /<link rel="alternate" hreflang="es" href="http[^"]+\/articles\/[^"]+"/);
      assert.match(es.body, /<link rel="alternate" hreflang="en" href="http[^"]+"/);
      assert.match(es.body, /<link rel="alternate" hreflang="x-default" href="http[^"]+"/);
      const json = await t.app.inject({ url: `/api/articles/${original.slug}` });
      assert.deepEqual(
        json.json().translations.map((x: { language: string }) => x.language),
        ['es'],
      );

      // Unlinking takes both out of the group.
      const unlink = await deskPost(t.app, editor, `/admin/articles/${original.id}/translations/${draftId}/unlink`, {});
      assert.equal(unlink.statusCode, 303);
      const after = await t.app.inject({ url: `/articles/${original.slug}` });
      assert.doesNotMatch(after.body, /Leer en español/);
      // And linking by address puts them back.
      const relink = await deskPost(t.app, editor, `/admin/articles/${original.id}/translations`, {
        translation: `/articles/${publish.json().slug}`,
      });
      assert.equal(relink.statusCode, 303, relink.body.slice(0, 300));
      assert.match((await t.app.inject({ url: `/articles/${original.slug}` })).body, /Leer en español/);
    });
  });
}
