import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findPublicArticle } from '../../src/modules/articles/index.ts';
import { compareRevisions, listRevisions, snapshotOf } from '../../src/modules/articles/revision.service.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`revisions on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('keeps a revision per save with who and when, shows a word diff, and restores as a new save', async () => {
      const first = await makeDeskUser(t.app, t.deps, 'editor', 'First Writer');
      const second = await makeDeskUser(t.app, t.deps, 'editor', 'Second Writer');
      const story = await makeArticle(
        t.deps,
        {
          headline: 'Council Meets on Tuesday',
          body: 'The council meets on Tuesday evening.',
          dateline: '',
          sourceCredit: '',
          featuredImage: null,
        },
        first,
      );
      const save = (who: typeof first, fields: Record<string, string>, version: number) =>
        deskPost(t.app, who, `/admin/articles/${story.id}`, {
          headline: 'Council Meets on Tuesday',
          body: 'The council meets on Tuesday evening.',
          authors: first.id,
          commentStatus: 'default',
          action: 'save',
          version: String(version),
          ...fields,
        });
      assert.equal((await save(second, { body: 'The council meets on Wednesday evening.' }, 1)).statusCode, 303);
      assert.equal(
        (
          await save(
            first,
            { headline: 'Council Moves Its Meeting', body: 'The council meets on Wednesday evening.' },
            2,
          )
        ).statusCode,
        303,
      );

      const revisions = await listRevisions(t.deps.db, story.id);
      assert.deepEqual(
        revisions.map((r) => [r.version, r.editorName]),
        [
          [3, 'First Writer'],
          [2, 'Second Writer'],
          [1, 'First Writer'],
        ],
      );
      const changes = compareRevisions(revisions[2].snapshot, revisions[1].snapshot);
      assert.deepEqual(
        changes.map((c) => c.field),
        ['body', 'excerpt'],
      );
      assert.deepEqual(
        changes[0].parts.filter((p) => p.added || p.removed).map((p) => [p.removed ? '-' : '+', p.value]),
        [
          ['-', 'Tuesday'],
          ['+', 'Wednesday'],
        ],
      );

      const page = await t.app.inject({
        url: `/admin/articles/${story.id}/revisions?from=${revisions[2].id}&to=${revisions[1].id}`,
        headers: { cookie: first.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<del>Tuesday<\/del><ins>Wednesday<\/ins>/);
      assert.match(page.body, /Second Writer/);

      const restore = await deskPost(
        t.app,
        first,
        `/admin/articles/${story.id}/revisions/${revisions[2].id}/restore`,
        {},
      );
      assert.equal(restore.statusCode, 303);
      const found = await findPublicArticle(t.deps, story.slug);
      assert.ok(found && 'article' in found);
      assert.equal(found.article.headline, 'Council Meets on Tuesday');
      assert.match(found.article.bodyHtml, /Tuesday evening/);
      const after = await listRevisions(t.deps.db, story.id);
      assert.equal(after.length, 4, 'restoring is a new revision, nothing is lost');
      assert.deepEqual({ ...snapshotOf(found.article), status: 'x' }, { ...after[0].snapshot, status: 'x' });
    });

    it("shows an article's revisions only to those who may edit it", async () => {
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const story = await makeArticle(t.deps);
      assert.equal(
        (await t.app.inject({ url: `/admin/articles/${story.id}/revisions`, headers: { cookie: author.cookie } }))
          .statusCode,
        403,
      );
      const revisions = await listRevisions(t.deps.db, story.id);
      assert.equal(
        (await deskPost(t.app, author, `/admin/articles/${story.id}/revisions/${revisions[0].id}/restore`, {}))
          .statusCode,
        403,
      );
    });
  });
}
