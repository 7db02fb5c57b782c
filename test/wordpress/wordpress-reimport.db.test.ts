import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, useTestDeps } from '../support/databases.ts';

const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Every row of the tables an import writes, to prove a run changed nothing. */
async function snapshot(deps: Deps) {
  const tables = [
    'users',
    'sections',
    'tags',
    'articles',
    'article_authors',
    'article_tags',
    'comments',
    'wordpress_imports',
    'legacy_urls',
    'slug_redirects',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    out[t] = (await deps.db.selectFrom(t).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return out;
}

const tally = (created: number, updated: number, unchanged: number) => ({ created, updated, unchanged, skipped: 0 });

for (const dialect of dialects) {
  describe(`WordPress re-import of a changed export on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    const article = (slug: string) =>
      deps.db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    const termsOf = async (id: string) => ({
      tags: (
        await deps.db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('tags.slug')
          .where('article_id', '=', id)
          .execute()
      ).map((t) => t.slug),
      section: (
        await deps.db
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select('sections.slug')
          .where('articles.id', '=', id)
          .executeTakeFirst()
      )?.slug,
    });

    it('the first export, then the same file again: nothing changes, nothing doubles', async () => {
      const first = await importWordPress(deps, { file: own('reimport-v1.xml') });
      assert.deepEqual(first.counts.post, tally(2, 0, 0));
      assert.deepEqual(first.counts.comment, tally(3, 0, 0));
      const site = await snapshot(deps);
      clock.advance(3_600_000);
      const again = await importWordPress(deps, { file: own('reimport-v1.xml') });
      for (const kind of ['author', 'category', 'tag', 'post', 'comment'] as const) {
        assert.equal(
          again.counts[kind].created + again.counts[kind].updated,
          0,
          `${kind}: ${JSON.stringify(again.counts[kind])}`,
        );
      }
      assert.deepEqual(await snapshot(deps), site);
    });

    it('the changed export updates authors, terms, posts and comments, matched by WordPress ids, and counts each update', async () => {
      const river = await article('river-rises');
      const harvest = await article('harvest-festival');
      clock.advance(3_600_000);
      const report = await importWordPress(deps, { file: own('reimport-v2.xml') });
      assert.deepEqual(report.counts.author, tally(0, 1, 1));
      assert.deepEqual(report.counts.category, tally(0, 1, 1));
      assert.deepEqual(report.counts.tag, tally(0, 1, 1));
      assert.deepEqual(report.counts.post, tally(0, 1, 1));
      assert.deepEqual(report.counts.comment, tally(0, 2, 1));

      // The same account (its slug, and so its author page, unchanged) under the new name and email.
      const lena = await deps.db
        .selectFrom('users')
        .select(['slug', 'name', 'email'])
        .where('slug', '=', 'lena-fischer')
        .executeTakeFirstOrThrow();
      assert.deepEqual(lena, { slug: 'lena-fischer', name: 'Lena Weber', email: 'lena.weber@herald.example.org' });
      assert.equal(
        (await deps.db.selectFrom('sections').select('name').where('slug', '=', 'valley').executeTakeFirstOrThrow())
          .name,
        'Valley & Hills',
      );
      assert.equal(
        (await deps.db.selectFrom('tags').select('name').where('slug', '=', 'river').executeTakeFirstOrThrow()).name,
        'River Watch',
      );

      const edited = await article('river-rises');
      assert.equal(edited.id, river.id);
      assert.match(edited.body_html, /a metre and a half overnight/);
      assert.equal(edited.status, 'draft');
      assert.equal(edited.comment_setting, 'closed');
      assert.deepEqual(await termsOf(river.id), { tags: ['harvest'], section: 'farming' });
      assert.deepEqual(await article('harvest-festival'), harvest, 'the unchanged post is left exactly as it was');

      const comments = await deps.db
        .selectFrom('comments')
        .select(['author_name', 'status', 'body_text', 'depth'])
        .where('article_id', '=', river.id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(comments, [
        { author_name: 'Neighbour', status: 'approved', body_text: 'Our cellar is wet, and the garage too.', depth: 0 },
        { author_name: 'Farmer', status: 'approved', body_text: 'Fields are under water.', depth: 1 },
      ]);
      assert.equal(edited.comment_count, 2);
      const rows = async (t: 'users' | 'sections' | 'tags' | 'articles' | 'comments') =>
        (await deps.db.selectFrom(t).select('id').execute()).length;
      assert.deepEqual(
        [
          await rows('users'),
          await rows('sections'),
          await rows('tags'),
          await rows('articles'),
          await rows('comments'),
        ],
        [2, 2, 2, 2, 3],
      );
    });

    it('the changed export a second time: nothing changes', async () => {
      const site = await snapshot(deps);
      clock.advance(3_600_000);
      const again = await importWordPress(deps, { file: own('reimport-v2.xml') });
      for (const kind of ['author', 'category', 'tag', 'post', 'comment'] as const) {
        assert.equal(
          again.counts[kind].created + again.counts[kind].updated,
          0,
          `${kind}: ${JSON.stringify(again.counts[kind])}`,
        );
      }
      assert.deepEqual(await snapshot(deps), site);
    });
  });
}
