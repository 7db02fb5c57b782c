import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findPublicArticle } from '../../src/modules/articles/index.ts';
import { listAudit } from '../../src/modules/audit/index.ts';
import { createApiToken, createUser } from '../../src/modules/people/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD, signInAs } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection } from '../support/newsroom.ts';

const article = (over: Record<string, string | string[]> = {}) => ({
  headline: 'Desk Written Story',
  body: 'Written at the desk.\n\nSecond paragraph.',
  dateline: 'ALDER BAY –',
  tags: 'Harbour, Boats',
  commentStatus: 'default',
  ...over,
});

for (const dialect of dialects) {
  describe(`the desk on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      await makeSection(t.deps, 'Harbour');
    });
    after(() => t.close());

    it('sends the anonymous to the sign-in page and refuses their posts', async () => {
      const res = await t.app.inject({ url: '/admin/articles?status=draft' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/sign-in?next=%2Fadmin%2Farticles%3Fstatus%3Ddraft');
      const post = await t.app.inject({
        method: 'POST',
        url: '/admin/articles',
        headers: formHeaders,
        payload: form(article()),
      });
      assert.equal(post.statusCode, 401);
      assert.equal((await t.app.inject({ url: '/admin/sign-in' })).statusCode, 200);
    });

    it('signs in with an httpOnly SameSite session cookie scoped to the desk, and never for a wrong password', async () => {
      const user = await createUser(t.deps, {
        email: 'signin@newsroom.test',
        name: 'Sign In',
        role: 'editor',
        password: PASSWORD,
      });
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: user.email, password: 'not it at all' }),
      });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /That email and password do not match an account\./);
      assert.equal(wrong.headers['set-cookie'], undefined);
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: 'nobody@newsroom.test', password: PASSWORD }),
      });
      assert.equal(unknown.statusCode, 401);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: user.email, password: PASSWORD, next: 'https://evil.example/' }),
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/admin/articles', 'never redirects off the desk');
      const cookie = String(ok.headers['set-cookie']);
      assert.match(cookie, /^dl_session=[A-Za-z0-9_-]{40,};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\/admin/);
      const stored = await t.deps.db.selectFrom('sessions').select('token_hash').execute();
      assert.ok(
        stored.every((s) => !cookie.includes(s.token_hash)),
        'only a hash of the secret is stored',
      );
    });

    it('slows brute force: after 5 failures the account answers 429 even with the right password', async () => {
      const user = await createUser(t.deps, {
        email: 'brute@newsroom.test',
        name: 'Brute',
        role: 'author',
        password: PASSWORD,
      });
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: formHeaders,
          payload: form({ email: user.email, password: `guess ${i} wrong` }),
        });
        assert.equal(r.statusCode, 401);
      }
      const blocked = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: formHeaders,
        payload: form({ email: user.email, password: PASSWORD }),
      });
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /Too many failed sign-ins/);
      assert.equal(blocked.headers['retry-after'], '900');
      clock.advance(15 * 60_000 + 1000);
      await signInAs(t.app, user.email);
      const failures = (await listAudit(t.deps.db, { limit: 100, offset: 0 })).entries.filter(
        (e) => e.action === 'sign_in.failed' && e.subject === user.email,
      );
      assert.equal(failures.length, 5, 'each failure is in the audit log');
    });

    it("refuses a desk form without the session's form token", async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/articles',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form(article()),
      });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /out of date or came from elsewhere/);
      const other = await makeDeskUser(t.app, t.deps, 'editor');
      const stolen = await deskPost(t.app, { cookie: editor.cookie, token: other.token }, '/admin/articles', article());
      assert.equal(stolen.statusCode, 403, 'a token belongs to one session');
    });

    it('writes a draft, publishes it, schedules another, and unpublishes, all through plain forms', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor', 'Desk Editor');
      const created = await deskPost(
        t.app,
        editor,
        '/admin/articles',
        article({ section: 'harbour', authors: editor.id, action: 'save' }),
      );
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const editUrl = String(created.headers.location).split('?')[0];
      assert.match(editUrl, /^\/admin\/articles\/[0-9a-f-]+\/edit$/);
      const id = editUrl.split('/')[3];
      assert.equal(await findPublicArticle(t.deps, 'desk-written-story'), undefined, 'a draft is not public');
      const page = await t.app.inject({ url: created.headers.location as string, headers: { cookie: editor.cookie } });
      assert.match(page.body, /Saved\./);
      assert.match(page.body, /Status: <strong>draft<\/strong>/);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];

      const published = await deskPost(
        t.app,
        editor,
        `/admin/articles/${id}`,
        article({ section: 'harbour', authors: editor.id, action: 'publish', version: version! }),
      );
      assert.equal(published.statusCode, 303);
      const found = await findPublicArticle(t.deps, 'desk-written-story');
      assert.ok(found && 'article' in found && found.article.section?.slug === 'harbour');
      assert.deepEqual(
        found.article.tags.map((x) => x.name),
        ['Boats', 'Harbour'],
      );

      const later = await deskPost(
        t.app,
        editor,
        '/admin/articles',
        article({
          headline: 'Scheduled At The Desk',
          authors: editor.id,
          action: 'schedule',
          publishAt: '2026-11-21T09:00',
        }),
      );
      assert.equal(later.statusCode, 303);
      const scheduled = await t.deps.db
        .selectFrom('articles')
        .select(['published_at', 'status'])
        .where('slug', '=', 'scheduled-at-the-desk')
        .executeTakeFirstOrThrow();
      assert.equal(
        scheduled.published_at,
        '2026-11-21T09:00:00.000Z',
        'the wall time is read in the site time zone (UTC here)',
      );
      const noTime = await deskPost(
        t.app,
        editor,
        '/admin/articles',
        article({ headline: 'No Time Given', authors: editor.id, action: 'schedule' }),
      );
      assert.equal(noTime.statusCode, 422);
      assert.match(noTime.body, /Choose the publication time/);

      const unpublished = await deskPost(
        t.app,
        editor,
        `/admin/articles/${id}`,
        article({ section: 'harbour', authors: editor.id, action: 'unpublish' }),
      );
      assert.equal(unpublished.statusCode, 303);
      assert.equal(await findPublicArticle(t.deps, 'desk-written-story'), undefined);
      const actions = (await listAudit(t.deps.db, { limit: 200, offset: 0 })).entries
        .filter((e) => e.actorId === editor.id)
        .map((e) => e.action);
      for (const a of ['article.created', 'article.published', 'article.scheduled', 'article.unpublished'])
        assert.ok(actions.includes(a), a);
    });

    it('keeps what was typed and says why when a save is refused', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await deskPost(
        t.app,
        editor,
        '/admin/articles',
        article({ headline: '', body: 'Body I must not lose', authors: editor.id, action: 'save' }),
      );
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /The headline must not be empty\./);
      assert.match(res.body, /Body I must not lose<\/textarea>/);
      assert.match(
        res.body,
        /<input id="headline" name="headline" required maxlength="300" value(="")? aria-invalid="true" aria-describedby="headline-error"\/><strong id="headline-error" class="field-error">The headline must not be empty\./,
      );
      assert.match(
        res.body,
        /<div class="error-summary" role="alert">.*<a href="#headline">The headline must not be empty\.<\/a>/s,
      );
    });

    it("answers a conflicting save with 409, the other person's change kept and this person's text shown", async () => {
      const a = await makeDeskUser(t.app, t.deps, 'editor');
      const b = await makeDeskUser(t.app, t.deps, 'editor');
      const story = await makeArticle(t.deps, { headline: 'Shared Story', authors: [a.id] });
      const base = {
        ...article({ headline: 'Shared Story', authors: a.id }),
        version: String(story.version),
        action: 'save',
      };
      assert.equal(
        (await deskPost(t.app, a, `/admin/articles/${story.id}`, { ...base, headline: 'Edited By A' })).statusCode,
        303,
      );
      const second = await deskPost(t.app, b, `/admin/articles/${story.id}`, {
        ...base,
        headline: 'Edited By B',
        body: 'B typed this carefully',
      });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /Someone else saved this article since you opened it/);
      assert.match(second.body, /B typed this carefully/);
      const found = await findPublicArticle(t.deps, story.slug);
      assert.ok(found && 'article' in found && found.article.headline === 'Edited By A');
    });

    it('enforces roles: contributors never publish, authors edit only their own', async () => {
      const contributor = await makeDeskUser(t.app, t.deps, 'contributor');
      const draft = await deskPost(
        t.app,
        contributor,
        '/admin/articles',
        article({ headline: 'Contributor Copy', authors: contributor.id, action: 'save' }),
      );
      assert.equal(draft.statusCode, 303);
      const editPage = await t.app.inject({
        url: String(draft.headers.location),
        headers: { cookie: contributor.cookie },
      });
      assert.doesNotMatch(editPage.body, /value="publish"/, 'no Publish button for a contributor');
      const id = String(draft.headers.location).split('/')[3];
      const publish = await deskPost(
        t.app,
        contributor,
        `/admin/articles/${id}`,
        article({ headline: 'Contributor Copy', authors: contributor.id, action: 'publish' }),
      );
      assert.equal(publish.statusCode, 403);
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const others = await makeArticle(t.deps);
      assert.equal(
        (await t.app.inject({ url: `/admin/articles/${others.id}/edit`, headers: { cookie: author.cookie } }))
          .statusCode,
        403,
      );
      assert.equal(
        (await deskPost(t.app, author, `/admin/articles/${others.id}`, article({ action: 'save' }))).statusCode,
        403,
      );
      assert.equal((await deskPost(t.app, author, `/admin/articles/${others.id}/delete`, {})).statusCode, 403);
    });

    it('lists articles with filters, text search and sorting', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      await makeArticle(t.deps, { headline: 'Ferry 100% On Time', status: 'draft' });
      await makeArticle(t.deps, { headline: 'Lighthouse Repainted' });
      const search = await t.app.inject({ url: '/admin/articles?q=100%25', headers: { cookie: editor.cookie } });
      assert.match(search.body, /Ferry 100% On Time/);
      assert.doesNotMatch(search.body, /Lighthouse Repainted/);
      const drafts = await t.app.inject({
        url: '/admin/articles?status=draft&sort=headline',
        headers: { cookie: editor.cookie },
      });
      assert.match(drafts.body, /Ferry 100% On Time/);
      assert.doesNotMatch(drafts.body, /Lighthouse Repainted/);
      assert.equal(drafts.headers['cache-control'], 'no-store');
    });

    it('changes a password, signs out everywhere else, and signs out', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const elsewhere = await signInAs(t.app, editor.email);
      const wrong = await deskPost(t.app, editor, '/admin/account/password', {
        current: 'not my password',
        next: 'a brand new password',
      });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /Your current password is not right/);
      const changed = await deskPost(t.app, editor, '/admin/account/password', {
        current: PASSWORD,
        next: 'a brand new password',
      });
      assert.equal(changed.statusCode, 303);
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: elsewhere.cookie } })).statusCode,
        303,
        'the other session ended',
      );
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } })).statusCode,
        200,
        'this one goes on',
      );
      const third = await signInAs(t.app, editor.email, 'a brand new password');
      assert.equal((await deskPost(t.app, editor, '/admin/account/sign-out-everywhere', {})).statusCode, 303);
      assert.equal((await t.app.inject({ url: '/admin/articles', headers: { cookie: third.cookie } })).statusCode, 303);
      assert.equal((await deskPost(t.app, editor, '/admin/sign-out', {})).statusCode, 303);
      assert.equal(
        (await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } })).statusCode,
        303,
      );
    });

    it('shows the audit log to admins only', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin', 'Ada Admin');
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const page = await t.app.inject({ url: '/admin/audit', headers: { cookie: admin.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /sign_in\.succeeded/);
      assert.equal((await t.app.inject({ url: '/admin/audit', headers: { cookie: editor.cookie } })).statusCode, 403);
    });
  });
}

describe('desk pages are valid HTML', () => {
  it('the list, the editor, the account, media and sections pages pass html-validate', async () => {
    const { HtmlValidate } = await import('html-validate');
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const t = await createTestApp('sqlite');
    try {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      await makeSection(t.deps, 'Valid');
      const story = await makeArticle(t.deps, { headline: 'Valid Story', section: 'valid', tags: ['Markup'] });
      const colleague = await createUser(t.deps, {
        email: 'valid.colleague@newsroom.test',
        name: 'Valid Colleague',
        role: 'author',
      });
      await createApiToken(t.deps, { email: colleague.email, label: 'feed', expiresIn: '7d' });
      await createApiToken(t.deps, { email: admin.email, label: 'mine' });
      for (const url of [
        `/admin/people/${colleague.id}`,
        '/admin/sign-in',
        '/admin/articles',
        '/admin/articles/new',
        `/admin/articles/${story.id}/edit`,
        `/admin/articles/${story.id}/revisions`,
        '/admin/account',
        '/admin/media',
        '/admin/sections',
        '/admin/people',
        '/admin/settings',
        '/admin/audit',
        '/admin/forgot',
      ]) {
        const signedOut = url === '/admin/sign-in' || url === '/admin/forgot';
        const res = await t.app.inject({ url, headers: signedOut ? {} : { cookie: admin.cookie } });
        assert.equal(res.statusCode, 200, url);
        const report = await validator.validateString(res.body);
        assert.ok(
          report.valid,
          `${url}:\n${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n')}`,
        );
      }
      // The editor of a draft as it answers making a preview link: the new link shown once, the live ones listed.
      const draft = await makeArticle(t.deps, { headline: 'Valid Draft', status: 'draft' });
      await deskPost(t.app, admin, `/admin/articles/${draft.id}/preview`, {});
      const made = await deskPost(t.app, admin, `/admin/articles/${draft.id}/preview`, {});
      assert.equal(made.statusCode, 200);
      const report = await validator.validateString(made.body);
      assert.ok(
        report.valid,
        `preview link:\n${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n')}`,
      );
    } finally {
      await t.close();
    }
  });
});
