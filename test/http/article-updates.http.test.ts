// Updates and corrections: editors record them at the desk (a plain form, with its token, audited) and through the
// API; readers see them on the article, newest first, corrections marked, in the newsroom's time; dateModified
// moves with them and with real edits only; /corrections lists every correction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { updateArticle, type Article } from '../../src/modules/articles/index.ts';
import { listAudit } from '../../src/modules/audit/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
async function assertValidHtml(html: string) {
  const report = await validator.validateString(html);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'));
}
const havana = (d: Date) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Havana' }).format(d);

for (const dialect of dialects) {
  describe(`updates and corrections on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    let editor: DeskUser;
    let article: Article;
    const modifiedAt = async (slug: string) =>
      (await t.app.inject({ url: `/api/articles/${slug}` })).json().modifiedAt as string;

    before(async () => {
      t = await createTestApp(dialect, { clock });
      await updateSettings(t.deps, { timeZone: 'America/Havana' });
      editor = await makeDeskUser(t.app, t.deps, 'editor', 'Desk Editor');
      article = await makeArticle(t.deps, { headline: 'Council Votes on Ferry Subsidy', commentStatus: 'open' });
    });
    after(() => t.close());

    it('records an update and a correction from the desk form, without JavaScript, audited; readers see both, newest first', async () => {
      const editorPage = await t.app.inject({
        url: `/admin/articles/${article.id}/edit`,
        headers: { cookie: editor.cookie },
      });
      assert.match(
        editorPage.body,
        new RegExp(
          `<a href="/admin/articles/${article.id}/updates">Record an update or a correction readers will see</a>`,
        ),
      );
      const form = await t.app.inject({
        url: `/admin/articles/${article.id}/updates`,
        headers: { cookie: editor.cookie },
      });
      assert.equal(form.statusCode, 200);
      await assertValidHtml(form.body);
      assert.match(form.body, /<form method="post" action="\/admin\/articles\/[^"]+\/updates"/);
      clock.advance(40 * 60_000);
      const update = await deskPost(t.app, editor, `/admin/articles/${article.id}/updates`, {
        kind: 'update',
        note: "Adds the minister's statement.",
      });
      assert.equal(update.statusCode, 303);
      assert.equal(update.headers.location, `/admin/articles/${article.id}/updates?done=update`);
      const updatedAt = clock.now();
      clock.advance(20 * 60_000);
      const correction = await deskPost(t.app, editor, `/admin/articles/${article.id}/updates`, {
        kind: 'correction',
        note: "An earlier version misspelled the minister's name.",
      });
      assert.equal(correction.statusCode, 303);
      const correctedAt = clock.now();

      const page = await t.app.inject({ url: `/articles/${article.slug}` });
      await assertValidHtml(page.body);
      const items = [
        ...page.body.matchAll(
          /<li class="(article-update(?: correction)?)" id="update-[^"]+"><strong class="update-kind">(\w+)<\/strong> <time datetime="([^"]+)">([^<]+)<\/time>: ([^<]+)<\/li>/g,
        ),
      ];
      assert.deepEqual(
        items.map((m) => [m[1], m[2], m[3], m[4], m[5]]),
        [
          [
            'article-update correction',
            'Correction',
            correctedAt.toISOString(),
            havana(correctedAt),
            "An earlier version misspelled the minister's name.",
          ],
          ['article-update', 'Update', updatedAt.toISOString(), havana(updatedAt), "Adds the minister's statement."],
        ],
      );
      assert.match(
        page.body,
        new RegExp(`Updated <time datetime="${correctedAt.toISOString()}">${havana(correctedAt)}</time>`),
      );
      const audit = (await listAudit(t.deps.db, { limit: 10, offset: 0 })).entries.map((e) => [
        e.action,
        e.actorName,
        e.subject,
      ]);
      assert.deepEqual(audit.slice(0, 2), [
        ['article.correction_recorded', 'Desk Editor', article.slug],
        ['article.update_recorded', 'Desk Editor', article.slug],
      ]);
    });

    it('refuses a form without its token, an empty note, a kind that is neither; shows the form again with what was typed', async () => {
      const forged = await t.app.inject({
        method: 'POST',
        url: `/admin/articles/${article.id}/updates`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: 'kind=update&note=Forged',
      });
      assert.equal(forged.statusCode, 403);
      const empty = await deskPost(t.app, editor, `/admin/articles/${article.id}/updates`, {
        kind: 'correction',
        note: '   ',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Write what changed/);
      assert.match(empty.body, /value="correction" checked/);
      await assertValidHtml(empty.body);
      const odd = await deskPost(t.app, editor, `/admin/articles/${article.id}/updates`, {
        kind: 'retraction',
        note: 'Kept as typed',
      });
      assert.equal(odd.statusCode, 422);
      assert.match(odd.body, />Kept as typed<\/textarea>/);
      const draft = await makeArticle(t.deps, { headline: 'Unfinished', status: 'draft' });
      const refused = await deskPost(t.app, editor, `/admin/articles/${draft.id}/updates`, {
        kind: 'update',
        note: 'Too early',
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /for published articles/);
    });

    it('lets editors and admins record them, and no one else', async () => {
      const author = await makeDeskUser(t.app, t.deps, 'author');
      assert.equal(
        (await t.app.inject({ url: `/admin/articles/${article.id}/updates`, headers: { cookie: author.cookie } }))
          .statusCode,
        403,
      );
      assert.equal(
        (await deskPost(t.app, author, `/admin/articles/${article.id}/updates`, { kind: 'update', note: 'Sneaky' }))
          .statusCode,
        403,
      );
    });

    it('records, lists and removes them through the API, described by its schema', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const auth = { authorization: `Bearer ${staff.token}` };
      clock.advance(60_000);
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.id}/updates`,
        headers: auth,
        payload: { kind: 'update', note: 'Adds photos from the vote.' },
      });
      assert.equal(created.statusCode, 201);
      const body = created.json();
      assert.deepEqual(Object.keys(body).sort(), ['createdAt', 'id', 'kind', 'note']);
      assert.equal(body.createdAt, clock.now().toISOString());
      const listed = (await t.app.inject({ url: `/api/articles/${article.slug}/updates` })).json().updates;
      assert.deepEqual(
        listed.map((u: { kind: string }) => u.kind),
        ['update', 'correction', 'update'],
      );
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.id}/updates`,
        headers: auth,
        payload: { kind: 'update', note: '' },
      });
      assert.equal(bad.statusCode, 400);
      const blank = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.id}/updates`,
        headers: auth,
        payload: { kind: 'update', note: '  ' },
      });
      assert.equal(blank.statusCode, 422);
      assert.equal(blank.json().error.code, 'note_required');
      const author = await makeStaff(t.deps, 'author');
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.id}/updates`,
        headers: { authorization: `Bearer ${author.token}` },
        payload: { kind: 'update', note: 'x' },
      });
      assert.equal(refused.statusCode, 403);
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/articles/${article.id}/updates/${body.id}`,
        headers: auth,
      });
      assert.equal(removed.statusCode, 204);
      assert.equal(
        (await t.app.inject({ method: 'DELETE', url: `/api/articles/${article.id}/updates/${body.id}`, headers: auth }))
          .statusCode,
        404,
      );
      assert.doesNotMatch((await t.app.inject({ url: `/articles/${article.slug}` })).body, /Adds photos from the vote/);
      assert.ok(
        (await listAudit(t.deps.db, { limit: 5, offset: 0 })).entries.some(
          (e) => e.action === 'article.update_removed' && e.details.note === 'Adds photos from the vote.',
        ),
      );
    });

    it('moves dateModified for a real edit and a recorded change, never for a comment or a save that changes nothing', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const story = await makeArticle(t.deps, { headline: 'Harbour Dredging Begins', commentStatus: 'open' }, staff);
      const published = story.publishedAt!.toISOString();
      assert.equal(await modifiedAt(story.slug), published);
      clock.advance(3_600_000);
      await postComment(t.deps, {
        slug: story.slug,
        name: 'Reader',
        email: 'reader@example.org',
        body: 'Finally.',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      assert.equal(await modifiedAt(story.slug), published, 'a comment is no change');
      const editorDesk = await makeDeskUser(t.app, t.deps, 'editor');
      const editPage = await t.app.inject({
        url: `/admin/articles/${story.id}/edit`,
        headers: { cookie: editorDesk.cookie },
      });
      const fields = Object.fromEntries(
        [
          ...editPage.body.matchAll(
            /<(?:input|textarea)[^>]* name="(\w+)"(?:[^>]* value="([^"]*)")?[^>]*>(?:([^<]*)<\/textarea>)?/g,
          ),
        ]
          .filter((m) => !['_token', 'authors', 'pinned'].includes(m[1]))
          .map((m) => [
            m[1],
            (m[2] ?? m[3] ?? '')
              .replace(/&amp;/g, '&')
              .replace(/&quot;/g, '"')
              .replace(/&#39;/g, "'")
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>'),
          ]),
      );
      // Each select sends its selected option, or its first.
      const selects = Object.fromEntries(
        [...editPage.body.matchAll(/<select[^>]* name="(\w+)"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => [
          m[1],
          (/<option value="([^"]*)" selected/.exec(m[2]) ?? /<option value="([^"]*)"/.exec(m[2]))?.[1] ?? '',
        ]),
      );
      clock.advance(60_000);
      const unchanged = await deskPost(t.app, editorDesk, `/admin/articles/${story.id}`, {
        ...fields,
        ...selects,
        authors: story.authors.map((a) => a.id),
        action: 'save',
      });
      assert.equal(unchanged.statusCode, 303, /class="form-error"[^>]*>([^<]+)/.exec(unchanged.body)?.[1]);
      assert.equal(await modifiedAt(story.slug), published, 'the form sent back as it was is no change');
      clock.advance(60_000);
      await updateArticle(t.deps, { staff, id: story.id, changes: { pinned: true } });
      assert.equal(await modifiedAt(story.slug), published, 'a pin is no change');
      clock.advance(60_000);
      await updateArticle(t.deps, { staff, id: story.id, changes: { body: 'The dredgers arrived at dawn.' } });
      assert.equal(await modifiedAt(story.slug), clock.now().toISOString(), 'a new body is');
      clock.advance(60_000);
      await deskPost(t.app, editorDesk, `/admin/articles/${story.id}/updates`, {
        kind: 'correction',
        note: 'Dredging began on Monday, not Tuesday.',
      });
      assert.equal(await modifiedAt(story.slug), clock.now().toISOString(), 'a correction is');
    });

    it('lists every correction at /corrections, newest first, linking to it on its article; never updates or unpublished articles', async () => {
      const first = await t.app.inject({ url: '/corrections' });
      await assertValidHtml(first.body);
      const corrections = [
        ...first.body.matchAll(
          /<li><p class="meta"><time datetime="[^"]+">[^<]+<\/time><\/p><p><a href="([^"]+)">([^<]+)<\/a><\/p><p class="correction-note">([^<]+)<\/p><\/li>/g,
        ),
      ];
      assert.deepEqual(
        corrections.map((m) => [m[2], m[3]]),
        [
          ['Harbour Dredging Begins', 'Dredging began on Monday, not Tuesday.'],
          ['Council Votes on Ferry Subsidy', "An earlier version misspelled the minister's name."],
        ],
      );
      assert.match(corrections[1][1], new RegExp(`^/articles/${article.slug}#update-`));
      const staff = await makeStaff(t.deps, 'editor');
      await updateArticle(t.deps, { staff, id: article.id, changes: { status: 'draft' } });
      const after = await t.app.inject({ url: '/corrections' });
      assert.doesNotMatch(
        after.body,
        /Council Votes on Ferry Subsidy/,
        'the page follows the article out of public view (its cached copy was dropped)',
      );
    });
  });
}
