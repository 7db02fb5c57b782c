// The site's languages: chosen at the desk and through the API, each with a catalogue, the default among them.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { getSiteLanguages, updateSettings } from '../../src/modules/settings/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const dialect of dialects) {
  describe(`the site's languages on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, { language: 'en', languages: ['en'] }));

    const patch = async (body: unknown) => {
      const admin = await makeStaff(t.deps, 'admin');
      return t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: bearer(admin.token),
        payload: body as object,
      });
    };

    it('follows the one language of a site that never chose several', async () => {
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'en', all: ['en'] });
      await updateSettings(t.deps, { language: 'es' });
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'es', all: ['es'] });
    });

    it('takes languages through the API, the default first, tags written as BCP 47 writes them', async () => {
      const res = await patch({ languages: ['ES', 'en'] });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().languages, ['en', 'es']);
      const admin = await makeStaff(t.deps, 'admin');
      const read = await t.app.inject({ url: '/api/settings', headers: bearer(admin.token) });
      assert.deepEqual(read.json().languages, ['en', 'es']);
      assert.equal(read.json().language, 'en');
      // A tag a broader catalogue answers is offered (es-CU speaks Spanish).
      assert.deepEqual((await patch({ languages: ['en', 'es-cu'] })).json().languages, ['en', 'es-CU']);
    });

    it('refuses a language without a catalogue, a default it does not offer, and none at all, with 422 and what to fix', async () => {
      const noCatalogue = await patch({ languages: ['en', 'fr'] });
      assert.equal(noCatalogue.statusCode, 422);
      assert.equal(noCatalogue.json().error.code, 'language_without_catalogue');
      assert.match(noCatalogue.json().error.message, /There is no catalogue for fr: add src\/locales\/fr\.json/);
      const notOffered = await patch({ language: 'en', languages: ['es'] });
      assert.equal(notOffered.statusCode, 422);
      assert.equal(notOffered.json().error.code, 'default_language_not_offered');
      // The refusal names each language as well as its tag, in the asker's language when it asks for one.
      assert.match(
        notOffered.json().error.message,
        /^The default language, English \(en\), must be one of the site's languages/,
      );
      const inSpanish = await t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: { ...bearer((await makeStaff(t.deps, 'admin')).token), 'accept-language': 'es' },
        payload: { language: 'en', languages: ['es'] },
      });
      assert.match(
        inSpanish.json().error.message,
        /^El idioma predeterminado, inglés \(en\), debe ser uno de los idiomas/,
      );
      assert.equal((await patch({ languages: ['not a tag'] })).json().error.code, 'invalid_language');
      assert.equal((await patch({ languages: [] })).statusCode, 400, 'the schema asks for one at least');
      await assert.rejects(updateSettings(t.deps, { languages: [] }), /at least one language/);
      const defaultWithout = await patch({ language: 'fr' });
      assert.equal(defaultWithout.json().error.code, 'language_without_catalogue');
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'en', all: ['en'] }, 'nothing half-written');
      // A site of several languages must offer a new default before choosing it.
      await updateSettings(t.deps, { languages: ['en', 'es'] });
      await assert.rejects(updateSettings(t.deps, { language: 'es-CU' }), /must be one of the site's languages/);
      await updateSettings(t.deps, { language: 'es' });
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'es', all: ['es', 'en'] });
    });

    it('offers a box for each catalogue at the desk, and saves the ticked ones with the default', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const page = await t.app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
      assert.match(page.body, /<legend>Languages of the site<\/legend>/);
      assert.match(page.body, /<input type="checkbox" name="languages" value="es"\/> <span lang="es">Español<\/span>/);
      const fields = { name: 'Dateline', description: 'News', language: 'en', timeZone: 'UTC', languagesShown: '1' };
      const saved = await deskPost(t.app, admin, '/admin/settings', { ...fields, languages: ['es'] });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'en', all: ['en', 'es'] });
      const none = await deskPost(t.app, admin, '/admin/settings', fields);
      assert.equal(none.statusCode, 303);
      assert.deepEqual(await getSiteLanguages(t.deps), { default: 'en', all: ['en'] }, 'unticked: the default alone');
      const refused = await deskPost(t.app, admin, '/admin/settings', { ...fields, languages: ['fr'] });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /There is no catalogue for fr/);
      assert.match(refused.body, /<fieldset id="languages" aria-invalid="true"/);
    });
  });
}
