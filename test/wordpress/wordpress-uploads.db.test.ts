import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Deps } from '../../src/deps.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, useTestDeps, type TestDb } from '../support/databases.ts';

const fixture = fileURLToPath(new URL('./fixtures/upload-addresses.xml', import.meta.url));

/** A copy of wp-content/uploads with real pictures, made fresh: an original, two of its resized variants, a chart and a PDF. */
async function makeUploads(dir: string): Promise<void> {
  const folder = path.join(dir, '2024/06');
  fs.mkdirSync(folder, { recursive: true });
  const photo = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 20, g: 90, b: 140 } } });
  // The original carries EXIF, as a phone's photo does: the media pipeline leaves it behind.
  await photo(1400, 933)
    .withExif({ IFD0: { Copyright: 'Private note from the camera' } })
    .jpeg()
    .toFile(path.join(folder, 'boat.jpg'));
  await photo(1024, 683).jpeg().toFile(path.join(folder, 'boat-1024x683.jpg'));
  await photo(300, 200).jpeg().toFile(path.join(folder, 'boat-300x200.jpg'));
  await photo(800, 400).png().toFile(path.join(folder, 'chart.png'));
  fs.writeFileSync(path.join(folder, 'report.pdf'), '%PDF-1.4 the harbour report\n');
}

/** Every <img> of some sanitized HTML as its attributes. */
const images = (html: string) =>
  [...html.matchAll(/<img ([^>]*)\/>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );

const srcsetOf = (place: string, widths: number[], full: number) =>
  [
    ...widths.map((w) => `/media/wordpress/${place.replace(/\.\w+$/, `-${w}w.webp`)} ${w}w`),
    `/media/wordpress/${place} ${full}w`,
  ].join(', ');

for (const dialect of dialects) {
  describe(`upload addresses in WordPress bodies on ${dialect}`, () => {
    let db: TestDb;
    let deps: Deps;
    let uploads: string;
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ db, deps } = made));
    before(async () => {
      uploads = path.join(db.tmpDir, 'uploads');
      await makeUploads(uploads);
    });
    const body = async () =>
      (
        await deps.db
          .selectFrom('articles')
          .select('body_html')
          .where('slug', '=', 'new-boat')
          .executeTakeFirstOrThrow()
      ).body_html;

    it('without --uploads-dir, lists every picture in every form, made absolute on the old site, and points the body there', async () => {
      const report = await importWordPress(deps, { file: fixture });
      assert.deepEqual([...report.keptUrls].sort(), [
        'https://old.example/wp-content/uploads/2019/01/gone.jpg',
        'https://old.example/wp-content/uploads/2024/06/boat-1024x683.jpg',
        'https://old.example/wp-content/uploads/2024/06/boat-300x200.jpg',
        'https://old.example/wp-content/uploads/2024/06/boat.jpg',
        'https://old.example/wp-content/uploads/2024/06/chart.png',
        'https://old.example/wp-content/uploads/2024/06/report.pdf',
      ]);
      const html = await body();
      assert.match(
        html,
        /<img src="https:\/\/old\.example\/wp-content\/uploads\/2024\/06\/chart\.png" alt="Catch by month"/,
      );
      assert.match(html, /<a href="https:\/\/old\.example\/wp-content\/uploads\/2024\/06\/report\.pdf"/);
      assert.doesNotMatch(html, /"\/wp-content|"\/\/old\.example/, 'no address that would be a 404 here');
    });

    it('with --uploads-dir, copies each one (a resized variant as its original) through the media pipeline: srcset, width and height as an upload gets', async () => {
      const report = await importWordPress(deps, { file: fixture, uploadsDir: uploads });
      assert.deepEqual(report.keptUrls, ['https://old.example/wp-content/uploads/2019/01/gone.jpg']);
      assert.equal(report.copiedFiles, 3);
      const boat = srcsetOf('2024/06/boat.jpg', [320, 640, 960, 1280], 1400);
      const chart = srcsetOf('2024/06/chart.png', [320, 640], 800);
      const sizes = '(min-width: 44rem) 42rem, 100vw';
      const html = await body();
      assert.deepEqual(images(html), [
        {
          src: '/media/wordpress/2024/06/boat.jpg',
          alt: 'Boat',
          width: '1400',
          height: '933',
          srcset: boat,
          sizes,
          loading: 'lazy',
        },
        {
          src: '/media/wordpress/2024/06/boat.jpg',
          alt: 'Boat, smaller',
          width: '1400',
          height: '933',
          srcset: boat,
          sizes,
          loading: 'lazy',
        },
        {
          src: '/media/wordpress/2024/06/chart.png',
          alt: 'Catch by month',
          width: '800',
          height: '400',
          srcset: chart,
          sizes,
          loading: 'lazy',
        },
        { src: 'https://old.example/wp-content/uploads/2019/01/gone.jpg', alt: 'Gone', loading: 'lazy' },
      ]);
      assert.match(html, /<a href="\/media\/wordpress\/2024\/06\/report\.pdf">the harbour report<\/a>/);

      const article = await deps.db
        .selectFrom('articles')
        .selectAll()
        .where('slug', '=', 'new-boat')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [article.image_url, article.image_width, article.image_height, article.image_srcset, article.image_alt],
        ['/media/wordpress/2024/06/boat.jpg', 1400, 933, boat, 'The new fishing boat at the quay'],
      );

      const media = await deps.db
        .selectFrom('media')
        .select(['url', 'width', 'height', 'srcset', 'format'])
        .orderBy('url')
        .execute();
      assert.deepEqual(media, [
        { url: '/media/wordpress/2024/06/boat.jpg', width: 1400, height: 933, srcset: boat, format: 'jpeg' },
        { url: '/media/wordpress/2024/06/chart.png', width: 800, height: 400, srcset: chart, format: 'png' },
      ]);
      const file = (place: string) => path.join(deps.config.mediaDir, 'wordpress', place);
      for (const place of [
        '2024/06/boat.jpg',
        '2024/06/boat-320w.webp',
        '2024/06/boat-1280w.webp',
        '2024/06/chart.png',
        '2024/06/chart-640w.webp',
      ]) {
        assert.ok(fs.existsSync(file(place)), place);
      }
      assert.equal((await sharp(file('2024/06/boat-640w.webp')).metadata()).width, 640);
      assert.equal(
        (await sharp(file('2024/06/boat.jpg')).metadata()).exif,
        undefined,
        "the camera's metadata stays behind",
      );
      assert.equal(fs.readFileSync(file('2024/06/report.pdf'), 'utf8'), '%PDF-1.4 the harbour report\n');
      assert.equal(
        fs.existsSync(file('2024/06/boat-1024x683.jpg')),
        false,
        'variants are not copied: the original is, with sizes of its own',
      );
    });

    it('running it again changes nothing and lists no picture twice', async () => {
      const before = await body();
      clock.advance(3_600_000);
      const report = await importWordPress(deps, { file: fixture, uploadsDir: uploads });
      assert.equal(report.counts.post.unchanged, 1);
      assert.equal(await body(), before);
      assert.equal((await deps.db.selectFrom('media').select('id').execute()).length, 2);
    });
  });
}
