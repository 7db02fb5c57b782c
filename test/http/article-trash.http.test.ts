// The trash is the editors' call: an author cannot bring back what an editor took down, and nothing is
// deleted for good except from the trash, by an editor or admin, after a page that says what will be lost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '../../src/modules/audit/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import type { StaffRole } from '../../src/platform/db/tables.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const dialect of dialects) {
  describe(`the trash and deleting for good on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const status = async (id: string) =>
      (await t.deps.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirst())?.status;
    const trash = async (id: string) => {
      await t.deps.db.updateTable('articles').set({ status: 'trash' }).where('id', '=', id).execute();
    };
    /** A published article with a discussion: three comments readers see and one held for a moderator. */
    const discussed = async (writer?: Awaited<ReturnType<typeof makeStaff>>) => {
      const article = await makeArticle(t.deps, {}, writer);
      for (const body of [
        'First thought.',
        'Second thought.',
        'Third thought.',
        'See https://a.example and https://b.example',
      ]) {
        await postComment(t.deps, {
          slug: article.slug,
          name: 'Reader',
          email: `r${Math.random()}@example.org`,
          body,
          ip: '198.51.100.7',
          userAgent: 'test',
        });
      }
      return article;
    };

    it('an author cannot edit, publish or schedule their own article once an editor trashed it: API', async () => {
      const author = await makeStaff(t.deps, 'author');
      const article = await makeArticle(t.deps, {}, author);
      await trash(article.id);
      const future = new Date(t.deps.clock.now().getTime() + 86_400_000).toISOString();
      for (const payload of [
        { status: 'published' },
        { status: 'scheduled', publishAt: future },
        { headline: 'Quietly back' },
        { status: 'draft' },
        { publishAt: future },
      ]) {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/articles/${article.id}`,
          headers: bearer(author.token),
          payload,
        });
        assert.equal(res.statusCode, 403, JSON.stringify(payload));
        assert.equal(res.json().error.code, 'article_in_trash');
        assert.match(res.json().error.message, /in the trash\. Only an editor or an admin/);
      }
      assert.equal(await status(article.id), 'trash');
      // The one with the right to restore may also publish straight from the trash.
      const editor = await makeStaff(t.deps, 'editor');
      const back = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${article.id}`,
        headers: bearer(editor.token),
        payload: { status: 'published' },
      });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(await status(article.id), 'published');
    });

    it('an author cannot open, save, publish, schedule or preview a trashed article of theirs on the desk', async () => {
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const article = await makeArticle(
        t.deps,
        { headline: 'Taken Down by the Editor' },
        { id: author.id, name: author.name, email: author.email, role: 'author' },
      );
      await trash(article.id);
      const fields = {
        headline: 'Taken Down by the Editor',
        body: 'Back again.',
        authors: author.id,
        commentStatus: 'default',
        version: String(article.version + 1),
      };
      const edit = await t.app.inject({
        url: `/admin/articles/${article.id}/edit`,
        headers: { cookie: author.cookie },
      });
      assert.equal(edit.statusCode, 403);
      assert.match(edit.body, /in the trash/);
      for (const action of ['publish', 'schedule', 'save']) {
        const res = await deskPost(t.app, author, `/admin/articles/${article.id}`, {
          ...fields,
          action,
          publishAt: action === 'schedule' ? '2099-01-01T09:00' : '',
        });
        assert.equal(res.statusCode, 403, action);
      }
      assert.equal((await deskPost(t.app, author, `/admin/articles/${article.id}/preview`, {})).statusCode, 403);
      assert.equal((await deskPost(t.app, author, `/admin/articles/${article.id}/restore`, {})).statusCode, 403);
      assert.equal(await status(article.id), 'trash');
      assert.equal((await t.app.inject({ url: `/articles/${article.slug}` })).statusCode, 404);
      const list = await t.app.inject({ url: '/admin/articles?status=trash', headers: { cookie: author.cookie } });
      assert.match(list.body, /Taken Down by the Editor/);
      assert.doesNotMatch(
        list.body,
        new RegExp(`/admin/articles/${article.id}/edit`),
        'no link to a page the author cannot open',
      );
      // An editor restores it; then the author may work on it again.
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      assert.equal((await deskPost(t.app, editor, `/admin/articles/${article.id}/restore`, {})).statusCode, 303);
      assert.equal(
        (await t.app.inject({ url: `/admin/articles/${article.id}/edit`, headers: { cookie: author.cookie } }))
          .statusCode,
        200,
      );
    });

    it('DELETE on the API moves to the trash; ?permanent=true deletes for good only from the trash, only for editors and admins', async () => {
      const people = Object.fromEntries(
        await Promise.all(
          (['admin', 'editor', 'author', 'contributor', 'moderator'] as StaffRole[]).map(
            async (role) => [role, await makeStaff(t.deps, role)] as const,
          ),
        ),
      );
      for (const role of ['author', 'contributor', 'moderator']) {
        const article = await discussed(role === 'author' ? people.author : undefined);
        const trashRes = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}`,
          headers: bearer(people[role].token),
        });
        assert.equal(trashRes.statusCode, 403, `${role} trashing`);
        await trash(article.id);
        const gone = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}?permanent=true`,
          headers: bearer(people[role].token),
        });
        assert.equal(gone.statusCode, 403, `${role} deleting for good`);
        assert.equal(gone.json().error.code, 'forbidden');
        assert.equal(await status(article.id), 'trash');
      }
      for (const role of ['editor', 'admin']) {
        const article = await discussed();
        const early = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}?permanent=true`,
          headers: bearer(people[role].token),
        });
        assert.equal(early.statusCode, 409, `${role}: a published article is not deleted for good`);
        assert.equal(early.json().error.code, 'not_in_trash');
        assert.match(early.json().error.message, /Move it to the trash first/);
        assert.equal(await status(article.id), 'published');

        const trashed = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}`,
          headers: bearer(people[role].token),
        });
        assert.equal(trashed.statusCode, 204);
        assert.equal(await status(article.id), 'trash');
        assert.equal((await t.app.inject({ url: `/api/articles/${article.slug}` })).statusCode, 404);
        const comments = await t.deps.db
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', article.id)
          .execute();
        assert.equal(comments.length, 4, 'the discussion waits in the trash with its article');

        const again = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}`,
          headers: bearer(people[role].token),
        });
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().error.code, 'already_in_trash');
        const bad = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}?permanent=maybe`,
          headers: bearer(people[role].token),
        });
        assert.equal(bad.statusCode, 400);

        const gone = await t.app.inject({
          method: 'DELETE',
          url: `/api/articles/${article.id}?permanent=true`,
          headers: bearer(people[role].token),
        });
        assert.equal(gone.statusCode, 204);
        assert.equal(await status(article.id), undefined);
        assert.equal(
          (await t.deps.db.selectFrom('comments').select('id').where('article_id', '=', article.id).execute()).length,
          0,
        );
        const { entries } = await listAudit(t.deps.db, { limit: 5, offset: 0 });
        const entry = entries.find((e) => e.action === 'article.deleted' && e.subject === article.slug);
        assert.ok(entry, 'deleting for good is audited');
        assert.equal(entry.actorId, people[role].id);
        assert.match(JSON.stringify(entry.details), /"comments":4/);
        assert.ok(
          entries.some((e) => e.action === 'article.trashed' && e.subject === article.slug),
          'trashing is audited',
        );
      }
      const missing = await t.app.inject({
        method: 'DELETE',
        url: '/api/articles/0193a000-0000-7000-8000-000000000000?permanent=true',
        headers: bearer(people.editor.token),
      });
      assert.equal(missing.statusCode, 404);
      const openapi = (await t.app.inject({ url: '/api/openapi.json' })).json();
      const op = openapi.paths['/api/articles/{id}'].delete;
      assert.ok(
        op.parameters.some((p: { in: string; name: string }) => p.in === 'query' && p.name === 'permanent'),
        'permanent is documented',
      );
      assert.ok(op.responses['409']);
    });

    it('the desk deletes for good only from the trash, after a confirmation page that counts what is lost', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const article = await discussed();
      // On a published article the edit page offers the trash, not deletion.
      const editPage = await t.app.inject({
        url: `/admin/articles/${article.id}/edit`,
        headers: { cookie: editor.cookie },
      });
      assert.doesNotMatch(editPage.body, /Delete for good/);
      assert.doesNotMatch(editPage.body, new RegExp(`action="/admin/articles/${article.id}/delete"`));
      const early = await deskPost(t.app, editor, `/admin/articles/${article.id}/delete`, { confirm: 'delete' });
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /Move it to the trash first/);
      assert.equal(
        (await t.app.inject({ url: `/admin/articles/${article.id}/delete`, headers: { cookie: editor.cookie } }))
          .statusCode,
        409,
      );
      assert.equal(await status(article.id), 'published');

      assert.equal((await deskPost(t.app, editor, `/admin/articles/${article.id}/trash`, {})).statusCode, 303);
      const trashed = await t.app.inject({
        url: `/admin/articles/${article.id}/edit`,
        headers: { cookie: editor.cookie },
      });
      assert.match(
        trashed.body,
        new RegExp(`<a class="danger-link" href="/admin/articles/${article.id}/delete">Delete for good`),
      );
      const confirm = await t.app.inject({
        url: `/admin/articles/${article.id}/delete`,
        headers: { cookie: editor.cookie },
      });
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Delete “Ferry Timetable Changes for Winter, Part \d+” for good\?/);
      assert.match(confirm.body, /its discussion: 4 comments \(3 shown to readers, 1 held, spam or trashed\)/);
      assert.match(confirm.body, /cannot be undone/);
      assert.match(
        confirm.body,
        new RegExp(
          `<form method="post" action="/admin/articles/${article.id}/delete" class="inline-form"><input type="hidden" name="_token" value="${editor.token}"/><input type="hidden" name="confirm" value="delete"/>`,
        ),
      );

      // The old one-click post (no confirmation field) only shows the page; a post without the form token is refused.
      const oneClick = await deskPost(t.app, editor, `/admin/articles/${article.id}/delete`, {});
      assert.equal(oneClick.statusCode, 200);
      assert.match(oneClick.body, /4 comments/);
      assert.equal(await status(article.id), 'trash');
      const forged = await deskPost(
        t.app,
        { cookie: editor.cookie, token: 'not-the-token' },
        `/admin/articles/${article.id}/delete`,
        { confirm: 'delete' },
      );
      assert.equal(forged.statusCode, 403);
      assert.equal(await status(article.id), 'trash');

      const done = await deskPost(t.app, editor, `/admin/articles/${article.id}/delete`, { confirm: 'delete' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin/articles?status=trash&done=deleted');
      assert.equal(await status(article.id), undefined);
      assert.equal(
        (await t.deps.db.selectFrom('comments').select('id').where('article_id', '=', article.id).execute()).length,
        0,
      );
    });

    it('authors, contributors and moderators never reach the confirmation page or delete', async () => {
      for (const role of ['author', 'contributor', 'moderator'] as StaffRole[]) {
        const who: DeskUser = await makeDeskUser(t.app, t.deps, role);
        const article = await makeArticle(
          t.deps,
          {},
          role === 'author' ? { id: who.id, name: who.name, email: who.email, role } : undefined,
        );
        await trash(article.id);
        assert.equal(
          (await t.app.inject({ url: `/admin/articles/${article.id}/delete`, headers: { cookie: who.cookie } }))
            .statusCode,
          403,
          role,
        );
        assert.equal(
          (await deskPost(t.app, who, `/admin/articles/${article.id}/delete`, { confirm: 'delete' })).statusCode,
          403,
          role,
        );
        assert.equal(await status(article.id), 'trash');
      }
    });
  });
}
