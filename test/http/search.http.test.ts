import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { createArticle } from '../../src/modules/articles/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
async function assertValidHtml(html: string) {
  const report = await validator.validateString(html);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'));
}

for (const dialect of dialects) {
  describe(`search pages and API on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      const editor = await makeStaff(t.deps, 'editor', 'Ines Ortega');
      await makeSection(t.deps, 'Harbour');
      await makeArticle(
        t.deps,
        {
          headline: 'Harbour <b>board</b> approves <script>alert(1)</script> dredging',
          section: 'Harbour',
          body: 'The dredging of the outer basin <img src=x onerror=alert(2)> starts in spring, the board said.',
        },
        editor,
      );
      await createArticle(t.deps, {
        staff: editor,
        article: { headline: 'Secret dredging draft', body: 'dredging plans', status: 'draft' },
      });
    });
    after(() => t.close());

    it('has a search box in the masthead that works as a plain GET form', async () => {
      const html = (await t.app.inject({ url: '/' })).body;
      assert.match(html, /<form class="masthead-search" action="\/search" method="get" role="search">/);
      assert.match(html, /<label for="masthead-q"[^>]*>Search the site<\/label>/);
      assert.match(html, /<input id="masthead-q" type="search" name="q"/);
    });

    it('shows results with the words marked, escaped, and never a draft', async () => {
      const res = await t.app.inject({ url: '/search?q=dredging' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /One article<\/?[^>]*>?|One article found/);
      assert.match(res.body, /<mark>dredging<\/mark>/i);
      assert.ok(!res.body.includes('<script>alert(1)'), 'headline text stays text');
      assert.ok(!res.body.includes('<img src=x'), 'body text stays text');
      assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script> <mark>dredging<\/mark>/);
      assert.ok(!res.body.includes('Secret dredging draft'));
      assert.ok(!res.body.includes('\u0002') && !res.body.includes('\u0003'));
      assert.match(res.body, /<meta name="robots" content="noindex, follow"/);
      await assertValidHtml(res.body);
    });

    it('helps when nothing matches, and offers to drop the filters', async () => {
      const res = await t.app.inject({ url: '/search?q=zeppelin&section=harbour' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Nothing found for “zeppelin”/);
      assert.match(res.body, /Check the spelling/);
      assert.match(res.body, /href="\/search\?q=zeppelin">Search all sections and dates/);
      assert.match(res.body, /href="\/sections\/harbour">Harbour/);
      await assertValidHtml(res.body);
    });

    it('shows the form again with 422 and a message for a bad filter', async () => {
      const res = await t.app.inject({ url: '/search?q=dredging&from=2026-02-30' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /is not a date; write it as YYYY-MM-DD/);
      assert.match(res.body, /id="search-from" type="date" name="from" value="2026-02-30" aria-invalid="true"/);
      const empty = await t.app.inject({ url: '/search' });
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<h1 class="list-title">Search<\/h1>/);
    });

    it('finds articles by a renamed tag and a renamed byline', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin', 'Old Byline Name');
      await makeArticle(t.deps, { headline: 'Breakwater repairs', body: 'Stones.', tags: ['Masonry'] }, admin);
      const tag = await t.deps.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', 'masonry')
        .executeTakeFirstOrThrow();
      assert.equal(
        (await deskPost(t.app, admin, `/admin/tags/${tag.id}/rename`, { name: 'Stonework', slug: 'stonework' }))
          .statusCode,
        303,
      );
      assert.equal((await t.app.inject({ url: '/api/search?q=stonework' })).json().total, 1);
      assert.equal((await t.app.inject({ url: '/api/search?q=masonry' })).json().total, 0);
      assert.equal(
        (
          await deskPost(t.app, admin, '/admin/account/profile', {
            name: 'Renamed Correspondent',
            bio: '',
            photoUrl: '',
          })
        ).statusCode,
        303,
      );
      assert.equal((await t.app.inject({ url: '/api/search?q=correspondent' })).json().total, 1);
      assert.equal((await t.app.inject({ url: '/api/search?q=byline' })).json().total, 0);
    });

    it('answers GET /api/search with articles, escaped marked snippets, and documents it', async () => {
      const res = await t.app.inject({ url: '/api/search?q=dredging&sort=newest' });
      assert.equal(res.statusCode, 200);
      const json = res.json();
      assert.equal(json.total, 1);
      assert.equal(json.results[0].article.section.slug, 'harbour');
      assert.match(
        json.results[0].headlineHtml,
        /^Harbour &lt;b&gt;board&lt;\/b&gt; approves &lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>dredging<\/mark>$/,
      );
      assert.match(json.results[0].snippetHtml, /<mark>dredging<\/mark>/);
      assert.ok(!json.results[0].snippetHtml.includes('<img'));
      assert.ok(!json.results[0].snippet.includes('<mark>'));
      assert.equal((await t.app.inject({ url: '/api/search' })).statusCode, 400);
      const bad = await t.app.inject({ url: '/api/search?q=x&section=nowhere' });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.code, 'unknown_section');
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.ok(doc.paths['/api/search'].get.parameters.some((p: { name: string }) => p.name === 'q'));
    });
  });
}
