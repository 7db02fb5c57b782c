import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import pg from 'pg';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { IMPORT_LOCK_NAME } from '../../src/modules/wordpress/wordpress-import.service.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';

const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const assertValid = async (html: string) => {
  const report = await validator.validateString(html);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'));
};
const uploadsLeft = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('dateline-upload-')).length;

for (const dialect of dialects) {
  describe(`the desk's WordPress import on ${dialect}`, () => {
    let t: TestApp;
    let admin: DeskUser;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect, { env: { IMPORT_MAX_MB: '1' } });
      admin = await makeDeskUser(t.app, t.deps, 'admin');
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    const upload = (who: DeskUser, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) => {
      const body = multipart({ _token: who.token, ...fields }, file && { ...file, type: 'text/xml' });
      return t.app.inject({
        method: 'POST',
        url: '/admin/import',
        payload: body.payload,
        headers: { ...formHeaders, 'content-type': body.contentType, cookie: who.cookie },
      });
    };
    const fixture = (name: string) => ({ name, bytes: fs.readFileSync(own(name)) });
    const articles = async () => (await t.deps.db.selectFrom('articles').select('id').execute()).length;
    const audit = async () =>
      await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject', 'actor_id'])
        .where('action', 'like', 'wordpress.%')
        .orderBy('created_at')
        .execute();

    it('shows admins a labelled upload form with a dry-run box, checked by default', async () => {
      const res = await t.app.inject({ url: '/admin/import', headers: { cookie: admin.cookie } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<form method="post" action="\/admin\/import" enctype="multipart\/form-data"/);
      assert.match(res.body, /<label for="file">WordPress export .*up to 1 MB/);
      assert.match(res.body, /<input type="checkbox" name="dryRun" value="1" checked\/?>/);
      assert.match(res.body, /href="\/admin\/import">Import</);
      await assertValid(res.body);
    });

    it("words the report's skip reasons and statuses in the desk's language", async () => {
      const spanish = await makeDeskUser(t.app, t.deps, 'admin');
      assert.equal((await deskPost(t.app, spanish, '/admin/account/language', { language: 'es' })).statusCode, 303);
      const res = await upload(spanish, { dryRun: '1' }, fixture('harbour-gazette.xml'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /entrada 301: en la papelera de WordPress \(estado trash\)/);
      assert.match(res.body, /privada → borrador \(Dateline no tiene artículos privados\): 1/);
      assert.doesNotMatch(res.body, /in the WordPress trash/);
      // The next test counts the audit entries of its own run only.
      await t.deps.db.deleteFrom('audit_log').where('action', 'like', 'wordpress.%').execute();
    });

    it('a dry run shows the report and writes nothing but its audit entry', async () => {
      const before = uploadsLeft();
      const res = await upload(admin, { dryRun: '1' }, fixture('harbour-gazette.xml'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /Dry run: nothing was written.* from https:\/\/gazette\.example\.org\/news/);
      assert.match(res.body, /<th scope="row">post<\/th><td>6<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
      assert.match(res.body, /post 301: in the WordPress trash/);
      await assertValid(res.body);
      assert.equal(await articles(), 0);
      assert.deepEqual(await audit(), [
        { action: 'wordpress.import_checked', subject: 'harbour-gazette.xml', actor_id: admin.id },
      ]);
      assert.equal(uploadsLeft(), before, 'the temporary upload is removed');
    });

    it('imports for real when the box is cleared, and says so', async () => {
      const res = await upload(admin, {}, fixture('harbour-gazette.xml'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /<h2 id="report-heading">Imported from https:\/\/gazette\.example\.org\/news/);
      assert.match(res.body, /<th scope="row">comment<\/th><td>5<\/td>/);
      assert.match(res.body, /Files left at their WordPress address \(2\)/);
      assert.equal(await articles(), 7);
      assert.equal((await audit()).at(-1)?.action, 'wordpress.imported');
    });

    it('a broken file answers 422 with its line, the form again, and the site unchanged', async () => {
      const before = uploadsLeft();
      const res = await upload(admin, {}, fixture('broken-orphan-comment.xml'));
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /role="alert">broken-orphan-comment\.xml, line 20: comment 10 on item 2 replies to comment 9, which is not in the export\. Nothing was imported\./,
      );
      assert.match(res.body, /<input id="file" name="file" type="file"[^>]*aria-invalid|<input[^>]*name="file"/);
      assert.equal(await articles(), 7);
      assert.equal(uploadsLeft(), before);
      await assertValid(res.body);
    });

    it('no file, a file over IMPORT_MAX_MB, a missing form token: refused with a clear message', async () => {
      const none = await upload(admin, { dryRun: '1' });
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Choose a WordPress export/);
      const before = uploadsLeft();
      const big = await upload(
        admin,
        { dryRun: '1' },
        { name: 'huge.xml', bytes: Buffer.alloc(1024 * 1024 + 10, 'a') },
      );
      assert.equal(big.statusCode, 413);
      assert.match(
        big.body,
        /larger than 1 MB, the most the desk accepts \(IMPORT_MAX_MB\)\. Import it on the server with: dateline import wordpress FILE\.xml/,
      );
      assert.equal(uploadsLeft(), before);
      const forged = await upload({ ...admin, token: 'forged' }, {}, fixture('harbour-gazette.xml'));
      assert.equal(forged.statusCode, 403);
    });

    it('refuses an editor before reading the file', async () => {
      const res = await upload(editor, {}, fixture('harbour-gazette.xml'));
      assert.equal(res.statusCode, 403);
      const page = await t.app.inject({ url: '/admin/import', headers: { cookie: editor.cookie } });
      assert.equal(page.statusCode, 403);
      assert.doesNotMatch(
        (await t.app.inject({ url: '/admin/account', headers: { cookie: editor.cookie } })).body,
        /href="\/admin\/import"/,
      );
    });

    it('refuses a second import while one runs, here or in another process', async () => {
      const running = importWordPress(t.deps, { file: own('harbour-gazette.xml'), dryRun: true });
      const second = await upload(admin, {}, fixture('harbour-gazette.xml'));
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /Another WordPress import is running/);
      await running;
      if (dialect === 'postgres') {
        const other = new pg.Client({
          connectionString: process.env.TEST_DATABASE_URL,
          options: `-c search_path=${t.db.searchPath}`,
        });
        await other.connect();
        try {
          await other.query('select pg_advisory_lock(hashtext($1 || current_schema()))', [IMPORT_LOCK_NAME]);
          await assert.rejects(
            importWordPress(t.deps, { file: own('harbour-gazette.xml'), dryRun: true }),
            (e: unknown) => e instanceof AppError && e.status === 409 && e.code === 'import_running',
          );
        } finally {
          await other.end();
        }
      }
      if (dialect === 'sqlite') {
        // Another process's import holds SQLite's lease, renewed with each of its batches.
        await t.deps.db
          .insertInto('job_runs')
          .values({ name: 'wordpress-import', last_run_at: new Date().toISOString() })
          .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: new Date().toISOString() }))
          .execute();
        try {
          await assert.rejects(
            importWordPress(t.deps, { file: own('harbour-gazette.xml') }),
            (e: unknown) => e instanceof AppError && e.status === 409 && e.code === 'import_running',
          );
        } finally {
          await t.deps.db.deleteFrom('job_runs').where('name', '=', 'wordpress-import').execute();
        }
      }
      const again = await upload(admin, { dryRun: '1' }, fixture('harbour-gazette.xml'));
      assert.equal(again.statusCode, 200, 'free again once the first has finished');
    });
  });
}
