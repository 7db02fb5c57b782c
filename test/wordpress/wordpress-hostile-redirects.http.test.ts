import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { importWordPress, noteText, type ImportReport } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { Translations } from '../../src/platform/i18n/translator.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

const english = new Translations().for('en', 'UTC');
const fixture = fileURLToPath(new URL('./fixtures/hostile-redirects.xml', import.meta.url));

for (const dialect of dialects) {
  describe(`redirects from a hostile WordPress export on ${dialect}`, () => {
    let t: TestApp;
    let report: ImportReport;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-29T10:00:00Z')) });
      report = await importWordPress(t.deps, { file: fixture, routes: t.app.routeList });
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ url });
    const notes = () => report.notes.map((n) => noteText(english, n));

    it("sends no old address to another host; a file in the old site's own uploads is the one exception", async () => {
      for (const url of ['/photos/lure/', '/?attachment_id=50', '/login/', '/?attachment_id=51']) {
        const res = await get(url);
        assert.notEqual(res.statusCode, 301, `${url} -> ${res.headers.location}`);
      }
      const quay = await get('/photos/quay/');
      assert.equal(quay.statusCode, 301);
      assert.equal(quay.headers.location, 'https://old.example/wp-content/uploads/2024/06/quay.jpg');
      assert.ok(
        notes().includes(
          "attachment 50: its old addresses are not redirected to https://evil.example/wp-content/uploads/2024/06/lure.jpg, which is not on this site or the old site's uploads",
        ),
        notes().join('\n'),
      );
      const targets = await t.deps.db.selectFrom('legacy_urls').select('target').execute();
      assert.deepEqual(
        targets.filter(
          (r) => !r.target.startsWith('/') && !r.target.startsWith('https://old.example/wp-content/uploads/'),
        ),
        [],
      );
    });

    it('takes no address Dateline serves, whatever the export says its permalinks were', async () => {
      for (const url of [
        '/admin/old-settings/',
        '/ADMIN/old-settings',
        '/%61dmin/old-settings/',
        '/api/v0/articles/',
        '/media',
        '/login/',
        '/admin/old-settings/?p=60',
      ]) {
        const res = await get(url);
        assert.notEqual(res.statusCode, 301, `${url} -> ${res.headers.location}`);
      }
      const claimed = await t.deps.db.selectFrom('legacy_urls').select('path').execute();
      assert.deepEqual(
        claimed.filter((r) => /^\/(admin|api|media|login|assets)(\/|$)/.test(r.path)),
        [],
      );
      assert.ok(
        notes().includes('post 60: its old address /admin/old-settings is one Dateline serves; not redirected'),
        notes().join('\n'),
      );
      // What is the old site's own still finds its new home.
      for (const [from, to] of [
        ['/2024/06/ordinary/', '/articles/ordinary'],
        ['/?p=60', '/articles/admin'],
        ['/?p=61', '/articles/media'],
      ]) {
        const res = await get(from);
        assert.equal(res.statusCode, 301, from);
        assert.equal(res.headers.location, to);
      }
    });

    it('refuses at request time what an older import or a restored backup left in the table', async () => {
      const rows = [
        ['/admin/left-over', '/articles/ordinary'],
        ['/old-offsite', 'https://evil.example/'],
        ['/old-script', 'javascript:alert(1)'],
        ['/old-protocol', '//evil.example/x'],
        ['/old-backslash', '/\\evil.example/x'],
        ['/old-uploads-elsewhere', 'https://evil.example/wp-content/uploads/x.jpg'],
      ];
      await t.deps.db
        .insertInto('legacy_urls')
        .values(
          rows.map(([path, target]) => ({
            path,
            target,
            priority: 2,
            source: 'https://old.example',
            kind: 'post',
            wp_id: path,
          })),
        )
        .execute();
      for (const [path] of rows) {
        const res = await get(path);
        assert.notEqual(res.statusCode, 301, `${path} -> ${res.headers.location}`);
      }
    });
  });
}
