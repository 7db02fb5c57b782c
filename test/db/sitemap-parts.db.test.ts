// A month of articles is cut into sitemap files by a running byte bound: the files together list every public
// article of the month exactly once, in order, and no file passes its size, for the worst text an article can hold
// (long non-Latin slugs, addresses full of characters to escape, captions of ampersands).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import {
  FIXED_ENTRY_BYTES,
  FIXED_LINK_BYTES,
  listArticleFile,
  listSitemapFiles,
  parseArticleFile,
  PART_BYTES,
} from '../../src/modules/syndication/sitemap.service.ts';
import { articleEntries } from '../../src/modules/syndication/sitemap.presenter.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { loadSiteView } from '../../src/site-view.ts';
import { assetUrls } from '../../src/web/assets.ts';
import { renderUrlSet } from '../../src/web/sitemap-xml.ts';
import { dialects, useTestDeps } from '../support/databases.ts';

const chars = (s: string) => [...s].length;

async function insertMonth(deps: Deps) {
  const rows = [];
  const at = (day: number, i: number) => new Date(Date.UTC(2026, 10, day, 0, 0, i)).toISOString();
  for (let i = 0; i < 240; i++) {
    const status = i % 40 === 7 ? 'draft' : i % 40 === 9 ? 'trash' : 'published';
    rows.push({
      id: newId(),
      slug: `${'東京湾フェリー'.repeat(20)}-${i}`,
      headline: `Story ${i}`,
      body_source: 'x',
      body_html: '<p>x</p>',
      excerpt: 'x',
      dateline: '',
      source_credit: '',
      section_id: null,
      image_url: i % 3 === 0 ? '' : `/media/${'é&ü'.repeat(150)}/${i}.jpg`,
      image_caption: i % 3 === 0 ? '' : '&'.repeat(400 + i),
      image_credit: '',
      image_alt: 'x',
      image_width: null,
      image_height: null,
      status,
      // The last few are scheduled: published, but later than the clock.
      published_at: i >= 235 ? at(29, i) : at(1 + (i % 27), i),
      comment_setting: 'default',
      comments_closed_at: null,
      comment_count: 0,
      created_at: at(1, i),
      updated_at: at(1, i),
      modified_at: null,
      // Most articles come in pairs of translations (English with no language, Spanish), whose hreflang links the
      // bound must cover too.
      language: i % 2 === 1 ? 'es' : null,
      translation_group: i % 10 < 8 ? `group-${Math.floor(i / 2)}` : null,
    });
  }
  for (let i = 0; i < rows.length; i += 50)
    await deps.db
      .insertInto('articles')
      .values(rows.slice(i, i + 50) as never)
      .execute();
  return rows;
}

for (const dialect of dialects) {
  describe(`sitemap files of a crowded month on ${dialect}`, () => {
    let deps: Deps;
    useTestDeps(dialect, { clock: new ManualClock(new Date('2026-11-28T12:00:00Z')) }, (made) => {
      deps = made.deps;
    });

    it('lists every public article once, in order, in files that stay within their byte bound and entry count', async () => {
      const rows = await insertMonth(deps);
      const now = deps.clock.now().toISOString();
      const expected = rows
        .filter((r) => r.status === 'published' && r.published_at <= now)
        .sort((a, b) =>
          a.published_at < b.published_at ? -1 : a.published_at > b.published_at ? 1 : a.id < b.id ? -1 : 1,
        )
        .map((r) => r.slug);
      const partBytes = 200_000;
      const files = (await listSitemapFiles(deps, { partBytes })).filter((f) => f.name.startsWith('articles-2026-11'));
      assert.ok(files.length >= 5, `a crowded month is cut into several files (${files.length})`);
      const site = await loadSiteView(deps, assetUrls());
      const fixed = FIXED_ENTRY_BYTES + 2 * deps.config.publicUrl.length;
      const link = FIXED_LINK_BYTES + deps.config.publicUrl.length;
      const group = (r: (typeof rows)[number]) => rows.filter((g) => g.translation_group === r.translation_group);
      const links = (r: (typeof rows)[number]) =>
        r.translation_group ? link + group(r).reduce((n, g) => n + link + 12 * chars(g.slug), 0) : 0;
      const bound = (r: (typeof rows)[number]) =>
        fixed + 12 * chars(r.slug) + 12 * chars(r.image_url) + 5 * chars(r.image_caption) + links(r);
      let named = 0;
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      const listed: string[] = [];
      for (const file of files) {
        const articles = await listArticleFile(deps, parseArticleFile(file.name)!, { partBytes });
        assert.ok(articles.length > 0, `${file.name} is not empty`);
        assert.ok(articles.length <= partBytes / FIXED_ENTRY_BYTES + 1, `${file.name}: ${articles.length} entries`);
        const xml = await renderUrlSet(articleEntries(site, articles), { image: true, xhtml: true });
        for (const a of articles) {
          const r = bySlug.get(a.slug)!;
          const published = r.translation_group
            ? group(r).filter((g) => g.status === 'published' && g.published_at <= now)
            : [];
          assert.deepEqual(
            a.alternates?.map((v) => v.slug).sort() ?? [],
            published.length > 1 ? published.map((g) => g.slug).sort() : [],
            `${a.slug}: its published translations and itself`,
          );
          if (a.alternates) named++;
        }
        const bounds = articles.map((a) => bound(bySlug.get(a.slug)!));
        const sum = bounds.reduce((x, y) => x + y, 0);
        assert.ok(Buffer.byteLength(xml) <= sum, `${file.name}: ${Buffer.byteLength(xml)} bytes written, bound ${sum}`);
        assert.ok(sum - bounds[0] <= partBytes, `${file.name}: all but the first entry fit the span`);
        listed.push(...articles.map((a) => a.slug));
      }
      assert.deepEqual(listed, expected, 'every public article of the month once, in publication order');
      assert.ok(named > 100, `${named} entries name their translations`);
    });

    it('keeps the same month in one file at the real limit', async () => {
      const files = (await listSitemapFiles(deps)).filter((f) => f.name.startsWith('articles-2026-11'));
      assert.deepEqual(
        files.map((f) => f.name),
        ['articles-2026-11'],
      );
      assert.ok(
        PART_BYTES <= 50_000 * FIXED_ENTRY_BYTES - FIXED_ENTRY_BYTES,
        'the limit keeps files under 50,000 addresses',
      );
    });
  });
}
