// On PostgreSQL the discussion revision and the comment count move at commit (a deferred trigger), so a comment's transaction does not
// lock its article's row from the comment's insert on: another writer can change the article meanwhile, and the
// revision has still moved once the comment is committed. (SQLite writes one transaction at a time: nothing to show.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import { newId } from '../../src/platform/ids.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle } from '../support/newsroom.ts';
import { whileUncommitted } from '../support/transactions.ts';

describe('the discussion revision on PostgreSQL', {
  skip: !dialects.includes('postgres') && 'needs TEST_DATABASE_URL',
}, () => {
  let deps = undefined as unknown as Deps;
  useTestDeps('postgres', {}, (made) => {
    deps = made.deps;
  });

  it("moves at commit, without holding the article's row while the comment's transaction goes on", async () => {
    const article = await makeArticle(deps, { commentStatus: 'open' });
    const revision = async () => {
      const row = await deps.db
        .selectFrom('articles')
        .select(['discussion_revision', 'comment_count'])
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      return { revision: Number(row.discussion_revision), count: Number(row.comment_count) };
    };
    const before = await revision();
    await whileUncommitted(
      deps.db,
      (trx) =>
        trx
          .insertInto('comments')
          .values({
            id: newId(),
            article_id: article.id,
            parent_id: null,
            depth: 0,
            author_name: 'Ana Reader',
            author_email: 'ana@example.org',
            author_url: '',
            body_text: 'Held open.',
            body_html: '<p>Held open.</p>',
            status: 'approved',
            created_at: new Date().toISOString(),
            ip: '',
            user_agent: '',
          })
          .execute(),
      async () => {
        // Another writer, which gives up after a moment if the row is locked.
        await deps.db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '500ms'`.execute(trx);
          await trx
            .updateTable('articles')
            .set({ headline: 'Changed While a Comment Was Posted' })
            .where('id', '=', article.id)
            .execute();
        });
        assert.deepEqual(await revision(), before, 'not yet committed');
      },
    );
    assert.deepEqual(await revision(), { revision: before.revision + 1, count: before.count + 1 });
  });
});
