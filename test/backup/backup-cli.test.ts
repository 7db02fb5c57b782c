import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestDb, dialects, type TestDb } from '../support/databases.ts';
import { runCli } from '../support/processes.ts';

const fixture = fileURLToPath(new URL('../wordpress/fixtures/harbour-gazette.xml', import.meta.url));

for (const dialect of dialects) {
  describe(`dateline export json / import json on ${dialect}`, () => {
    const dbs: TestDb[] = [];
    const envOf = (db: TestDb) => ({
      ...db.env,
      DEMO_CONTENT: 'off',
      ...(db.searchPath ? { PGOPTIONS: `-c search_path=${db.searchPath}` } : {}),
    });
    before(async () => {
      dbs.push(await createTestDb(dialect), await createTestDb(dialect));
    });
    after(async () => {
      for (const db of dbs) await db.drop();
    });

    it('backs a site up to standard output and restores it into an empty one, and only an empty one', async () => {
      const [a, b] = dbs;
      assert.equal((await runCli(['import', 'wordpress', fixture], envOf(a))).code, 0);
      const backup = await runCli(['export', 'json'], envOf(a));
      assert.equal(backup.code, 0, backup.stderr);
      assert.equal(backup.stderr, '');
      assert.equal(JSON.parse(backup.stdout).tables.articles.length, 7);
      const file = path.join(b.tmpDir, 'backup.json');
      fs.writeFileSync(file, backup.stdout);

      const restored = await runCli(['import', 'json', file], envOf(b));
      assert.equal(restored.code, 0, restored.stderr);
      assert.match(restored.stdout, /^Restored 7 articles, 7 comments and 2 staff accounts from .*backup\.json\./);

      const cases: [string[], RegExp][] = [
        [
          ['import', 'json', file],
          /^dateline: The site is not empty \(2 users, 7 articles, 7 comments, 3 sections, 2 tags\): .*Nothing was restored\.\n$/,
        ],
        [['import', 'json', fixture], /^dateline: .*harbour-gazette\.xml: not JSON \(.*\)\. Nothing was restored\.\n$/],
        [['import', 'json'], /^dateline: import json needs one FILE\.json/],
        [['export', 'json', '--pretty'], /^dateline: Unknown option '--pretty'/],
      ];
      for (const [args, message] of cases) {
        const res = await runCli(args, envOf(b));
        assert.equal(res.code, 1, args.join(' '));
        assert.match(res.stderr, message);
        assert.doesNotMatch(res.stderr, /\n\s+at /);
      }
    });
  });
}
