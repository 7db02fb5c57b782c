import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { exportBackup, importBackup } from '../../src/modules/backup/index.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

const fixture = fileURLToPath(new URL('../wordpress/fixtures/harbour-gazette.xml', import.meta.url));

// Each kind of markup that would run in a reader's browser, as a crafted backup would carry it.
const PAYLOAD =
  '<p>Kept words.</p><script>alert("script")</script><img src="x" onerror="alert(\'img\')">' +
  '<a href="javascript:alert(\'link\')">a link</a><svg onload="alert(\'svg\')"><circle r="1"></circle></svg>' +
  '<iframe src="https://evil.example/"></iframe><p style="background:url(javascript:alert(\'css\'))" onclick="alert(\'p\')">More words.</p>';
const SCRIPT_URL = "javascript:alert('address')";

/** What must never reach a page from stored data: script elements with content, handlers, script URLs, SVG. */
function assertNothingExecutable(html: string, page: string) {
  assert.doesNotMatch(html, /alert\(/, `${page}: a payload survived`);
  assert.doesNotMatch(html, /<svg|<iframe|\son\w+=|javascript:/i, page);
  for (const script of html.match(/<script\b[^>]*>/g) ?? [])
    assert.match(script, /type="application\/ld\+json"|src="\/assets\//, `${page}: ${script}`);
}

for (const dialect of dialects) {
  describe(`restoring a crafted JSON backup on ${dialect}`, () => {
    let source: TestApp;
    let site: TestApp;
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    before(async () => {
      source = await createTestApp(dialect, { clock });
      site = await createTestApp(dialect, { clock });
      await importWordPress(source.deps, { file: fixture });
    });
    after(async () => {
      await source.close();
      await site.close();
    });

    it('passes every stored HTML field and address through the sanitizer: the pages show the words and nothing that runs', async () => {
      const file = path.join(site.db.tmpDir, 'crafted.json');
      const out = fs.createWriteStream(file);
      await exportBackup(source.deps, { out });
      out.end();
      await finished(out);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const article of doc.tables.articles) Object.assign(article, { body_html: PAYLOAD, image_url: SCRIPT_URL });
      for (const comment of doc.tables.comments) Object.assign(comment, { body_html: PAYLOAD, author_url: SCRIPT_URL });
      for (const user of doc.tables.users) user.photo_url = SCRIPT_URL;
      fs.writeFileSync(file, JSON.stringify(doc));

      await importBackup(site.deps, { file });

      const stored = await site.deps.db
        .selectFrom('articles')
        .select(['body_html', 'image_url'])
        .where('slug', '=', 'winter-ferry-cuts')
        .executeTakeFirstOrThrow();
      assert.equal(stored.body_html, '<p>Kept words.</p><img src="x" loading="lazy" /><a>a link</a><p>More words.</p>');
      assert.equal(stored.image_url, '');
      const comment = await site.deps.db
        .selectFrom('comments')
        .select(['body_html', 'author_url'])
        .where('author_name', '=', 'Commuter')
        .executeTakeFirstOrThrow();
      assert.deepEqual(comment, { body_html: '<p>Kept words.</p><p>More words.</p>', author_url: '' });

      for (const page of [
        '/articles/winter-ferry-cuts',
        '/',
        '/sections/ferries',
        '/authors/ines-avila',
        '/tags/tides',
      ]) {
        const res = await site.app.inject({ url: page });
        assert.equal(res.statusCode, 200, page);
        assertNothingExecutable(res.body, page);
      }
      const article = await site.app.inject({ url: '/articles/winter-ferry-cuts' });
      assert.match(article.body, /Kept words\.[\s\S]*More words\./);
      assert.match(article.body, /Commuter/);
    });
  });
}
