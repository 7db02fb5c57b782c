import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, useTestDeps } from '../support/databases.ts';

const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function snapshot(deps: Deps) {
  const out: Record<string, string[]> = {};
  for (const t of ['articles', 'comments', 'wordpress_imports', 'legacy_urls'] as const) {
    out[t] = (await deps.db.selectFrom(t).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

for (const dialect of dialects) {
  describe(`identity of imported posts on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    it("two posts that share a GUID (a copy keeps its original's) stay two articles, each with its own discussion", async () => {
      const report = await importWordPress(deps, { file: own('copied-posts.xml') });
      assert.deepEqual(report.counts.post, { created: 2, updated: 0, unchanged: 0, skipped: 0 });
      assert.deepEqual(report.counts.comment, { created: 3, updated: 0, unchanged: 0, skipped: 0 });
      const articles = await deps.db
        .selectFrom('articles')
        .select(['id', 'slug', 'headline', 'comment_count'])
        .orderBy('slug')
        .execute();
      assert.deepEqual(
        articles.map((a) => [a.slug, a.headline, a.comment_count]),
        [
          ['ice-report', 'Ice on the lake: the weekly report', 1],
          ['ice-report-2', 'Ice on the lake: the weekly report, week two', 2],
        ],
      );
      const discussion = async (id: string) =>
        (
          await deps.db
            .selectFrom('comments')
            .select('author_name')
            .where('article_id', '=', id)
            .orderBy('created_at')
            .execute()
        ).map((c) => c.author_name);
      assert.deepEqual(await discussion(articles[0].id), ['Skater']);
      assert.deepEqual(await discussion(articles[1].id), ['Angler', 'Skater']);
      const target = async (path: string) =>
        (await deps.db.selectFrom('legacy_urls').select('target').where('path', '=', path).executeTakeFirst())?.target;
      assert.equal(await target('?p=40'), '/articles/ice-report');
      assert.equal(await target('?p=41'), '/articles/ice-report-2');
      assert.equal(await target('/2025/01/ice-report-2'), '/articles/ice-report-2');
    });

    it('the same export again changes nothing', async () => {
      const site = await snapshot(deps);
      clock.advance(3_600_000);
      const again = await importWordPress(deps, { file: own('copied-posts.xml') });
      assert.deepEqual(again.counts.post, { created: 0, updated: 0, unchanged: 2, skipped: 0 });
      assert.deepEqual(again.counts.comment, { created: 0, updated: 0, unchanged: 3, skipped: 0 });
      assert.deepEqual(await snapshot(deps), site);
    });
  });
}
