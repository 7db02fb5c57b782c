// A wire story runs without a staff byline: "By dpa" from its source credit, on pages, lists, feeds, JSON-LD and the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every JSON-LD block of a page. */
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));

for (const dialect of dialects) {
  describe(`wire stories on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('the API publishes one with no staff author: its byline reads from the credit everywhere', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const post = (payload: object) =>
        t.app.inject({ method: 'POST', url: '/api/articles', headers: bearer(editor.token), payload });
      const none = await post({ headline: 'Nobody Signs This', body: 'Text.', authors: [], status: 'published' });
      assert.equal(none.statusCode, 422);
      assert.equal(none.json().error.code, 'authors_required');
      const res = await post({
        headline: 'Harbour Strike Ends After Talks',
        body: 'The strike ended on Monday, reports dpa.',
        sourceCredit: 'dpa',
        authors: [],
        status: 'published',
      });
      assert.equal(res.statusCode, 201, res.body);
      const json = res.json();
      assert.deepEqual(json.authors, []);
      assert.equal(json.byline, 'By dpa');
      assert.equal((await t.app.inject({ url: `/api/articles/${json.slug}` })).json().byline, 'By dpa');

      const page = (await t.app.inject({ url: `/articles/${json.slug}` })).body;
      assert.match(page, /<span class="byline">By dpa<\/span>/);
      const article = jsonLd(page)
        .flatMap((d) => d['@graph'] ?? [d])
        .find((d) => d['@type'] === 'NewsArticle');
      assert.deepEqual(article?.author, [{ '@type': 'Organization', name: 'dpa' }]);
      assert.match(
        (await t.app.inject({ url: '/' })).body,
        /<span class="byline">By dpa<\/span>/,
        'the front page list',
      );
      assert.match((await t.app.inject({ url: '/rss.xml' })).body, /<dc:creator>dpa<\/dc:creator>/);
      assert.match((await t.app.inject({ url: '/atom.xml' })).body, /<author>\s*<name>dpa<\/name>\s*<\/author>/);

      const stripped = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${json.id}`,
        headers: bearer(editor.token),
        payload: { version: json.version, sourceCredit: '' },
      });
      assert.equal(stripped.statusCode, 422);
      assert.equal(stripped.json().error.code, 'source_credit_required');
    });

    it('the desk saves one with no author ticked; an author may not drop themselves', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await deskPost(t.app, editor, '/admin/articles', {
        headline: 'Ferry Fares Rise Across The Region',
        body: 'Fares rise in January.',
        sourceCredit: 'Coastal Press Service',
        commentStatus: 'default',
        action: 'publish',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      const list = await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } });
      assert.match(list.body, /Ferry Fares Rise Across The Region[\s\S]*?<td>Coastal Press Service<\/td>/);
      const author = await makeStaff(t.deps, 'author');
      const own = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(author.token),
        payload: { headline: 'Mine', body: 'Text.', sourceCredit: 'dpa', authors: [] },
      });
      assert.equal(own.statusCode, 422);
      assert.equal(own.json().error.code, 'must_include_self');
    });
  });
}
