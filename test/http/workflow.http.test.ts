import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findPublicArticle } from '../../src/modules/articles/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the editorial workflow on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('a contributor submits for review, can no longer change it, and an editor publishes it', async () => {
      const contributor = await makeDeskUser(t.app, t.deps, 'contributor');
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const fields = {
        headline: 'Reviewed Copy',
        body: 'Needs an editor.',
        authors: contributor.id,
        commentStatus: 'default',
      };
      const created = await deskPost(t.app, contributor, '/admin/articles', { ...fields, action: 'save' });
      const id = String(created.headers.location).split('/')[3];
      const form = await t.app.inject({ url: `/admin/articles/${id}/edit`, headers: { cookie: contributor.cookie } });
      assert.match(form.body, /value="submit">Submit for review</);
      assert.equal(
        (await deskPost(t.app, contributor, `/admin/articles/${id}`, { ...fields, action: 'submit' })).statusCode,
        303,
      );
      assert.equal(
        (await deskPost(t.app, contributor, `/admin/articles/${id}`, { ...fields, action: 'save' })).statusCode,
        403,
      );
      const queue = await t.app.inject({ url: '/admin/articles?status=pending', headers: { cookie: editor.cookie } });
      assert.match(queue.body, /Reviewed Copy/);
      assert.equal(await findPublicArticle(t.deps, 'reviewed-copy'), undefined);
      assert.equal(
        (await deskPost(t.app, editor, `/admin/articles/${id}`, { ...fields, action: 'publish' })).statusCode,
        303,
      );
      assert.ok(await findPublicArticle(t.deps, 'reviewed-copy'));
    });

    it('moves to the trash and back: gone from the site, restored as a draft', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const story = await makeArticle(t.deps, { headline: 'Trash Me' });
      assert.equal((await deskPost(t.app, editor, `/admin/articles/${story.id}/trash`, {})).statusCode, 303);
      assert.equal((await t.app.inject({ url: `/articles/${story.slug}` })).statusCode, 404);
      const list = await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } });
      assert.doesNotMatch(list.body, /Trash Me/, 'the default list leaves the trash out');
      assert.match(
        (await t.app.inject({ url: '/admin/articles?status=trash', headers: { cookie: editor.cookie } })).body,
        /Trash Me/,
      );
      assert.equal((await deskPost(t.app, editor, `/admin/articles/${story.id}/trash`, {})).statusCode, 409);
      assert.equal((await deskPost(t.app, editor, `/admin/articles/${story.id}/restore`, {})).statusCode, 303);
      const row = await t.deps.db
        .selectFrom('articles')
        .select('status')
        .where('id', '=', story.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
    });

    it('makes a private preview link for an unpublished article, never cached or indexed', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const draft = await makeArticle(t.deps, { headline: 'Embargoed Until Monday', status: 'draft' });
      // The answer is the editor page itself, the secret shown once in it: never in an address (history, logs).
      const made = await deskPost(t.app, editor, `/admin/articles/${draft.id}/preview`, {});
      assert.equal(made.statusCode, 200);
      assert.equal(made.headers.location, undefined);
      assert.match(made.body, /Private preview link/);
      const link = new URL(/id="fresh-preview" type="url" readonly value="([^"]+)"/.exec(made.body)![1]).pathname;
      const editPage = await t.app.inject({
        url: `/admin/articles/${draft.id}/edit`,
        headers: { cookie: editor.cookie },
      });
      assert.match(editPage.body, /Private preview link/);
      assert.ok(!editPage.body.includes(link), 'shown only once');
      const preview = await t.app.inject({ url: link });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Embargoed Until Monday/);
      assert.match(preview.body, /Preview: this article is draft/);
      assert.doesNotMatch(preview.body, /comment-form/);
      assert.equal(preview.headers['cache-control'], 'private, no-store');
      assert.equal(preview.headers['x-robots-tag'], 'noindex');
      assert.equal((await t.app.inject({ url: '/preview/guessed-but-not-the-real-token' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/articles/${draft.slug}` })).statusCode, 404, 'still not public');
    });
  });
}
