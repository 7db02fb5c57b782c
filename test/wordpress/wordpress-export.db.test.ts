import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { exportWordPress, importWordPress } from '../../src/modules/wordpress/index.ts';
import { readWxr } from '../../src/modules/wordpress/wxr-reader.ts';
import type { WxrItem, WxrRecord } from '../../src/modules/wordpress/wxr.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';

const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function exportTo(deps: Deps, file: string, pageSize?: number): Promise<string> {
  const out = fs.createWriteStream(file);
  await exportWordPress(deps, { out, pageSize });
  out.end();
  await finished(out);
  return fs.readFileSync(file, 'utf8');
}

async function read(file: string): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const r of readWxr(fs.createReadStream(file))) records.push(r);
  return records;
}

/** What may differ between two exports of the same content: when each was written, when each import ran. */
const normalize = (xml: string) =>
  xml
    .replace(/<pubDate>[^<]*<\/pubDate>\n\t<language>/, '<pubDate>(now)</pubDate>\n\t<language>')
    .replace(/<wp:post_modified(_gmt)?>.*?<\/wp:post_modified(_gmt)?>/g, '');

for (const dialect of dialects) {
  describe(`WordPress export on ${dialect}`, () => {
    const sites: { db: TestDb; deps: Deps }[] = [];
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    before(async () => {
      for (let i = 0; i < 2; i++) {
        const db = await createTestDb(dialect);
        sites.push({ db, ...(await createTestDeps(db, { clock })) });
      }
    });
    after(async () => {
      for (const s of sites) {
        await s.deps.close();
        await s.db.drop();
      }
    });

    it('writes WXR 1.2 that the reader takes back whole: authors, nested categories, tags, posts, pages and threads', async () => {
      const [a] = sites;
      await importWordPress(a.deps, { file: own('harbour-gazette.xml'), uploadsDir: own('uploads') });
      const file = path.join(a.db.tmpDir, 'first.xml');
      // A page size of 2 makes the keyset pagination turn several pages.
      const xml = await exportTo(a.deps, file, 2);
      assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8" \?>/);
      const records = await read(file);
      const site = records.find((r) => r.type === 'site');
      assert.deepEqual(site?.type === 'site' && [site.site.version, site.site.baseSiteUrl], [
        '1.2',
        'http://news.test',
      ]);
      const authors = records.flatMap((r) => (r.type === 'author' ? [r.author] : []));
      assert.deepEqual(
        authors.map((x) => [x.login, x.email, x.displayName]),
        [
          ['ines-avila', 'ines@gazette.example.org', 'Inés Ávila'],
          ['山田-健二', 'kenji@wordpress.invalid', '山田 健二'],
        ].sort((x, y) => x[0].localeCompare(y[0])),
      );
      const terms = records.flatMap((r) => (r.type === 'term' ? [r.term] : []));
      assert.deepEqual(
        terms.filter((t) => t.taxonomy === 'category').map((t) => [t.slug, t.parent, t.name]),
        [
          ['transport', '', 'Transport'],
          ['uncategorized', '', 'Uncategorized'],
          ['ferries', 'transport', 'Ferries &amp; Boats'],
        ],
      );
      assert.deepEqual(
        terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.slug),
        ['tides', 'winter'],
      );

      const all = records.flatMap((r) => (r.type === 'item' ? [r.item] : []));
      const items = all.filter((i) => i.type !== 'attachment');
      assert.equal(items.length, 7);
      // The featured image: an attachment item under its post, which names it in _thumbnail_id.
      const attachments = all.filter((i) => i.type === 'attachment');
      assert.equal(attachments.length, 1);
      const [photo] = attachments;
      const metaOf = (i: WxrItem, key: string) => i.meta.find((m) => m.key === key)?.value;
      assert.deepEqual(
        [
          photo.attachmentUrl,
          photo.status,
          photo.parent,
          photo.title,
          metaOf(photo, '_wp_attached_file'),
          metaOf(photo, '_wp_attachment_image_alt'),
        ],
        [
          'http://news.test/media/wordpress/2024/05/harbour.jpg',
          'inherit',
          '100',
          'The harbour at dawn',
          '2024/05/harbour.jpg',
          'The harbour at dawn',
        ],
      );
      assert.deepEqual(
        items.map((i) => i.type).filter((t) => t === 'page'),
        ['page'],
      );
      const byName = new Map<string, WxrItem>(items.map((i) => [i.name, i]));
      // Imported posts keep their WordPress numbers.
      assert.deepEqual(
        items.map((i) => Number(i.id)).sort((x, y) => x - y),
        [100, 101, 102, 103, 104, 105, 200],
      );
      const ferry = byName.get('winter-ferry-cuts')!;
      assert.equal(ferry.id, '100');
      assert.equal(metaOf(ferry, '_thumbnail_id'), photo.id);
      assert.ok(
        Number(photo.id) > 0 && Number(photo.id) <= 105,
        `the attachment keeps its imported number: ${photo.id}`,
      );
      assert.equal(ferry.status, 'publish');
      assert.equal(ferry.sticky, '1');
      assert.equal(ferry.creator, 'ines-avila');
      assert.equal(ferry.dateGmt, '2024-05-14 08:30:00');
      assert.deepEqual(
        ferry.terms.map((t) => [t.domain, t.slug]),
        [
          ['category', 'ferries'],
          ['post_tag', 'tides'],
          ['post_tag', 'winter'],
        ],
      );
      // The stored body comes back whole, its images' addresses made absolute for a site elsewhere.
      const body = (
        await a.deps.db
          .selectFrom('articles')
          .select('body_html')
          .where('slug', '=', 'winter-ferry-cuts')
          .executeTakeFirstOrThrow()
      ).body_html;
      assert.match(body, / src="\/media\/wordpress\/2024\/05\/harbour.jpg"/);
      assert.equal(
        ferry.content,
        `<!-- wp:html -->\n${body.replaceAll('src="/media/', 'src="http://news.test/media/')}\n<!-- /wp:html -->`,
      );
      assert.equal(byName.get('regatta-week')?.status, 'future');
      assert.equal(byName.get('staff-rota')?.status, 'draft');
      assert.equal(byName.get('about')?.type, 'page');
      assert.equal(byName.get('東京湾フェリー')?.commentStatus, 'closed');

      const threads = ferry.comments.map((c) => [c.id, c.parent, c.author, c.approved, c.type]);
      assert.deepEqual(threads, [
        ['501', '0', 'Commuter', '1', 'comment'],
        ['502', '501', 'Harbour Master', '1', 'comment'],
        ['503', '502', 'Islander', '1', 'comment'],
        ['504', '0', 'Island Blog', '1', 'pingback'],
        ['505', '0', 'Cheap Tickets', 'spam', 'comment'],
        ['506', '0', 'Second Thoughts', '0', 'comment'],
        ['507', '0', 'Old Blog', 'trash', 'trackback'],
      ]);
      const master = ferry.comments[1];
      assert.deepEqual(
        [master.authorIp, master.authorEmail, master.dateGmt, master.agent],
        ['198.51.100.7', 'master@port.example.org', '2024-05-14 11:05:00', 'Mozilla/5.0 (X11; Linux x86_64)'],
      );
    });

    it('round trip: importing the export into an empty site and exporting again gives the same file', async () => {
      const [a, b] = sites;
      const first = path.join(a.db.tmpDir, 'first.xml');
      const second = path.join(b.db.tmpDir, 'second.xml');
      clock.advance(3_600_000);
      const report = await importWordPress(b.deps, { file: first });
      assert.deepEqual(report.counts.post, { created: 6, updated: 0, unchanged: 0, skipped: 0 });
      assert.equal(report.skipped.length, 0, JSON.stringify(report.skipped));
      const image = await b.deps.db
        .selectFrom('articles')
        .select(['image_url', 'image_alt'])
        .where('slug', '=', 'winter-ferry-cuts')
        .executeTakeFirstOrThrow();
      assert.deepEqual(image, {
        image_url: 'http://news.test/media/wordpress/2024/05/harbour.jpg',
        image_alt: 'The harbour at dawn',
      });
      const again = await exportTo(b.deps, second);
      assert.equal(normalize(again), normalize(fs.readFileSync(first, 'utf8')));
    });

    it('numbers what never came from WordPress above every imported number, the same way each time', async () => {
      const [a] = sites;
      const article = await a.deps.db
        .selectFrom('articles')
        .selectAll()
        .where('slug', '=', 'about')
        .executeTakeFirstOrThrow();
      await a.deps.db.deleteFrom('wordpress_imports').where('dateline_id', '=', article.id).execute();
      const file = path.join(a.db.tmpDir, 'renumbered.xml');
      const once = await exportTo(a.deps, file);
      const items = (await read(file)).flatMap((r) => (r.type === 'item' ? [r.item] : []));
      // The largest imported post or attachment number is 105 once the page's own 200 is forgotten.
      assert.equal(items.find((i) => i.name === 'about')?.id, '106');
      assert.equal(normalize(await exportTo(a.deps, file)), normalize(once));
    });

    it('keeps text that would end a CDATA section or that XML forbids from breaking the file', async () => {
      const [a] = sites;
      await a.deps.db
        .updateTable('comments')
        .set({ author_name: 'Commuter ]]> \u0001<b>', user_agent: 'Agent\u0002 ]]>]]>' })
        .where('author_name', '=', 'Commuter')
        .execute();
      const file = path.join(a.db.tmpDir, 'awkward.xml');
      const xml = await exportTo(a.deps, file);
      assert.match(xml, /Commuter \]\]\]\]><!\[CDATA\[> <b>/);
      const ferry = (await read(file)).flatMap((r) =>
        r.type === 'item' && r.item.name === 'winter-ferry-cuts' ? [r.item] : [],
      )[0];
      assert.equal(ferry.comments[0].author, 'Commuter ]]> <b>');
      assert.equal(ferry.comments[0].agent, 'Agent ]]>]]>');
    });
  });
}
