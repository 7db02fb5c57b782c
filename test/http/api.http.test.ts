import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const dialect of dialects) {
  describe(`JSON API on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('describes every endpoint in an OpenAPI 3 document with request and response schemas', async () => {
      const res = await t.app.inject({ url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.match(doc.openapi, /^3\./);
      const ops = Object.entries(
        doc.paths as Record<string, Record<string, { responses: object; requestBody?: object }>>,
      ).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(ops.sort(), [
        'DELETE /api/articles/{id}',
        'DELETE /api/articles/{id}/updates/{updateId}',
        'DELETE /api/commenter-bans/{id}',
        'DELETE /api/comments/{id}',
        'GET /api/articles',
        'GET /api/articles/{slug}',
        'GET /api/articles/{slug}/comments',
        'GET /api/articles/{slug}/updates',
        'GET /api/commenter-bans',
        'GET /api/comments/{id}',
        'GET /api/search',
        'GET /api/settings',
        'PATCH /api/articles/{id}',
        'PATCH /api/comments/{id}',
        'PATCH /api/settings',
        'POST /api/articles',
        'POST /api/articles/{id}/updates',
        'POST /api/articles/{slug}/comments',
        'POST /api/commenter-bans',
        'POST /api/comments/{id}/reports',
      ]);
      assert.ok(
        doc.paths['/api/articles/{id}/updates'].post.requestBody,
        'recording an update or a correction is described',
      );
      assert.deepEqual(doc.paths['/api/articles/{id}/updates'].post.security, [{ bearerAuth: [] }]);
      assert.ok(doc.components.schemas.ArticleUpdate, 'the update schema is named');
      assert.ok(doc.paths['/api/comments/{id}/reports'].post.requestBody);
      assert.deepEqual(doc.paths['/api/comments/{id}'].get.security, [{ bearerAuth: [] }]);
      assert.ok(doc.paths['/api/articles'].post.requestBody);
      assert.ok(doc.paths['/api/articles/{slug}/comments'].post.requestBody);
      assert.ok(doc.paths['/api/articles'].get.responses['200']);
      assert.ok(doc.components.schemas.Comment, 'the recursive comment schema is named');
      const tokenHeader = (op: { parameters?: { in: string; name: string }[] }) =>
        op.parameters?.some((p) => p.in === 'header' && p.name === 'x-comment-token');
      assert.ok(tokenHeader(doc.paths['/api/comments/{id}'].patch), "the poster's token header is documented");
      assert.ok(tokenHeader(doc.paths['/api/comments/{id}'].delete));
      assert.deepEqual(doc.paths['/api/articles'].post.security, [{ bearerAuth: [] }]);
      const settingsPatch = doc.paths['/api/settings'].patch;
      assert.deepEqual(settingsPatch.security, [{ bearerAuth: [] }]);
      const patchFields = settingsPatch.requestBody.content['application/json'].schema.properties;
      assert.equal(patchFields.moderationLinkLimit.maximum, 100);
      assert.match(patchFields.blockedIps.description, /CIDR|range/);
      assert.ok(
        doc.paths['/api/settings'].get.responses['200'].content['application/json'].schema.properties.commentsPerPage,
      );
    });

    it('writes, publishes, edits and deletes an article with a staff token', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      await makeSection(t.deps, 'Politics');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: {
          headline: 'Council Passes Budget',
          subheadline: 'After a long night',
          body: 'The council **passed** the budget.',
          dateline: 'ALDER BAY –',
          sourceCredit: 'dpa',
          section: 'politics',
          tags: ['Budget'],
          featuredImage: { url: '/media/budget.jpg', caption: 'The chamber', credit: 'Ledger', alt: 'Council chamber' },
          status: 'published',
          commentStatus: 'default',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const article = created.json();
      assert.equal(article.slug, 'council-passes-budget');
      assert.equal(article.body, 'The council **passed** the budget.');
      assert.equal(article.bodyHtml, '<p>The council <strong>passed</strong> the budget.</p>\n');
      assert.equal(article.section.slug, 'politics');
      assert.equal(article.discussionOpen, true);
      assert.equal(created.headers.location, '/api/articles/council-passes-budget');

      const read = await t.app.inject({ url: '/api/articles/council-passes-budget' });
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().headline, 'Council Passes Budget');
      assert.equal(read.json().body, undefined, 'the public shape has no source');

      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${article.id}`,
        headers: bearer(editor.token),
        payload: { headline: 'Council Passes Budget at Last', commentStatus: 'closed', version: article.version },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().discussionOpen, false);
      assert.equal(patched.json().version, article.version + 1);

      const conflict = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${article.id}`,
        headers: bearer(editor.token),
        payload: { headline: 'Stale edit', version: article.version },
      });
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().error.code, 'edit_conflict');
      assert.equal(conflict.json().error.field, 'version');

      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/articles/${article.id}`,
        headers: bearer(editor.token),
      });
      assert.equal(deleted.statusCode, 204);
      assert.equal((await t.app.inject({ url: '/api/articles/council-passes-budget' })).statusCode, 404);
    });

    it('lists published articles with filters and pages', async () => {
      const author = await makeStaff(t.deps, 'author', 'Lister Jones');
      await makeSection(t.deps, 'Listings');
      for (let i = 0; i < 3; i++) await makeArticle(t.deps, { section: 'Listings', tags: ['Lists'] }, author);
      await makeArticle(t.deps, { section: 'Listings', status: 'draft' }, author);
      const res = await t.app.inject({ url: '/api/articles?section=listings&limit=2&page=2' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.total, 3);
      assert.equal(body.pages, 2);
      assert.equal(body.articles.length, 1);
      assert.equal((await t.app.inject({ url: '/api/articles?tag=lists&author=lister-jones' })).json().total, 3);
      const bad = await t.app.inject({ url: '/api/articles?limit=1000' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'limit');
      const unknown = await t.app.inject({ url: '/api/articles?section=nowhere' });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().error.code, 'unknown_section');
    });

    it('posts and reads threaded comments; the JSON never carries emails or addresses', async () => {
      const a = await makeArticle(t.deps);
      const post = (payload: object) =>
        t.app.inject({ method: 'POST', url: `/api/articles/${a.slug}/comments`, payload });
      const first = await post({ name: 'Ana', email: 'ana@example.org', body: 'Top level' });
      assert.equal(first.statusCode, 201, first.body);
      const reply = await post({ name: 'Bo', email: 'bo@example.org', body: 'A reply', parentId: first.json().id });
      assert.equal(reply.statusCode, 201);
      const thread = await t.app.inject({ url: `/api/articles/${a.slug}/comments` });
      const json = thread.json();
      assert.equal(json.commentCount, 2);
      assert.equal(json.discussionOpen, true);
      assert.equal(json.comments[0].replies[0].bodyHtml, '<p>A reply</p>\n');
      assert.ok(!thread.body.includes('example.org'));
      assert.ok(!thread.body.includes('127.0.0.1'));
    });

    it('answers bad comment input with 400/422 naming the field', async () => {
      const a = await makeArticle(t.deps);
      const post = (payload: object) =>
        t.app.inject({ method: 'POST', url: `/api/articles/${a.slug}/comments`, payload });
      const missing = await post({ name: 'Ana', body: 'x' });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(missing.json().error.field, 'email');
      const badEmail = await post({ name: 'Ana', email: 'nope', body: 'x' });
      assert.equal(badEmail.statusCode, 422);
      assert.deepEqual(badEmail.json().error, {
        code: 'invalid_email',
        message: 'Please give a valid email address, such as name@example.org.',
        field: 'email',
      });
      const extra = await post({ name: 'Ana', email: 'a@example.org', body: 'x', status: 'approved' });
      assert.equal(extra.statusCode, 400);
      const notJson = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        headers: { 'content-type': 'application/json' },
        payload: '{"name":',
      });
      assert.equal(notJson.statusCode, 400);
      assert.deepEqual(notJson.json().error, { code: 'invalid_json', message: 'The request body is not valid JSON.' });
      const empty = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      assert.deepEqual([empty.statusCode, empty.json().error.code], [400, 'empty_body']);
    });

    it('refuses a comment on a closed discussion with a clear message', async () => {
      const a = await makeArticle(t.deps, { commentStatus: 'closed' });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        payload: { name: 'A', email: 'a@example.org', body: 'Late' },
      });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(res.json().error, {
        code: 'discussion_closed',
        message: 'Comments are closed on this article.',
      });
    });

    it('moderates a comment with a token and keeps the count right', async () => {
      const moderator = await makeStaff(t.deps, 'moderator');
      const a = await makeArticle(t.deps);
      const c = (
        await t.app.inject({
          method: 'POST',
          url: `/api/articles/${a.slug}/comments`,
          payload: { name: 'A', email: 'a@example.org', body: 'Spammy' },
        })
      ).json();
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/comments/${c.id}`,
        headers: bearer(moderator.token),
        payload: { status: 'spam' },
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'spam');
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}` })).json().commentCount, 0);
      const bad = await t.app.inject({
        method: 'PATCH',
        url: `/api/comments/${c.id}`,
        headers: bearer(moderator.token),
        payload: { status: 'deleted' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'status');
    });

    it('answers 401 without a token and 403 for a role that may not act', async () => {
      const a = await makeArticle(t.deps);
      const contributor = await makeStaff(t.deps, 'contributor');
      const author = await makeStaff(t.deps, 'author');
      const cases: [string, string, object | undefined][] = [
        ['POST', '/api/articles', { headline: 'X', body: 'Y' }],
        ['PATCH', `/api/articles/${a.id}`, { headline: 'X' }],
        ['DELETE', `/api/articles/${a.id}`, undefined],
        ['PATCH', '/api/comments/01a2204a-7f17-750d-b8cd-5604456f715d', { status: 'spam' }],
      ];
      for (const [method, url, payload] of cases) {
        const none = await t.app.inject({ method: method as 'POST', url, payload });
        assert.equal(none.statusCode, 401, `${method} ${url} without a token`);
        assert.equal(none.json().error.code, 'unauthorized');
        const wrong = await t.app.inject({
          method: method as 'POST',
          url,
          payload,
          headers: bearer('dl_not-a-real-token'),
        });
        assert.equal(wrong.statusCode, 401);
      }
      const publish = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(contributor.token),
        payload: { headline: 'X', body: 'Y', status: 'published' },
      });
      assert.equal(publish.statusCode, 403);
      const draft = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(contributor.token),
        payload: { headline: 'Contributor Draft', body: 'Y' },
      });
      assert.equal(draft.statusCode, 201);
      assert.equal(draft.json().status, 'draft');
      for (const [method, url, payload] of cases.slice(1)) {
        const res = await t.app.inject({ method: method as 'POST', url, payload, headers: bearer(author.token) });
        assert.equal(res.statusCode, 403, `${method} ${url} as an author`);
      }
    });

    it('redirects an old slug to the new API address', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const a = await makeArticle(t.deps, { headline: 'Api Old' }, editor);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${a.id}`,
        headers: bearer(editor.token),
        payload: { slug: 'api-new' },
      });
      const res = await t.app.inject({ url: '/api/articles/api-old' });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/api/articles/api-new');
    });
  });
}
