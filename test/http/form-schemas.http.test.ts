import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
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

// Every form route that once answered a failed schema with Ajv's bare 400 (scripts/form-routes.ts lists them):
// each now answers as a person or a script can use it. Each case fails if its route goes back to 400.
for (const dialect of dialects) {
  describe(`routes that answered a failed schema with 400 on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { env: { COMMENT_RATE_LIMIT: '1/60' } });
    });
    after(() => t.close());

    it('the first-run form (before any account): the page again with 422, the message beside the name', async () => {
      const page = await t.app.inject({ url: '/admin/setup' });
      assert.equal(page.statusCode, 200);
      const cookie = String(page.headers['set-cookie']).split(';')[0];
      const token = /name="_token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/setup',
        headers: { ...formHeaders, cookie },
        payload: form({ _token: token, code: 'x', name: 'N'.repeat(1001), email: 'kept@news.test', password: 'p' }),
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Name: at most 1000 characters\./);
      assert.match(res.body, /value="kept@news.test"/);
    });

    it("the editor's preview and autosave answer JSON 422 naming the field, whatever the Accept header", async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const preview = await deskPost(t.app, editor, '/admin/preview', { body: ['one', 'two'] });
      assert.equal(preview.statusCode, 422);
      assert.match(String(preview.headers['content-type']), /application\/json/);
      assert.deepEqual(preview.json().error, {
        code: 'invalid_form',
        message: 'body: this is not a value the form accepts.',
        field: 'body',
      });
      const autosave = await deskPost(t.app, editor, '/admin/autosave', { headline: 'No article named' });
      assert.equal(autosave.statusCode, 422);
      assert.equal(autosave.json().error.field, 'article');
      assert.equal(autosave.json().error.message, 'article: fill this in.');
    });

    it("discarding an autosave with a tampered hidden field: a 422 page, not Ajv's 400", async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await deskPost(t.app, editor, '/admin/autosave/discard', { article: 'x'.repeat(65) });
      assert.equal(res.statusCode, 422);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.body, /article: at most 64 characters\./);
    });

    it('deleting with a malformed confirmation: the confirmation page again with 422, nothing deleted', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const a = await makeArticle(t.deps);
      assert.equal((await deskPost(t.app, admin, `/admin/articles/${a.id}/trash`, {})).statusCode, 303);
      const res = await deskPost(t.app, admin, `/admin/articles/${a.id}/delete`, { confirm: ['delete', 'delete'] });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /name="confirm" value="delete"/);
      const row = await t.deps.db.selectFrom('articles').select('id').where('id', '=', a.id).executeTakeFirst();
      assert.ok(row, 'the article is still there');
    });

    it('removing a site image with a malformed kind: the settings page again with 422', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const res = await deskPost(t.app, admin, '/admin/settings/images/remove', { kind: 'k'.repeat(21) });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /<h1>Site settings<\/h1>/);
      assert.match(res.body, /role="alert">kind: at most 20 characters\.</);
    });

    it('the article and report pages ignore a hand-edited query: the page as it opens', async () => {
      const a = await makeArticle(t.deps);
      const article = await t.app.inject({ url: `/articles/${a.slug}?replyto=a&replyto=b&comment=${'x'.repeat(30)}` });
      assert.equal(article.statusCode, 200);
      assert.match(article.body, new RegExp(a.headline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: '10.9.8.7',
        payload: { name: 'Reporter', email: 'r@example.org', body: 'A comment to report' },
      });
      assert.equal(posted.statusCode, 201, posted.body);
      const report = await t.app.inject({ url: `/comments/${posted.json().id}/report?sent=${'1'.repeat(11)}` });
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /<textarea[^>]*name="reason"/);
    });

    it('an unsubscribe link that fails its schema is a broken link (a clear 400), on the page and on its button', async () => {
      const url = '/notifications/unsubscribe?token=a&token=b';
      const page = await t.app.inject({ url, headers: { accept: 'application/json' } });
      assert.equal(page.statusCode, 400);
      assert.equal(page.json().error.code, 'invalid_unsubscribe_link');
      const button = await t.app.inject({ method: 'POST', url, headers: formHeaders, payload: '' });
      assert.equal(button.statusCode, 400);
      assert.match(button.body, /This unsubscribe link is not valid/);
    });

    it('search with an over-long or repeated field: the search page with 422 and the message beside the field', async () => {
      const long = await t.app.inject({ url: `/search?q=${'w'.repeat(10_001)}` });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /Words to find: at most 10000 characters\./);
      assert.match(long.body, /<input[^>]* aria-invalid="true"/);
      const repeated = await t.app.inject({ url: '/search?q=harbour&sort=newest&sort=old' });
      assert.equal(repeated.statusCode, 422);
      assert.match(repeated.body, /Order: this is not a value the form accepts\./);
      assert.match(repeated.body, /value="harbour"/);
    });

    it('in Spanish: the form message names the field by its Spanish label, and the 429 says to wait in Spanish', async () => {
      await updateSettings(t.deps, { language: 'es' });
      try {
        const search = await t.app.inject({ url: `/search?q=${'w'.repeat(10_001)}` });
        assert.equal(search.statusCode, 422);
        assert.match(search.body, /Palabras que buscar: como máximo 10000 caracteres\./);
        const a = await makeArticle(t.deps);
        const post = () =>
          t.app.inject({
            method: 'POST',
            url: `/articles/${a.slug}/comments`,
            remoteAddress: '10.1.2.3',
            headers: formHeaders,
            payload: form({ name: 'Ana', email: 'ana@example.org', comment: 'Hola' }),
          });
        assert.notEqual((await post()).statusCode, 429);
        const limited = await post();
        assert.equal(limited.statusCode, 429);
        assert.match(limited.body, /Estás enviando demasiado rápido\. Espera \d+ segundos? y vuelve a intentarlo\./);
      } finally {
        await updateSettings(t.deps, { language: 'en' });
      }
    });
  });
}
