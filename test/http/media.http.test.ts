import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';

const photo = (format: 'jpeg' | 'png' | 'webp' | 'avif', width = 1600, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#f2c14e"/></svg>`,
        ),
      },
    ])
    .withExif({ IFD0: { Copyright: 'secret-location-marker' } })
    .toFormat(format)
    .toBuffer();

for (const dialect of dialects) {
  describe(`the media library on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect, { env: { MEDIA_MAX_MB: '1' } });
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    const upload = (
      who: DeskUser,
      fields: Record<string, string>,
      file?: { name: string; type: string; bytes: Buffer },
    ) => {
      const body = multipart({ _token: who.token, ...fields }, file);
      return t.app.inject({
        method: 'POST',
        url: '/admin/media',
        payload: body.payload,
        headers: { ...formHeaders, 'content-type': body.contentType, cookie: who.cookie },
      });
    };

    it('takes JPEG, PNG, WebP and AVIF by their content, makes the sizes, and strips hidden metadata', async () => {
      for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
        const res = await upload(
          editor,
          { alt: `A ${format} test card`, caption: `Caption ${format}`, credit: 'Ledger' },
          { name: `card.${format}`, type: `image/${format}`, bytes: await photo(format) },
        );
        assert.equal(res.statusCode, 303, `${format}: ${res.body.slice(0, 200)}`);
      }
      const rows = await t.deps.db.selectFrom('media').selectAll().execute();
      assert.deepEqual(rows.map((r) => r.format).sort(), ['avif', 'jpeg', 'png', 'webp']);
      const jpeg = rows.find((r) => r.format === 'jpeg')!;
      assert.equal(jpeg.width, 1600);
      assert.equal(jpeg.height, 900);
      assert.equal(jpeg.srcset.split(', ').length, 5, '320, 640, 960 and 1280 plus the original');
      assert.match(jpeg.srcset, /-640\.webp 640w/);
      const file = path.join(t.deps.config.mediaDir, jpeg.url.replace(/^\/media\//, ''));
      const meta = await sharp(fs.readFileSync(file)).metadata();
      assert.equal(meta.exif, undefined, 'no EXIF left on the stored original');
      assert.doesNotMatch(fs.readFileSync(file).toString('latin1'), /secret-location-marker/);
      const served = await t.app.inject({ url: jpeg.url });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      const library = await t.app.inject({ url: '/admin/media', headers: { cookie: editor.cookie } });
      assert.match(library.body, /Caption jpeg/);
    });

    it('refuses what is not an accepted image, whatever its name, and what is too large', async () => {
      const text = await upload(
        editor,
        { alt: 'x' },
        { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('not an image at all, just text') },
      );
      assert.equal(text.statusCode, 422);
      assert.match(text.body, /not an image we accept: send a JPEG, PNG, WebP or AVIF/);
      const svg = await upload(
        editor,
        { alt: 'x' },
        {
          name: 'logo.png',
          type: 'image/png',
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        },
      );
      assert.equal(svg.statusCode, 422);
      const gif = await upload(
        editor,
        { alt: 'x' },
        {
          name: 'anim.gif',
          type: 'image/gif',
          bytes: await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
            .gif()
            .toBuffer(),
        },
      );
      assert.equal(gif.statusCode, 422);
      const noise = await sharp(
        Buffer.from(Array.from({ length: 900 * 900 * 3 }, () => Math.floor(Math.random() * 256))),
        { raw: { width: 900, height: 900, channels: 3 } },
      )
        .png()
        .toBuffer();
      assert.ok(noise.length > 1024 * 1024);
      const big = await upload(editor, { alt: 'x' }, { name: 'big.png', type: 'image/png', bytes: noise });
      assert.equal(big.statusCode, 413);
      const none = await upload(editor, { alt: 'x' });
      assert.equal(none.statusCode, 422);
      const count = await t.deps.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 4, 'nothing recorded for refused uploads');
    });

    it('answers a cut-short or damaged photo with 422 and the reason beside the file field, never a 500', async () => {
      const jpeg = await photo('jpeg', 1200, 800);
      const png = await photo('png', 1200, 800);
      const damagedMiddle = Buffer.from(jpeg);
      damagedMiddle.fill(0x5a, Math.floor(jpeg.length / 3), Math.floor(jpeg.length / 3) + 4000);
      const cases = [
        {
          name: 'half.jpg',
          type: 'image/jpeg',
          bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)),
          code: /cut short \(VipsJpeg: premature end of JPEG image\)/,
        },
        {
          name: 'short.png',
          type: 'image/png',
          bytes: png.subarray(0, png.length - 300),
          code: /cut short \(vipspng: libpng read error\)/,
        },
        {
          name: 'scrambled.jpg',
          type: 'image/jpeg',
          bytes: damagedMiddle,
          code: /damaged and cannot be read \(VipsJpeg: /i,
        },
      ];
      const before = await t.deps.db.selectFrom('media').select('id').execute();
      const files = () =>
        fs
          .readdirSync(t.deps.config.mediaDir, { recursive: true })
          .filter((f) => /\.(jpg|png|webp|avif)$/.test(String(f))).length;
      const filesBefore = files();
      for (const c of cases) {
        const res = await upload(
          editor,
          { alt: 'Harbour at dawn', caption: 'Kept as typed', credit: 'Ledger' },
          { name: c.name, type: c.type, bytes: c.bytes },
        );
        assert.equal(res.statusCode, 422, `${c.name}: ${res.body.slice(0, 300)}`);
        assert.match(res.body, c.code, c.name);
        assert.match(
          res.body,
          /<input id="file" name="file" type="file"[^>]* aria-invalid="true" aria-describedby="file-error"\/><strong id="file-error" class="field-error">The photo's data is/,
        );
        assert.match(
          res.body,
          /<input id="caption" name="caption" maxlength="1000" value="Kept as typed"\/>/,
          'what was typed is kept',
        );
      }
      const json = await t.app.inject({
        method: 'POST',
        url: '/admin/media',
        ...(() => {
          const body = multipart(
            { _token: editor.token, alt: 'x' },
            { name: 'half.jpg', type: 'image/jpeg', bytes: jpeg.subarray(0, 2000) },
          );
          return {
            payload: body.payload,
            headers: {
              ...formHeaders,
              'content-type': body.contentType,
              cookie: editor.cookie,
              accept: 'application/json',
            },
          };
        })(),
      });
      assert.equal(json.statusCode, 422);
      assert.equal(
        (await t.deps.db.selectFrom('media').select('id').execute()).length,
        before.length,
        'nothing recorded',
      );
      assert.equal(files(), filesBefore, 'no file left behind');
    });

    it('refuses a photo over the pixel limit from its header, naming both sizes', async () => {
      // 7000×7000 of flat colour: a small file that would decode to 49 megapixels.
      const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#204060' } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      assert.ok(bomb.length < 1024 * 1024);
      const res = await upload(editor, { alt: 'Too big' }, { name: 'bomb.png', type: 'image/png', bytes: bomb });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /The photo is 7000×7000 pixels \(49 megapixels\); the limit is 40 megapixels\./);
    });

    it('tells the uploader to come back later (503, Retry-After) while every photo slot and the line are taken', async () => {
      const gate = t.deps.imageGate;
      let release!: () => void;
      const busy = new Promise<void>((resolve) => (release = resolve));
      const { slots, maxWaiting } = gate.options;
      const holders = Array.from({ length: slots + maxWaiting }, () => gate.run(() => busy));
      assert.deepEqual(gate.load, { running: slots, waiting: maxWaiting });
      const res = await upload(
        editor,
        { alt: 'Queued', caption: 'Waits' },
        { name: 'q.png', type: 'image/png', bytes: await photo('png', 400, 300) },
      );
      release();
      await Promise.all(holders);
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '30');
      assert.match(res.body, /busy processing other photos\. Try again in 30 seconds; nothing was saved\./);
      assert.match(res.body, /value="Waits"/);
      const again = await upload(
        editor,
        { alt: 'Queued', caption: 'Waits' },
        { name: 'q.png', type: 'image/png', bytes: await photo('png', 400, 300) },
      );
      assert.equal(again.statusCode, 303);
    });

    it('refuses an upload without the form token, and from a moderator', async () => {
      const body = multipart({ alt: 'x' }, { name: 'a.png', type: 'image/png', bytes: await photo('png', 400, 300) });
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/media',
        payload: body.payload,
        headers: { ...formHeaders, 'content-type': body.contentType, cookie: editor.cookie },
      });
      assert.equal(res.statusCode, 403);
      const moderator = await makeDeskUser(t.app, t.deps, 'moderator');
      assert.equal(
        (
          await upload(
            moderator,
            { alt: 'x' },
            { name: 'a.png', type: 'image/png', bytes: await photo('png', 400, 300) },
          )
        ).statusCode,
        403,
      );
    });

    it('uses a library photo as a featured image: srcset, sizes, width and height; the article can override its caption', async () => {
      const item = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('format', '=', 'jpeg')
        .executeTakeFirstOrThrow();
      const res = await deskPost(t.app, editor, '/admin/articles', {
        headline: 'With a Library Photo',
        body: 'Text.',
        authors: editor.id,
        commentStatus: 'default',
        action: 'publish',
        mediaId: item.id,
        imageCaption: 'Our own caption for this story',
        imageAlt: '',
        imageCredit: '',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const page = (await t.app.inject({ url: '/articles/with-a-library-photo' })).body;
      assert.match(
        page,
        new RegExp(
          `<img src="${item.url}" alt="A jpeg test card" width="1600" height="900" fetchpriority="high" decoding="async" srcset="[^"]+-320\\.webp 320w, [^"]+ 1600w" sizes="\\(min-width: 44rem\\) 42rem, 100vw"/>`,
        ),
      );
      assert.match(page, /Our own caption for this story <span class="credit">Ledger<\/span>/);
      // Saving again without choosing keeps the sizes.
      const id = String(res.headers.location).split('/')[3];
      await deskPost(t.app, editor, `/admin/articles/${id}`, {
        headline: 'With a Library Photo',
        body: 'Edited.',
        authors: editor.id,
        commentStatus: 'default',
        action: 'save',
        mediaId: 'current',
        imageAlt: 'A jpeg test card',
        imageCaption: 'Our own caption for this story',
        imageCredit: 'Ledger',
      });
      assert.match(
        (await t.app.inject({ url: '/articles/with-a-library-photo' })).body,
        /srcset="[^"]+-320\.webp 320w/,
      );
    });
  });
}
