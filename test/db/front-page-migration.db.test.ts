// The front page's arrangement replaces the pin: the migration turns pinned articles into the first top stories,
// newest pin leading as before, leaves trashed pins off, and its down step gives the pins back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import { listPublicArticles } from '../../src/modules/articles/index.ts';
import * as frontPage from '../../src/platform/db/migrations/2026-12-03-front-page.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the front page migration on ${dialect}`, () => {
    let deps: Deps;
    useTestDeps(dialect, {}, (made) => ({ deps } = made));

    it('places pinned articles newest first, before the rest, and gives the pins back on the way down', async () => {
      const db = deps.db as unknown as Kysely<any>;
      const old = await makeArticle(deps, { headline: 'Old Pinned Story', publishAt: '2026-01-01T08:00:00.000Z' });
      const recent = await makeArticle(deps, {
        headline: 'Recent Pinned Story',
        publishAt: '2026-02-01T08:00:00.000Z',
      });
      const trashed = await makeArticle(deps, {
        headline: 'Trashed Pinned Story',
        publishAt: '2026-02-15T08:00:00.000Z',
      });
      await makeArticle(deps, { headline: 'Newest Unpinned Story', publishAt: '2026-03-01T08:00:00.000Z' });
      // The site as it was before the migration: pins on the articles themselves.
      await frontPage.down(db);
      await db.updateTable('articles').set({ sticky: 1 }).where('id', 'in', [old.id, recent.id, trashed.id]).execute();
      await db.updateTable('articles').set({ status: 'trash' }).where('id', '=', trashed.id).execute();
      await frontPage.up(db);

      const placed = await deps.db
        .selectFrom('front_page_slots')
        .select(['article_id', 'position'])
        .orderBy('position')
        .execute();
      assert.deepEqual(
        placed.map((p) => [p.article_id, Number(p.position)]),
        [
          [recent.id, 0],
          [old.id, 1],
        ],
      );
      const front = await listPublicArticles(deps, { page: 1, limit: 10 });
      assert.deepEqual(
        front.articles.map((a) => [a.headline, a.pinned]),
        [
          ['Recent Pinned Story', true],
          ['Old Pinned Story', true],
          ['Newest Unpinned Story', false],
        ],
      );

      await frontPage.down(db);
      const pins = await db
        .selectFrom('articles')
        .select(['id', 'sticky'])
        .where('sticky', '=', 1)
        .orderBy('id')
        .execute();
      assert.deepEqual(pins.map((p: { id: string }) => p.id).sort(), [old.id, recent.id].sort());
      await frontPage.up(db);
    });
  });
}
