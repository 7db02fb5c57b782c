import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { createArticle, trashArticle, updateArticle } from '../../src/modules/articles/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const moreOf = (html: string) => /<nav class="more-to-read"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';

for (const dialect of dialects) {
  describe(`more to read and date archives on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
    });
    after(() => t.close());

    it('ends an article with the newest of its section, before the discussion; never itself, drafts or scheduled ones', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      await makeSection(t.deps, 'Fisheries');
      const at = (d: string) => ({ status: 'published' as const, publishAt: d });
      const a = await makeArticle(
        t.deps,
        { headline: 'Cod quota cut', section: 'Fisheries', ...at('2026-11-01T09:00:00Z') },
        editor,
      );
      const b = await makeArticle(
        t.deps,
        { headline: 'Net mending school opens', section: 'Fisheries', ...at('2026-11-02T09:00:00Z') },
        editor,
      );
      const c = await makeArticle(
        t.deps,
        { headline: 'Harbour seals counted', section: 'Fisheries', ...at('2026-11-03T09:00:00Z') },
        editor,
      );
      await createArticle(t.deps, {
        staff: editor,
        article: { headline: 'Draft about fish', body: 'x', section: 'Fisheries', status: 'draft' },
      });
      await createArticle(t.deps, {
        staff: editor,
        article: {
          headline: 'Scheduled about fish',
          body: 'x',
          section: 'Fisheries',
          status: 'scheduled',
          publishAt: '2026-12-01T00:00:00Z',
        },
      });
      const html = (await t.app.inject({ url: `/articles/${a.slug}` })).body;
      const more = moreOf(html);
      assert.match(more, /More in <a href="\/sections\/fisheries">Fisheries<\/a>/);
      assert.ok(more.indexOf(c.headline) < more.indexOf(b.headline), 'newest first');
      assert.ok(
        !more.includes(a.headline) && !more.includes('Draft about fish') && !more.includes('Scheduled about fish'),
      );
      assert.ok(html.indexOf('class="more-to-read"') < html.indexOf('id="comments"'), 'before the discussion');
      const report = await validator.validateString(html);
      assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => m.message)).join('\n'));
    });

    it('without a section, lists the articles sharing the most tags', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const main = await makeArticle(
        t.deps,
        { headline: 'Lighthouse restored', tags: ['Lighthouses', 'Heritage', 'Coast'] },
        editor,
      );
      await makeArticle(t.deps, { headline: 'One tag shared', tags: ['Coast'] }, editor);
      await makeArticle(t.deps, { headline: 'Two tags shared', tags: ['Lighthouses', 'Heritage'] }, editor);
      await makeArticle(t.deps, { headline: 'No tag shared', tags: ['Markets'] }, editor);
      const more = moreOf((await t.app.inject({ url: `/articles/${main.slug}` })).body);
      assert.match(more, /More to read/);
      assert.ok(
        more.indexOf('Two tags shared') >= 0 && more.indexOf('Two tags shared') < more.indexOf('One tag shared'),
      );
      assert.ok(!more.includes('No tag shared') && !more.includes('Lighthouse restored'));
    });

    it('is cached with the page and dropped when what it lists changes', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      await makeSection(t.deps, 'Weather');
      const page = await makeArticle(t.deps, { headline: 'Storm warning issued', section: 'Weather' }, editor);
      const listed = await makeArticle(t.deps, { headline: 'Gales expected', section: 'Weather' }, editor);
      const elsewhere = await makeArticle(t.deps, { headline: 'Unrelated story', tags: ['Other'] }, editor);
      const url = `/articles/${page.slug}`;
      await t.app.inject({ url });
      assert.equal((await t.app.inject({ url })).headers['x-page-cache'], 'hit');
      // An edit elsewhere leaves the page cached.
      await updateArticle(t.deps, {
        staff: editor,
        id: elsewhere.id,
        changes: { headline: 'Unrelated story, updated' },
      });
      assert.equal((await t.app.inject({ url })).headers['x-page-cache'], 'hit');
      // A listed article's new headline shows at once.
      await updateArticle(t.deps, { staff: editor, id: listed.id, changes: { headline: 'Gales now expected Friday' } });
      const renamed = await t.app.inject({ url });
      assert.equal(renamed.headers['x-page-cache'], 'miss');
      assert.match(moreOf(renamed.body), /Gales now expected Friday/);
      // A new article in the section joins the list; a trashed one leaves it.
      await makeArticle(t.deps, { headline: 'Ferries cancelled in the storm', section: 'Weather' }, editor);
      assert.match(moreOf((await t.app.inject({ url })).body), /Ferries cancelled in the storm/);
      await trashArticle(t.deps, { staff: editor, id: listed.id });
      assert.doesNotMatch(moreOf((await t.app.inject({ url })).body), /Gales now expected Friday/);
    });

    it('has month archives linked from the footer and from the article date; WordPress date addresses lead there', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const old = await makeArticle(
        t.deps,
        { headline: 'Bridge opens in January', status: 'published', publishAt: '2019-01-23T12:00:00Z' },
        editor,
      );
      await makeArticle(
        t.deps,
        { headline: 'Bridge anniversary in February', status: 'published', publishAt: '2019-02-10T12:00:00Z' },
        editor,
      );
      const articleHtml = (await t.app.inject({ url: `/articles/${old.slug}` })).body;
      assert.match(articleHtml, /<a class="date-link" href="\/archive\/2019\/01"><time/);
      assert.match(articleHtml, /<a href="\/archive">Archive<\/a>/);
      const index = await t.app.inject({ url: '/archive' });
      assert.equal(index.statusCode, 200);
      assert.match(index.body, /href="\/archive\/2019\/01">January<\/a> <span class="count">\(1\)/);
      assert.match(index.body, /href="\/archive\/2026\/11">November<\/a>/);
      const month = await t.app.inject({ url: '/archive/2019/01' });
      assert.equal(month.statusCode, 200);
      assert.match(month.body, /<h1 class="list-title">January 2019<\/h1>/);
      assert.match(month.body, /Bridge opens in January/);
      assert.doesNotMatch(month.body, /Bridge anniversary in February/);
      assert.equal((await t.app.inject({ url: '/archive/2019/03' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/archive/2019/13' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/archive/2019/01?page=2' })).statusCode, 404);
      for (const [from, to] of [
        ['/2019/01/', '/archive/2019/01'],
        ['/2019/01', '/archive/2019/01'],
        ['/2019/01/23/', '/archive/2019/01'],
      ]) {
        const res = await t.app.inject({ url: from });
        assert.equal(res.statusCode, 301, from);
        assert.equal(res.headers.location, to);
      }
      assert.equal((await t.app.inject({ url: '/2019/13/' })).statusCode, 404);
    });
  });
}
