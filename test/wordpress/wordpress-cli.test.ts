import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { runCli } from '../support/processes.ts';

const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

for (const dialect of dialects) {
  describe(`dateline import wordpress on ${dialect}`, () => {
    let db: TestDb;
    let env: Record<string, string>;
    before(async () => {
      db = await createTestDb(dialect);
      env = {
        ...db.env,
        DEMO_CONTENT: 'off',
        ...(db.searchPath ? { PGOPTIONS: `-c search_path=${db.searchPath}` } : {}),
      };
    });
    after(() => db.drop());

    const articleCount = async () => {
      const { deps } = await createTestDeps(db);
      const n = (await deps.db.selectFrom('articles').select('id').execute()).length;
      await deps.close();
      return n;
    };

    it('--dry-run prints the report and writes nothing; no progress bar when standard error is not a terminal', async () => {
      const res = await runCli(['import', 'wordpress', own('harbour-gazette.xml'), '--dry-run'], env);
      assert.equal(res.code, 0, res.stderr);
      assert.match(
        res.stdout,
        /^Dry run \(nothing was written\): WordPress import of .*harbour-gazette\.xml from https:\/\/gazette\.example\.org\/news/,
      );
      assert.match(res.stdout, /posts\s+6\s+0\s+0\s+1/);
      assert.match(res.stdout, /Files left at their WordPress address \(2; copy them/);
      assert.match(res.stdout, /post 301: in the WordPress trash/);
      assert.equal(res.stderr, '');
      assert.equal(await articleCount(), 0);
    });

    it('prints the skip reasons, notes and statuses in the language DATELINE_LANG chooses', async () => {
      const res = await runCli(['import', 'wordpress', own('harbour-gazette.xml'), '--dry-run'], {
        ...env,
        DATELINE_LANG: 'es',
      });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /entrada 301: en la papelera de WordPress \(estado trash\)/);
      assert.match(res.stdout, /privada → borrador \(Dateline no tiene artículos privados\): 1/);
      assert.doesNotMatch(res.stdout, /in the WordPress trash|Dateline has no private articles/);
    });

    it('imports with --uploads-dir, then a second run reports everything unchanged', async () => {
      const first = await runCli(
        ['import', 'wordpress', own('harbour-gazette.xml'), '--uploads-dir', own('uploads')],
        env,
      );
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Files copied from the uploads folder: 2/);
      assert.equal(await articleCount(), 7);
      const second = await runCli(
        ['import', 'wordpress', own('harbour-gazette.xml'), '--uploads-dir', own('uploads')],
        env,
      );
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /posts\s+0\s+0\s+6\s+1/);
      assert.equal(await articleCount(), 7);
    });

    it('export wordpress writes the site as WXR to standard output and nothing else', async () => {
      const res = await runCli(['export', 'wordpress'], env);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stderr, '');
      assert.match(res.stdout, /^<\?xml version="1.0" encoding="UTF-8" \?>\n/);
      // Seven posts and pages, and the featured image as an attachment item.
      assert.equal(res.stdout.match(/<item>/g)?.length, 8);
      assert.equal(res.stdout.match(/<wp:post_type><!\[CDATA\[attachment\]\]><\/wp:post_type>/g)?.length, 1);
      assert.match(res.stdout, /<\/rss>\n$/);
      const extra = await runCli(['export', 'wordpress', 'site.xml'], env);
      assert.equal(extra.code, 1);
      assert.match(extra.stderr, /^dateline: Unexpected argument 'site.xml'/);
    });

    it('a broken file is one error line with its line number and a non-zero exit, never a stack trace', async () => {
      const cases: [string[], RegExp][] = [
        [
          ['import', 'wordpress', own('broken-orphan-comment.xml')],
          /^dateline: .*broken-orphan-comment\.xml, line 20: comment 10 on item 2 replies to comment 9, which is not in the export\. Nothing was imported\.\n$/,
        ],
        [['import', 'wordpress', own('not-wxr.xml')], /^dateline: .*not-wxr\.xml, line 2: not a WordPress export/],
        [['import', 'wordpress', own('missing.xml')], /^dateline: The file .*missing\.xml does not exist/],
        [['import', 'wordpress'], /^dateline: import wordpress needs one FILE\.xml/],
        [['import', 'wordpress', own('harbour-gazette.xml'), '--bogus'], /^dateline: Unknown option '--bogus'/],
      ];
      for (const [args, message] of cases) {
        const res = await runCli(args, env);
        assert.equal(res.code, 1, args.join(' '));
        assert.match(res.stderr, message);
        assert.doesNotMatch(res.stderr, /\n\s+at /);
      }
      assert.equal(await articleCount(), 7);
    });
  });
}
