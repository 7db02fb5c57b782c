// A search for a word in every article, with a "to" date before the newest 10,000 articles: what each engine finds
// and what it tells the reader. SQLite reads the newest matches of the words first (bounded), so the date leaves it
// nothing, and it says that only more specific words reach further back; PostgreSQL walks the articles before the
// date and finds them. Built with the scale bench's bulk loader: 11,000 articles, each with "town" in its body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadArticles, seedTerms } from '../../bench/scale-load.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

const ARTICLES = 11_000;
// One article every 15 minutes back from the newest: 10,000 of them span 104 days, so before 2 August 2026 there
// are only older ones (about 500).
const NEWEST = '2026-11-19T00:00:00.000Z';
const TO = '2026-08-01';
const WORDS_SENTENCE =
  'Only the newest articles with these words were searched: add a more specific word to look further back.';

for (const dialect of dialects) {
  describe(`a search past its bound on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-20T10:00:00Z')) });
      await seedTerms(t.deps.db);
      await loadArticles(t.deps.db, t.deps.dialect, { from: 0, to: ARTICLES, newest: NEWEST });
    });
    after(() => t.close());

    it('says which change reaches older articles, where any went unsearched', async () => {
      const api = await t.app.inject({ url: `/api/search?q=town&to=${TO}&sort=newest` });
      assert.equal(api.statusCode, 200, api.body);
      const json = api.json() as { total: number; more: boolean; olderUnsearched: string | null };
      const page = await t.app.inject({ url: `/search?q=town&to=${TO}` });
      assert.equal(page.statusCode, 200);
      if (dialect === 'sqlite') {
        assert.deepEqual(
          { total: json.total, olderUnsearched: json.olderUnsearched },
          { total: 0, olderUnsearched: 'words' },
        );
        assert.ok(page.body.includes(WORDS_SENTENCE), 'the page says what reaches further back');
      } else {
        assert.deepEqual(
          { total: json.total, more: json.more, olderUnsearched: json.olderUnsearched },
          { total: 500, more: true, olderUnsearched: null },
        );
        assert.ok(!page.body.includes(WORDS_SENTENCE));
      }
      // Without the date the newest articles match, and nothing is said of older ones on either engine.
      const recent = (await t.app.inject({ url: '/api/search?q=town' })).json() as {
        more: boolean;
        olderUnsearched: string | null;
      };
      assert.deepEqual(recent, { ...recent, more: true, olderUnsearched: null });
    });
  });
}
