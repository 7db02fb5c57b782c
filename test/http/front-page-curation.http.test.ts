// Editors arrange the front page on the desk: the lead, the top stories' order, the rest newest first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { trashArticle } from '../../src/modules/articles/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`front page curation on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    const stories: Article[] = [];
    before(async () => {
      t = await createTestApp(dialect);
      editor = await makeDeskUser(t.app, t.deps, 'editor');
      for (const [i, headline] of [
        'Harbour Wall Repairs Begin',
        'School Board Votes on Buses',
        'Library Opens on Sundays',
        'Storm Closes the Coast Road',
      ].entries()) {
        stories.push(await makeArticle(t.deps, { headline, publishAt: `2026-03-0${i + 1}T08:00:00.000Z` }));
      }
    });
    after(() => t.close());

    const [wall, school, library, storm] = [0, 1, 2, 3].map((i) => () => stories[i]!);
    /** The front page's headlines, in the order readers see them. */
    const frontHeadlines = async () => {
      const res = await t.app.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      return [...res.body.matchAll(/<h[23] class="card-headline"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    const deskPage = async (who: DeskUser = editor) =>
      t.app.inject({ url: '/admin/front-page', headers: { cookie: who.cookie } });
    const arrangementOn = (body: string) => {
      const found =
        /name="arrangement" value(?:="([^"]*)")?/.exec(body) ?? assert.fail('the page carries the arrangement');
      return found[1] ?? '';
    };
    const move = async (value: string, extra: Record<string, string | string[]> = {}, who: DeskUser = editor) => {
      const arrangement = arrangementOn((await deskPage(who)).body);
      return deskPost(t.app, who, '/admin/front-page', { arrangement, move: value, ...extra });
    };

    it('shows newest first until an editor places a story; making one lead drops the cached front page at once', async () => {
      const first = await t.app.inject({ url: '/' });
      assert.equal((await t.app.inject({ url: '/' })).headers['x-page-cache'], 'hit', 'the front page is cached');
      assert.deepEqual(await frontHeadlines(), [
        storm().headline,
        library().headline,
        school().headline,
        wall().headline,
      ]);
      assert.ok(first.body.includes(storm().headline));
      const res = await move(`lead:${wall().id}`);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/admin/front-page?done=1');
      const now = await t.app.inject({ url: '/' });
      assert.equal(now.headers['x-page-cache'], 'miss', 'the change dropped the cached page');
      assert.deepEqual(await frontHeadlines(), [
        wall().headline,
        storm().headline,
        library().headline,
        school().headline,
      ]);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'subject'])
        .where('action', '=', 'front_page.arranged')
        .execute();
      assert.deepEqual(audit, [{ action: 'front_page.arranged', actor_id: editor.id, subject: wall().slug }]);
    });

    it('adds top stories after the lead, moves them up and down, and reorders them all as a drag does', async () => {
      assert.equal((await move(`add:${school().id}`)).statusCode, 303);
      assert.deepEqual(await frontHeadlines(), [
        wall().headline,
        school().headline,
        storm().headline,
        library().headline,
      ]);
      assert.equal((await move(`up:${school().id}`)).statusCode, 303);
      assert.deepEqual((await frontHeadlines()).slice(0, 2), [school().headline, wall().headline]);
      assert.equal((await move(`down:${school().id}`)).statusCode, 303);
      assert.deepEqual((await frontHeadlines()).slice(0, 2), [wall().headline, school().headline]);
      const dragged = await move('order', { order: [school().id, wall().id] });
      assert.equal(dragged.statusCode, 303, dragged.body);
      assert.deepEqual(await frontHeadlines(), [
        school().headline,
        wall().headline,
        storm().headline,
        library().headline,
      ]);
      const api = (await t.app.inject({ url: '/api/articles' })).json() as {
        articles: { slug: string; pinned: boolean }[];
      };
      assert.deepEqual(
        api.articles.map((a) => [a.slug, a.pinned]),
        [
          [school().slug, true],
          [wall().slug, true],
          [storm().slug, false],
          [library().slug, false],
        ],
      );
      const desk = await deskPage();
      assert.match(
        desk.body,
        /<span class="front-place">Lead<\/span> <a href="[^"]+" class="front-headline">School Board Votes on Buses<\/a>/,
      );
    });

    it('refuses a change made on a page that is out of date, and an order that is not the top stories', async () => {
      const stale = arrangementOn((await deskPage()).body);
      assert.equal((await move(`remove:${wall().id}`)).statusCode, 303);
      const late = await deskPost(t.app, editor, '/admin/front-page', {
        arrangement: stale,
        move: `lead:${storm().id}`,
      });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Someone else changed the front page since you opened it/);
      assert.deepEqual((await frontHeadlines())[0], school().headline, 'nothing changed');
      const wrong = await move('order', { order: [storm().id] });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /must name each top story once/);
      const junk = await move('sideways:x');
      assert.equal(junk.statusCode, 422);
      assert.match(junk.body, /Choose a move with one of the buttons/);
      const missing = await move('lead:no-such-article');
      assert.equal(missing.statusCode, 404);
    });

    it('lets only editors and admins arrange it: others are refused on the page and on the form', async () => {
      for (const role of ['author', 'contributor', 'moderator'] as const) {
        const who = await makeDeskUser(t.app, t.deps, role);
        assert.equal((await deskPage(who)).statusCode, 403, role);
        const res = await deskPost(t.app, who, '/admin/front-page', { arrangement: '', move: `lead:${storm().id}` });
        assert.equal(res.statusCode, 403, role);
        assert.doesNotMatch(
          (await t.app.inject({ url: '/admin/articles', headers: { cookie: who.cookie } })).body,
          /href="\/admin\/front-page"/,
        );
      }
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      assert.equal((await deskPage(admin)).statusCode, 200);
      assert.match((await deskPage(admin)).body, /href="\/admin\/front-page"/);
    });

    it('keeps drafts off it, skips a lead that left the site, and lets a trashed or deleted one drop out', async () => {
      const writer = await makeStaff(t.deps, 'editor');
      const draft = await makeArticle(t.deps, { headline: 'Unfinished Draft', status: 'draft' }, writer);
      const refused = await move(`lead:${draft.id}`);
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /only published or scheduled stories go on the front page/);
      assert.equal((await move(`lead:${library().id}`)).statusCode, 303);
      // Taken back to draft by its editor: readers skip it, the desk says why.
      const current = (await t.app.inject({ url: `/api/articles/${library().slug}` })).json() as { version: number };
      const back = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${library().id}`,
        headers: { authorization: `Bearer ${writer.token}` },
        payload: { status: 'draft', version: current.version },
      });
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual((await frontHeadlines())[0], school().headline);
      assert.match((await deskPage()).body, /Not on the site \(draft\): readers skip it/);
      await trashArticle(t.deps, { staff: writer, id: library().id });
      assert.doesNotMatch((await deskPage()).body, /Library Opens on Sundays<\/a><small/);
      const placed = await t.deps.db.selectFrom('front_page_slots').select('article_id').orderBy('position').execute();
      assert.deepEqual(
        placed.map((p) => p.article_id),
        [school().id],
      );
      // Deleted for good: the database lets it go with its place.
      assert.equal((await move(`add:${storm().id}`)).statusCode, 303);
      await t.deps.db.deleteFrom('articles').where('id', '=', storm().id).execute();
      const left = await t.deps.db.selectFrom('front_page_slots').select('article_id').orderBy('position').execute();
      assert.deepEqual(
        left.map((p) => p.article_id),
        [school().id],
      );
      assert.equal((await deskPage()).statusCode, 200);
    });
  });
}
