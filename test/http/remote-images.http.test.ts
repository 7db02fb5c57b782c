// Images an article names on other sites are copied into the media library on save (the page's CSP shows only
// the site's own images), through a fetch that never reaches non-public addresses. "Another site" is a local
// HTTPS server on 127.0.0.1, allowed and trusted only through the test's deps overrides; nothing leaves the machine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '../../src/modules/audit/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { startImageServer, TEST_CA, type ImageServer } from '../support/image-server.ts';
import { makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const LIBRARY_IMG =
  /<img src="(\/media\/uploads\/\d{4}\/\d{2}\/[0-9a-f-]+\.jpg)" alt="([^"]*)"(?: title="[^"]*")? loading="lazy" srcset="\/media\/uploads\/[^"]+-320\.webp 320w, [^"]+-640\.webp 640w, [^"]+-960\.webp 960w, [^"]+-1280\.webp 1280w, [^"]+\.jpg 1600w" sizes="\(min-width: 44rem\) 42rem, 100vw" width="1600" height="900" \/>/;

for (const dialect of dialects) {
  describe(`images from other sites on ${dialect}`, () => {
    let t: TestApp;
    let site: ImageServer;
    let editor: Awaited<ReturnType<typeof makeStaff>>;
    before(async () => {
      site = await startImageServer();
      t = await createTestApp(dialect, {
        env: { MEDIA_MAX_MB: '1' },
        remoteImages: {
          ca: TEST_CA,
          allowAddress: (ip) => ip === '127.0.0.1',
          timeoutMs: 1500,
          // A made-up name for the local server: the connection goes to the address checked, the certificate is checked by name.
          resolve: async (host) => {
            if (host === 'photos.example.test') return [{ address: '127.0.0.1', family: 4 }];
            throw new Error(`no test answer for ${host}`);
          },
        },
      });
      editor = await makeStaff(t.deps, 'editor');
    });
    after(async () => {
      await t.close();
      await site.close();
    });

    const media = async () => await t.deps.db.selectFrom('media').selectAll().execute();

    it('copies body and featured images into the library on save and points the article at the copies, with srcset', async () => {
      const before = (await media()).length;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: {
          headline: 'Harbour Cranes Return',
          status: 'published',
          body: `The cranes are back.\n\n![Cranes at the quay](${site.origin}/photo.jpg "At dawn")\n\nMore text.\n\n<p><img src="${site.origin}/moved.jpg?size=large&amp;v=2" alt="A second view"></p>`,
          featuredImage: {
            url: `${site.origin}/featured.jpg`,
            alt: 'The quay',
            caption: 'The quay at dawn',
            credit: 'Ledger photo',
          },
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const article = res.json();
      assert.deepEqual(article.warnings, []);
      assert.doesNotMatch(article.body, /127\.0\.0\.1/, 'the source now names the local copies');
      assert.match(article.body, /!\[Cranes at the quay\]\(\/media\/uploads\/[^ ]+\.jpg "At dawn"\)/);
      assert.match(article.body, /<img src="\/media\/uploads\/[^"]+\.jpg" alt="A second view">/);
      const images = [...String(article.bodyHtml).matchAll(new RegExp(LIBRARY_IMG, 'g'))];
      assert.equal(images.length, 2, article.bodyHtml);
      assert.equal(images[0][2], 'Cranes at the quay');
      assert.match(article.featuredImage.url, /^\/media\/uploads\/.+\.jpg$/);
      assert.equal(article.featuredImage.width, 1600);
      assert.equal(article.featuredImage.height, 900);
      assert.equal(article.featuredImage.caption, 'The quay at dawn');
      assert.equal(site.hits.get('/moved.jpg'), 1);

      const rows = await media();
      assert.equal(rows.length, before + 3);
      const copy = rows.find((r) => r.url === images[0][1])!;
      assert.equal(copy.alt, 'Cranes at the quay');
      assert.equal(copy.original_name, 'photo.jpg');
      assert.ok(fs.existsSync(path.join(t.deps.config.mediaDir, copy.url.replace('/media/', ''))));

      const page = await t.app.inject({ url: `/articles/${article.slug}` });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-security-policy']), /img-src 'self' data:/);
      assert.doesNotMatch(page.body, /127\.0\.0\.1/, 'the page asks no other site for anything');
      assert.match(
        page.body,
        new RegExp(
          `<img src="${article.featuredImage.url}" alt="The quay" width="1600" height="900"[^>]* srcset="[^"]+-320\\.webp 320w`,
        ),
      );
      assert.equal((await t.app.inject({ url: copy.url })).statusCode, 200);
      const audit = await listAudit(t.deps.db, { limit: 20, offset: 0 });
      assert.ok(
        audit.entries.some(
          (e) => e.action === 'media.copied' && JSON.stringify(e.details).includes(`${site.origin}/photo.jpg`),
        ),
      );
    });

    it('saves anyway when an image cannot be copied, keeps it as written and says so, image by image', async () => {
      const cases: [string, string][] = [
        [`${site.origin}/page.html`, 'not_an_image'],
        [`${site.origin}/cut.jpg`, 'image_truncated'],
        [`${site.origin}/bomb.png`, 'image_too_many_pixels'],
        [`${site.origin}/huge.jpg`, 'too_large'],
        [`${site.origin}/declared-huge.jpg`, 'too_large'],
        [`${site.origin}/slow.jpg`, 'timeout'],
        [`${site.origin}/missing.jpg`, 'http_status'],
        [`${site.origin}/loop.jpg`, 'too_many_redirects'],
        [`${site.origin}/to-private.jpg`, 'private_address'],
        [`${site.origin}/to-metadata.jpg`, 'private_address'],
        [`${site.origin}/to-http.jpg`, 'not_https'],
        [`http://127.0.0.1:${site.port}/photo.jpg`, 'not_https'],
        [`https://[::1]:${site.port}/photo.jpg`, 'private_address'],
        ['https://10.1.2.3/photo.jpg', 'private_address'],
        ['https://192.168.0.10/photo.jpg', 'private_address'],
      ];
      const before = (await media()).length;
      const photoHits = site.hits.get('/photo.jpg') ?? 0;
      const body = cases.map(([url], i) => `![Picture ${i}](${url})`).join('\n\n');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: { headline: 'Pictures From Elsewhere', body },
      });
      assert.equal(res.statusCode, 201, res.body);
      const { warnings, body: saved, bodyHtml } = res.json();
      assert.deepEqual(
        warnings.map((w: { url: string; code: string }) => [w.url, w.code]),
        cases,
      );
      for (const w of warnings) {
        assert.match(
          w.message,
          new RegExp(
            `^The image ${w.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be copied into the media library: .+\\. The article page will not show it`,
          ),
        );
      }
      assert.match(warnings[5].message, /did not answer within 1.5 seconds/);
      assert.match(warnings[8].message, /10\.20\.30\.40, which is not a public internet address/);
      assert.equal(saved, body, 'what could not be copied stays as written');
      assert.match(bodyHtml, /<img src="https:\/\/127\.0\.0\.1:\d+\/page\.html" alt="Picture 0" loading="lazy" \/>/);
      assert.equal((await media()).length, before, 'nothing half-copied is left in the library');
      assert.equal(
        site.hits.get('/photo.jpg') ?? 0,
        photoHits,
        'redirects to http and to other addresses were not followed',
      );

      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${res.json().id}`,
        headers: bearer(editor.token),
        payload: { body: `${body}\n\n![Now a good one](${site.origin}/second.jpg)`, version: res.json().version },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().warnings.length, cases.length);
      assert.match(patched.json().bodyHtml, LIBRARY_IMG);
    });

    it('copies from a site given by name, connecting to the address it checked', async () => {
      const url = `https://photos.example.test:${site.port}/second.jpg`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: { headline: 'By Name', body: `![By name](${url})` },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().warnings, []);
      assert.match(res.json().bodyHtml, LIBRARY_IMG);
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: { headline: 'Unknown Name', body: '![x](https://nowhere.example.test/a.jpg)' },
      });
      assert.equal(unknown.json().warnings[0].code, 'unknown_host');
    });

    it('never holds the database while it waits for another site', {
      skip: dialect !== 'sqlite' && 'the one-connection case is SQLite',
    }, async () => {
      const saving = t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: { headline: 'Waiting on a Slow Site', body: `![Slow](${site.origin}/slow.jpg)` },
      });
      let slowDone = false;
      void saving.then(() => (slowDone = true));
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: { headline: 'Meanwhile', body: 'Saved while the other waits.' },
      });
      assert.equal(other.statusCode, 201);
      assert.equal(slowDone, false, 'another save went through while the first waited on the slow site');
      assert.equal((await saving).json().warnings[0].code, 'timeout');
    });

    it('on the desk: the save goes through, the editor is told which image will not show and why', async () => {
      const desk: DeskUser = await makeDeskUser(t.app, t.deps, 'editor');
      const res = await deskPost(t.app, desk, '/admin/articles', {
        headline: 'Desk Pictures',
        authors: desk.id,
        commentStatus: 'default',
        action: 'save',
        body: `![Good](${site.origin}/photo.jpg)\n\n![Bad](${site.origin}/page.html)`,
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.match(String(res.headers.location), /\/edit\?done=save&images=not_an_image$/);
      const page = await t.app.inject({ url: String(res.headers.location), headers: { cookie: desk.cookie } });
      assert.match(
        page.body,
        /<div class="image-warnings" role="alert" id="image-warnings"><p><strong>One image in this article will not show on the page\.<\/strong><\/p>/,
      );
      assert.match(
        page.body,
        new RegExp(
          `The image ${site.origin.replace(/\./g, '\\.')}/page\\.html could not be copied into the media library: it is not a JPEG, PNG, WebP or AVIF image\\. The article page will not show it`,
        ),
      );
      assert.match(page.body, /<textarea id="body"[^>]*>!\[Good\]\(\/media\/uploads\/[^)]+\.jpg\)/);
      // Later visits still name the image, without the reason the save gave.
      const later = await t.app.inject({
        url: String(res.headers.location).replace(/\?.*$/, ''),
        headers: { cookie: desk.cookie },
      });
      assert.match(
        later.body,
        /page\.html could not be copied into the media library: it is on another site and has not been copied/,
      );
    });
  });

  describe(`images from other sites without the test allowance, on ${dialect}`, () => {
    let t: TestApp;
    let site: ImageServer;
    before(async () => {
      site = await startImageServer();
      // The certificate is trusted, so only the address rule stands between the save and the loopback server.
      t = await createTestApp(dialect, {
        remoteImages: {
          ca: TEST_CA,
          resolve: async (host) => {
            if (host === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
            if (host === 'photos.example.test')
              return [
                { address: '93.184.216.34', family: 4 },
                { address: '10.0.0.5', family: 4 },
              ];
            throw new Error(`no test answer for ${host}`);
          },
        },
      });
    });
    after(async () => {
      await t.close();
      await site.close();
    });

    it('refuses loopback, private, link-local and mapped addresses, by literal or by name, before connecting', async () => {
      const editor = await makeStaff(t.deps, 'editor');
      const urls = [
        `${site.origin}/photo.jpg`,
        `https://localhost:${site.port}/photo.jpg`,
        `https://[::ffff:127.0.0.1]:${site.port}/photo.jpg`,
        `https://[::1]:${site.port}/photo.jpg`,
        'https://169.254.169.254/latest/meta-data',
        'https://100.64.1.1/a.jpg',
        'https://[fd00::1]/a.jpg',
        'https://0.0.0.0/a.jpg',
        'https://photos.example.test/a.jpg',
      ];
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: bearer(editor.token),
        payload: {
          headline: 'Inside Addresses',
          body: urls.map((u, i) => `![P${i}](${u})`).join('\n\n'),
          featuredImage: { url: `${site.origin}/featured.jpg`, alt: 'x' },
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const warnings = res.json().warnings as { url: string; code: string; message: string }[];
      assert.deepEqual(
        warnings.map((w) => w.code),
        Array(urls.length + 1).fill('private_address'),
      );
      assert.match(
        warnings.find((w) => w.url.includes('photos.example.test'))!.message,
        /photos\.example\.test points to 10\.0\.0\.5/,
      );
      assert.equal(
        [...site.hits.values()].reduce((a, b) => a + b, 0),
        0,
        'the loopback server was never reached',
      );
      assert.equal(res.json().featuredImage.url, `${site.origin}/featured.jpg`);
    });
  });
}
