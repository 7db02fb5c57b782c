// Search stems each article in its own language (issue 13): a Spanish article is found by an inflected Spanish word
// on the Spanish edition's search, an English one as before; on PostgreSQL each document keeps its language's text
// search configuration.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Article } from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`search in each article's language on ${dialect}`, () => {
    let t: TestApp;
    const made: Record<string, Article> = {};
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-20T10:00:00Z')) });
      await updateSettings(t.deps, { language: 'en', languages: ['en', 'es'] });
      const editor = await makeStaff(t.deps, 'editor', 'Ines Ortega');
      made.spanish = await makeArticle(
        t.deps,
        {
          headline: 'Cierran el puerto por la tormenta',
          body: 'La capitanía nacional ordenó el cierre del muelle.',
          language: 'es',
        },
        editor,
      );
      made.english = await makeArticle(
        t.deps,
        { headline: 'Lighthouse keeper retires', body: 'The harbour board thanked him.' },
        editor,
      );
    });
    after(() => t.close());

    const results = async (url: string) => {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      return res.body;
    };

    it('finds a Spanish article by an inflected Spanish word on /es/search', async () => {
      const body = await results('/es/search?q=puertos');
      assert.match(body, /<html lang="es"/);
      assert.match(body, /<mark>puerto<\/mark>/);
      assert.doesNotMatch(body, /Lighthouse keeper/);
      assert.doesNotMatch(await results('/search?q=puertos'), /Cierran el puerto/, "the English edition's search");
    });

    it('keeps English stemming for English articles', async () => {
      const body = await results('/search?q=retired');
      assert.match(body, /Lighthouse keeper <mark>retires<\/mark>/);
      assert.doesNotMatch(body, /Cierran el puerto/);
    });

    it('searches every language through the API, each by its own stemming', async () => {
      const found = (await t.app.inject({ url: '/api/search?q=puertos' })).json();
      assert.equal(found.total, 1);
      assert.equal((await t.app.inject({ url: '/api/search?q=retired' })).json().total, 1);
    });

    if (dialect === 'postgres')
      it("stems each document with its article's language: Spanish rules, not English ones", async () => {
        // The column is PostgreSQL's alone, so the table's type does not name it.
        const { rows } = await sql<{
          article_id: string;
          config: string;
        }>`select article_id, config::text as config from search_documents`.execute(t.deps.db);
        const byArticle = new Map(rows.map((c) => [c.article_id, c.config]));
        assert.equal(byArticle.get(made.spanish.id), 'dateline_spanish');
        assert.equal(byArticle.get(made.english.id), 'dateline_english', 'no language: the site default');
        // English rules stem "nacional" to "nacion" but "nacionales" to "nacional"; Spanish ones both to "nacional".
        assert.match(await results('/es/search?q=nacionales'), /Cierran el puerto/);
      });
  });
}
