// Why a comment waits, in each moderator's desk language: the reasons are written from the catalogue with the values
// stored beside the rule, the API gives the code, the values and the sentence, and a row from before keeps its words.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`moderation reasons in the desk's language on ${dialect}`, () => {
    let t: TestApp;
    let spanish: DeskUser;
    let english: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      spanish = await makeDeskUser(t.app, t.deps, 'moderator', 'Marta');
      english = await makeDeskUser(t.app, t.deps, 'moderator', 'Mona');
      assert.equal((await deskPost(t.app, spanish, '/admin/account/language', { language: 'es' })).statusCode, 303);
      await updateSettings(t.deps, { ...relaxedModeration, moderationLinkLimit: 2, moderationWords: ['oferta'] });
    });
    after(() => t.close());

    const pending = async (who: DeskUser) => {
      const res = await t.app.inject({ url: '/admin/moderation?queue=pending', headers: { cookie: who.cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    };

    it("shows a held comment's reasons in Spanish to a Spanish desk and in English to an English one", async () => {
      const a = await makeArticle(t.deps);
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: '198.51.100.20',
        payload: {
          name: 'Lector',
          email: 'lector@example.org',
          body: 'Gran oferta: https://a.example y https://b.example',
        },
      });
      assert.equal(posted.statusCode, 201, posted.body);
      assert.equal(posted.json().status, 'pending');

      const es = await pending(spanish);
      assert.match(es, /Tiene 2 enlaces; los comentarios con 2 o más esperan a un moderador\./);
      assert.match(es, /Contiene «oferta», de la lista de moderación\./);
      assert.doesNotMatch(es, /wait for a moderator|on the moderation list/);

      const en = await pending(english);
      assert.match(en, /Has 2 links; comments with 2 or more wait for a moderator\./);
      assert.match(en, /Contains (&quot;|")oferta(&quot;|"), on the moderation list\./);
      assert.doesNotMatch(en, /Tiene 2 enlaces/);
    });

    it('gives the API the code, the values and the sentence in the language asked for, else the site’s', async () => {
      const a = await makeArticle(t.deps);
      const staff = await makeStaff(t.deps, 'moderator');
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: '198.51.100.21',
        payload: { name: 'Lector', email: 'otro@example.org', body: 'Una oferta' },
      });
      const id = posted.json().id as string;
      const read = (language?: string) =>
        t.app.inject({
          url: `/api/comments/${id}`,
          headers: { authorization: `Bearer ${staff.token}`, ...(language && { 'accept-language': language }) },
        });
      const inSpanish = await read('es-ES,es;q=0.9');
      assert.equal(inSpanish.statusCode, 200, inSpanish.body);
      assert.deepEqual(
        inSpanish.json().decisions.map((d: object) => ({ ...d, createdAt: undefined })),
        [
          {
            status: 'pending',
            rule: 'moderation_word',
            values: { word: 'oferta' },
            reason: 'Contiene «oferta», de la lista de moderación.',
            createdAt: undefined,
            staff: null,
          },
        ],
      );
      assert.equal((await read()).json().decisions[0].reason, 'Contains "oferta", on the moderation list.');
    });

    it('keeps showing a decision stored before reasons had values as it was written', async () => {
      const a = await makeArticle(t.deps);
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: '198.51.100.22',
        payload: { name: 'Lector', email: 'viejo@example.org', body: 'Otra oferta' },
      });
      const id = posted.json().id as string;
      await t.deps.db.deleteFrom('comment_decisions').where('comment_id', '=', id).execute();
      await t.deps.db
        .insertInto('comment_decisions')
        .values({
          id: newId(),
          comment_id: id,
          status: 'pending',
          rule: 'moderation_word',
          reason: 'Contains "viejo", an old row.',
          reason_values: null,
          staff_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      assert.match(await pending(spanish), /Contains (&quot;|")viejo(&quot;|"), an old row\./);
    });
  });
}
