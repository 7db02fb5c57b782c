import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

// A form that fails its route's schema comes back like one a service refused: 422, the page again, what was typed
// kept, the message beside the field, and a summary at the top linking to that field.
for (const dialect of dialects) {
  describe(`forms that fail their schema on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('the comment form: 422, the article page with the name marked and the summary linking to it', async () => {
      const a = await makeArticle(t.deps);
      const res = await t.app.inject({
        method: 'POST',
        url: `/articles/${a.slug}/comments`,
        headers: formHeaders,
        payload: form({ name: 'N'.repeat(10_001), email: 'ana@example.org', comment: 'Kept as typed' }),
      });
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /<input id="comment-name" name="name"[^>]* aria-invalid="true" aria-describedby="name-error"\/>/,
      );
      assert.match(res.body, /<p class="field-error" id="name-error">Name: at most 10000 characters\.<\/p>/);
      assert.match(
        res.body,
        /<div class="error-summary" role="alert">.*<a href="#comment-name">Name: at most 10000 characters\.<\/a>/s,
      );
      assert.match(res.body, /Kept as typed<\/textarea>/);
    });

    it('the editor: a refused save marks its field and links to it from the summary, the other fields kept', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await deskPost(t.app, editor, '/admin/articles', {
        headline: '',
        body: 'A body to keep.',
        dateline: 'ALDER BAY –',
        authors: editor.id,
        action: 'save',
      });
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /<input id="headline" name="headline"[^>]* aria-invalid="true" aria-describedby="headline-error"\/>/,
      );
      assert.match(res.body, /<strong id="headline-error" class="field-error">[^<]+<\/strong>/);
      assert.match(res.body, /<a href="#headline">[^<]+<\/a>/);
      assert.match(res.body, /A body to keep\.<\/textarea>/);
      assert.match(res.body, /value="ALDER BAY –"/);
      // Only the failing field is marked.
      assert.equal(res.body.match(/aria-invalid="true"/g)?.length, 1);
    });

    it('the discussion settings: a thread depth that is not a number names the field by its title, never its internal name', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const res = await deskPost(t.app, admin, '/admin/settings/discussion', { threadDepth: 'deep' });
      assert.equal(res.statusCode, 422);
      const summary = /<div class="error-summary" role="alert">(.*?)<\/div>/s.exec(res.body)?.[1] ?? '';
      assert.match(summary, /<a href="#threadDepth">Reply levels: give a whole number from 1 to 10\.<\/a>/);
      assert.doesNotMatch(summary, /threadDepth<|threadDepth:/);
      assert.match(res.body, /<input id="threadDepth" name="threadDepth"[^>]* aria-invalid="true"/);
    });

    it('signing in with an over-long email: 422 with the message beside the field, not a bare error page', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: `${'a'.repeat(1001)}@x.org`, password: 'x' }),
      });
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /<input id="email" name="email"[^>]* aria-invalid="true" aria-describedby="email-error"\/><strong id="email-error" class="field-error">Email: at most 1000 characters\.<\/strong>/,
      );
      assert.match(res.body, /<a href="#email">Email: at most 1000 characters\.<\/a>/);
    });

    it('asking for a password link with an over-long email: the form again with 422', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/forgot',
        headers: formHeaders,
        payload: form({ email: 'a'.repeat(1001) }),
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /<strong id="email-error" class="field-error">Email: at most 1000 characters\.<\/strong>/);
      assert.doesNotMatch(res.body, /a link is on its way/);
    });
  });
}
