// The archive's and the sitemap index's months: an ended month's figures are kept (month_digests) and served until
// one of its articles changes, whoever changes it; this month and scheduled articles stay live. A digest altered
// behind the app's back is what proves a figure was kept rather than counted again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import {
  deleteArticle,
  listArchiveMonths,
  trashArticle,
  updateArticle,
  type Article,
} from '../../src/modules/articles/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import { listArticleMonths } from '../../src/modules/syndication/sitemap.repository.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { monthDigestsMigration } from '../../src/platform/db/migrations/2026-12-17-month-digests.ts';
import { monthVersionsPerWriterMigration } from '../../src/platform/db/migrations/2026-12-19-month-versions-per-writer.ts';
import { FOLD_AFTER, foldWriters } from '../../src/platform/db/month-digests.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';
import { whileUncommitted } from '../support/transactions.ts';

for (const dialect of dialects) {
  describe(`kept month figures on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-06-10T12:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    /** The archive's counts of these months (each test has months of its own). */
    const counts = async (...months: string[]) =>
      Object.fromEntries(
        (await listArchiveMonths(deps, 'UTC')).filter((m) => months.includes(m.month)).map((m) => [m.month, m.count]),
      );
    /** Makes a month's kept count say 99, so the next view shows whether it was kept or counted again. */
    const forge = (month: string) =>
      sql`update month_digests set figures = '{"n":99}' where month = ${month} and scope like 'archive:%'`.execute(
        deps.db,
      );
    /** Each month's version: the sum of its rows (one per writer on PostgreSQL). */
    const versions = async () =>
      (
        await sql<{ month: string; version: number }>`select month, sum(version) as version from article_months
          group by month order by month`.execute(deps.db)
      ).rows.map((r) => `${r.month}:${r.version}`);
    /** How many rows a month's version is kept in. */
    const rowsOf = async (month: string) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from article_months where month = ${month}`.execute(deps.db))
          .rows[0].n,
      );
    /** Stories published at these instants, in order. */
    const publishAt = async (editor: Awaited<ReturnType<typeof makeStaff>>, instants: string[]) => {
      const made: Article[] = [];
      for (const at of instants) {
        clock.set(new Date(at));
        made.push(await makeArticle(deps, { headline: `Story of ${at.slice(0, 10)}`, commentStatus: 'open' }, editor));
      }
      clock.set(new Date('2026-11-20T12:00:00Z'));
      return made;
    };

    it('serves an ended month from its digest until one of its articles changes, whoever changes it', async () => {
      const editor = await makeStaff(deps, 'editor');
      const [june1, june2, july, august] = await publishAt(editor, [
        '2026-06-10T12:00:00Z',
        '2026-06-20T12:00:00Z',
        '2026-07-15T12:00:00Z',
        '2026-08-15T12:00:00Z',
      ]);
      const summer = ['2026-06', '2026-07', '2026-08'];
      assert.deepEqual(await counts(...summer), { '2026-08': 1, '2026-07': 1, '2026-06': 2 });
      await forge('2026-06');
      assert.equal((await counts(...summer))['2026-06'], 99, 'the ended month is kept');
      // A comment changes no month, though it writes its article's row (its count of discussion changes).
      const before = await versions();
      const revision = async () =>
        Number(
          (
            await deps.db
              .selectFrom('articles')
              .select('discussion_revision')
              .where('id', '=', june1.id)
              .executeTakeFirstOrThrow()
          ).discussion_revision,
        );
      const revisionBefore = await revision();
      await postComment(deps, {
        slug: june1.slug,
        name: 'Reader',
        email: 'reader@example.org',
        body: 'A fine story.',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.ok((await revision()) > revisionBefore, "the comment wrote its article's row");
      assert.deepEqual(await versions(), before);
      assert.equal((await counts(...summer))['2026-06'], 99);
      // The trash moves the month: it is counted again.
      await trashArticle(deps, { staff: editor, id: june2.id });
      assert.deepEqual(await counts(...summer), { '2026-08': 1, '2026-07': 1, '2026-06': 1 });
      // The editor moves a June story to July: both months.
      await forge('2026-06');
      await forge('2026-07');
      await updateArticle(deps, { staff: editor, id: june1.id, changes: { publishAt: '2026-07-02T10:00:00Z' } });
      assert.deepEqual(await counts(...summer), { '2026-08': 1, '2026-07': 2 });
      // Any other writer (a script's SQL) is followed too: the database keeps the versions, not the app.
      await forge('2026-07');
      await sql`update articles set published_at = '2026-08-03T10:00:00.000Z' where id = ${july.id}`.execute(deps.db);
      assert.deepEqual(await counts(...summer), { '2026-08': 2, '2026-07': 1 });
      // Deleted for good.
      await forge('2026-08');
      await trashArticle(deps, { staff: editor, id: august.id });
      await deleteArticle(deps, { staff: { ...editor, role: 'admin' }, id: august.id });
      assert.deepEqual(await counts(...summer), { '2026-08': 1, '2026-07': 1 });
    });

    it("keeps this month's and a scheduled story's figures live, and keeps a month once it has ended", async () => {
      const editor = await makeStaff(deps, 'editor');
      await publishAt(editor, ['2026-09-15T12:00:00Z']);
      await makeArticle(
        deps,
        { headline: 'Later this month', status: 'scheduled', publishAt: '2026-11-25T10:00:00Z' },
        editor,
      );
      const autumn = ['2026-09', '2026-11'];
      assert.deepEqual(await counts(...autumn), { '2026-09': 1 });
      clock.set(new Date('2026-11-26T00:00:00Z'));
      assert.deepEqual(await counts(...autumn), { '2026-11': 1, '2026-09': 1 }, 'its time came, with no write');
      clock.set(new Date('2027-01-10T00:00:00Z'));
      assert.deepEqual(await counts(...autumn), { '2026-11': 1, '2026-09': 1 });
      await forge('2026-11');
      assert.equal((await counts(...autumn))['2026-11'], 99, 'November has ended everywhere: kept');
    });

    it("moves the sitemap's month when a translation in another month changes its address", async () => {
      const editor = await makeStaff(deps, 'editor');
      const [june, july] = await publishAt(editor, ['2025-06-10T12:00:00Z', '2025-07-10T12:00:00Z']);
      const bytes = async () =>
        Object.fromEntries(
          (
            await listArticleMonths(deps.db, { publicAt: clock.now().toISOString(), fixedBytes: 1000, linkBytes: 100 })
          ).map((m) => [m.month, m.bytes]),
        );
      const alone = await bytes();
      // The two become translations of each other: each June entry now names the July story's address.
      await sql`update articles set translation_group = ${june.id} where id in (${june.id}, ${july.id})`.execute(
        deps.db,
      );
      const grouped = await bytes();
      assert.ok(grouped['2025-06'] > alone['2025-06'], 'June counts its hreflang links');
      // July's story gets a longer slug: June's bound grows by 12 bytes a character, though no June article changed.
      await sql`update articles set slug = ${`${july.slug}-with-ten`} where id = ${july.id}`.execute(deps.db);
      const renamed = await bytes();
      assert.equal(renamed['2025-06'], grouped['2025-06'] + 12 * 9);
      // A third member written straight into the group (a draft: it has no month of its own) moves June's bound too,
      // and deleting it moves it back.
      const row = await deps.db.selectFrom('articles').selectAll().where('id', '=', july.id).executeTakeFirstOrThrow();
      const draft = { ...row, id: '00000000-0000-7000-b000-000000000001', slug: 'a-third-language' };
      await deps.db
        .insertInto('articles')
        .values({ ...draft, status: 'draft', published_at: null })
        .execute();
      assert.equal((await bytes())['2025-06'], renamed['2025-06'] + 100 + 12 * 'a-third-language'.length);
      await deps.db.deleteFrom('articles').where('id', '=', draft.id).execute();
      assert.equal((await bytes())['2025-06'], renamed['2025-06']);
      // July leaves the group: its own bound loses its links.
      await sql`update articles set translation_group = null where id = ${july.id}`.execute(deps.db);
      assert.equal((await bytes())['2025-07'], alone['2025-07'] + 12 * 9);
    });

    it('the migration gives the months of the articles written before it their versions', async () => {
      const editor = await makeStaff(deps, 'editor');
      await publishAt(editor, ['2024-05-10T12:00:00Z', '2024-05-11T12:00:00Z']);
      const migration = monthDigestsMigration(dialect);
      const perWriter = monthVersionsPerWriterMigration(dialect);
      // In a transaction, as the migrator runs them.
      await deps.db.transaction().execute(async (trx) => {
        await perWriter.down!(trx as never);
        await migration.down!(trx as never);
        await migration.up(trx as never);
        await perWriter.up(trx as never);
      });
      assert.deepEqual(await counts('2024-05'), { '2024-05': 2 });
      await forge('2024-05');
      assert.equal((await counts('2024-05'))['2024-05'], 99);
    });

    it('lets two writers of the same months go on at once, each moving them when it commits (PostgreSQL)', async (t) => {
      if (dialect !== 'postgres') return t.skip('SQLite has one writer at a time');
      const editor = await makeStaff(deps, 'editor');
      const [march, april] = await publishAt(editor, ['2025-03-10T12:00:00Z', '2025-04-10T12:00:00Z']);
      const spring = ['2025-03', '2025-04'];
      assert.deepEqual(await counts(...spring), { '2025-04': 1, '2025-03': 1 });
      await forge('2025-03');
      await forge('2025-04');
      // A rolled-back change moves nothing.
      await deps.db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('articles').set({ status: 'draft' }).where('id', '=', march.id).execute();
          throw new Error('changed my mind');
        })
        .catch(() => undefined);
      assert.deepEqual(await counts(...spring), { '2025-04': 99, '2025-03': 99 });
      // One writer (an import, say) moves the March story to April and stays open.
      await whileUncommitted(
        deps.db,
        (trx) =>
          trx
            .updateTable('articles')
            .set({ published_at: '2025-04-20T12:00:00.000Z' })
            .where('id', '=', march.id)
            .execute(),
        async () => {
          // Another moves the April story to March meanwhile, in the opposite order, giving up if it has to wait.
          await deps.db.transaction().execute(async (trx) => {
            await sql`set local lock_timeout = '500ms'`.execute(trx);
            await trx
              .updateTable('articles')
              .set({ published_at: '2025-03-20T12:00:00.000Z' })
              .where('id', '=', april.id)
              .execute();
          });
          assert.deepEqual(await counts(...spring), { '2025-03': 2 }, 'moved by the writer that committed');
          await forge('2025-03');
          await forge('2025-04');
        },
      );
      assert.deepEqual(await counts(...spring), { '2025-04': 1, '2025-03': 1 }, 'moved again by the first writer');
      assert.ok((await rowsOf('2025-04')) >= 3, 'the months are kept in a row per writer');
    });

    it('folds the rows of finished writers into one a month, keeping each version, and leaves a writer at work its own', async (t) => {
      if (dialect !== 'postgres') return t.skip('SQLite keeps one row a month: its key');
      const editor = await makeStaff(deps, 'editor');
      const [story] = await publishAt(editor, ['2025-09-10T12:00:00Z']);
      /** Corrections of the story, each its own transaction, each moving September in a row of its own. */
      let second = 0;
      const correct = async (times: number) => {
        for (let i = 0; i < times; i++)
          await sql`update articles set modified_at = ${new Date(Date.UTC(2025, 8, 11, 0, 0, second++)).toISOString()}
            where id = ${story.id}`.execute(deps.db);
      };
      await correct(FOLD_AFTER + 1);
      const before = await versions();
      assert.ok((await rowsOf('2025-09')) > FOLD_AFTER);
      assert.deepEqual(await counts('2025-09'), { '2025-09': 1 });
      assert.equal(await rowsOf('2025-09'), 1, 'reading the figures folded the rows');
      assert.deepEqual(await versions(), before, 'and kept the version');
      // A few more writers, counted, then one still at work while the rows are folded again.
      await correct(3);
      assert.equal(await rowsOf('2025-09'), 4);
      assert.deepEqual(await counts('2025-09'), { '2025-09': 1 });
      await forge('2025-09');
      await whileUncommitted(
        deps.db,
        (trx) => trx.updateTable('articles').set({ status: 'draft' }).where('id', '=', story.id).execute(),
        async () => {
          const kept = await versions();
          await foldWriters(deps.db);
          assert.equal(await rowsOf('2025-09'), 1, 'folded');
          assert.deepEqual(await versions(), kept);
          assert.equal((await counts('2025-09'))['2025-09'], 99, 'the digest still holds');
        },
      );
      assert.equal(await rowsOf('2025-09'), 2, 'the writer at work kept its row');
      assert.deepEqual(await counts('2025-09'), {}, 'its change moved September when it committed');
    });
  });
}
