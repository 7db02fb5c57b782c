import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`pinned articles on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    let author: DeskUser;
    let older: Article;
    let newer: Article;
    let section: string;
    before(async () => {
      t = await createTestApp(dialect);
      editor = await makeDeskUser(t.app, t.deps, 'editor');
      author = await makeDeskUser(t.app, t.deps, 'author');
      section = (await makeSection(t.deps)).slug;
      older = await makeArticle(t.deps, {
        headline: 'The Older Story',
        section,
        publishAt: '2026-01-01T08:00:00.000Z',
        authors: [author.id],
      });
      newer = await makeArticle(t.deps, {
        headline: 'The Newer Story',
        section,
        publishAt: '2026-02-01T08:00:00.000Z',
      });
    });
    after(() => t.close());

    const frontOrder = async () => {
      const res = await t.app.inject({ url: '/api/articles' });
      return (res.json() as { articles: { slug: string; pinned: boolean }[] }).articles.map((a) => [a.slug, a.pinned]);
    };
    const edit = (who: DeskUser, a: Article, extra: Record<string, string>) =>
      deskPost(t.app, who, `/admin/articles/${a.id}`, {
        headline: a.headline,
        body: a.bodySource,
        authors: a.authors.map((x) => x.id),
        section,
        action: 'save',
        ...extra,
      });

    it('an editor ticks "Pin to the top of the front page": the older article leads the front page, not the section', async () => {
      assert.deepEqual(await frontOrder(), [
        [newer.slug, false],
        [older.slug, false],
      ]);
      const form = await t.app.inject({ url: `/admin/articles/${older.id}/edit`, headers: { cookie: editor.cookie } });
      assert.match(
        form.body,
        /<label class="check"><input type="checkbox" name="pinned" value="1"\/?> Pin to the top of the front page<\/label>/,
      );
      const saved = await edit(editor, older, { pinShown: '1', pinned: '1' });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.deepEqual(await frontOrder(), [
        [older.slug, true],
        [newer.slug, false],
      ]);
      const home = await t.app.inject({ url: '/' });
      assert.ok(
        home.body.indexOf('The Older Story') < home.body.indexOf('The Newer Story'),
        'the pinned story comes first on the front page',
      );
      const inSection = await t.app.inject({ url: `/api/articles?section=${section}` });
      assert.deepEqual(
        (inSection.json() as { articles: { slug: string }[] }).articles.map((a) => a.slug),
        [newer.slug, older.slug],
      );
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('action', '=', 'article.pinned')
        .execute();
      assert.deepEqual(audit, [{ action: 'article.pinned', actor_id: editor.id }]);
    });

    it('an author never sees the box, a save of theirs keeps the pin, and the API refuses them the change', async () => {
      const form = await t.app.inject({ url: `/admin/articles/${older.id}/edit`, headers: { cookie: author.cookie } });
      assert.equal(form.statusCode, 200);
      assert.doesNotMatch(form.body, /name="pinned"/);
      const current = (await t.app.inject({ url: `/api/articles/${older.slug}` })).json() as { version: number };
      const saved = await edit(author, older, { version: String(current.version) });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.deepEqual((await frontOrder())[0], [older.slug, true]);
      const staff = await makeStaff(t.deps, 'author');
      const mine = await makeArticle(t.deps, {}, staff);
      const refused = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${mine.id}`,
        headers: { authorization: `Bearer ${staff.token}` },
        payload: { pinned: true },
      });
      assert.equal(refused.statusCode, 403);
    });

    it('an editor unpins through the API', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${older.id}`,
        headers: { authorization: `Bearer ${staff.token}` },
        payload: { pinned: false },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as { pinned: boolean }).pinned, false);
      const ours = (await frontOrder()).filter(([slug]) => slug === older.slug || slug === newer.slug);
      assert.deepEqual(ours, [
        [newer.slug, false],
        [older.slug, false],
      ]);
    });
  });
}
