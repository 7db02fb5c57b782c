// A query compiled once answers each run with that run's values, in their places among the query's own values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { byIds, compiledOnce } from '../../src/platform/db/compiled-once.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle } from '../support/newsroom.ts';

// A value of the query's own ('published') between two named ones, so a parameter put in the wrong place shows.
const bySlugAndStatus = compiledOnce((db, p: { slug: string; after: string }) =>
  db
    .selectFrom('articles')
    .select(['slug', 'headline'])
    .where('slug', '=', p.slug)
    .where('status', '=', 'published')
    .where('created_at', '>', p.after),
);

const headlinesOf = byIds((db, ids) =>
  db.selectFrom('articles').select(['id', 'headline']).where('id', 'in', ids).orderBy('headline'),
);

for (const dialect of dialects) {
  describe(`a query compiled once on ${dialect}`, () => {
    let deps: Deps;
    useTestDeps(dialect, {}, (made) => ({ deps } = made));

    it("runs with each call's values, as the query built anew would", async () => {
      const first = await makeArticle(deps, { headline: 'Ferry Timetable Changes' });
      const second = await makeArticle(deps, { headline: 'Harbour Wall Repairs' });
      const long = '1970-01-01T00:00:00.000Z';
      for (const a of [first, second, first]) {
        const built = await deps.db
          .selectFrom('articles')
          .select(['slug', 'headline'])
          .where('slug', '=', a.slug)
          .where('status', '=', 'published')
          .where('created_at', '>', long)
          .execute();
        assert.deepEqual(await bySlugAndStatus(deps.db, { slug: a.slug, after: long }), built);
        assert.equal(built[0]?.headline, a.headline);
      }
      assert.deepEqual(await bySlugAndStatus(deps.db, { slug: first.slug, after: '2999-01-01T00:00:00.000Z' }), []);
      // In a transaction (another Kysely object) it compiles for that object and sees its writes.
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('articles')
          .set({ headline: 'Ferry Timetable Restored' })
          .where('id', '=', first.id)
          .execute();
        const [row] = await bySlugAndStatus(trx, { slug: first.slug, after: long });
        assert.equal(row?.headline, 'Ferry Timetable Restored');
      });
    });

    it('asks by a list of ids of any length: none, one (compiled once), several (built)', async () => {
      const [x, y] = [
        await makeArticle(deps, { headline: 'Quay Lights Fixed' }),
        await makeArticle(deps, { headline: 'Quay Market Opens' }),
      ];
      assert.deepEqual(await headlinesOf(deps.db, []), []);
      for (const ids of [[x.id], [y.id], [x.id, y.id]])
        assert.deepEqual(
          (await headlinesOf(deps.db, ids)).map((r) => r.id),
          ids,
          `asked for ${ids.length}`,
        );
    });
  });
}
