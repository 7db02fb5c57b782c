import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDb, dialects, type TestDb } from '../support/databases.ts';
import { runCli } from '../support/processes.ts';
import { createTestDeps } from '../support/databases.ts';
import { buildApp } from '../../src/app.ts';

for (const dialect of dialects) {
  describe(`dateline CLI on ${dialect}`, () => {
    let db: TestDb;
    let env: Record<string, string>;
    before(async () => {
      db = await createTestDb(dialect);
      env = { ...db.env, ...(db.searchPath ? { PGOPTIONS: `-c search_path=${db.searchPath}` } : {}) };
    });
    after(() => db.drop());

    it('migrates, and says so again without changing anything', async () => {
      const first = await runCli(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Applied: 2026-11-28-core/);
      const second = await runCli(['migrate'], env);
      assert.equal(second.code, 0);
      assert.match(second.stdout, /up to date/);
    });

    it('creates a user with a password from standard input, never echoed, stored as argon2id', async () => {
      const res = await runCli(['user', 'create', '--email', 'Editor@News.Test', '--name', 'Edna Editor', '--role', 'editor'], env, 'a long secret phrase\n');
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /Created editor Edna Editor <editor@news.test>/);
      assert.ok(!res.stdout.includes('a long secret phrase') && !res.stderr.includes('a long secret phrase'));
      const { deps } = await createTestDeps(db);
      const row = await deps.db.selectFrom('users').select(['password_hash', 'role']).where('email', '=', 'editor@news.test').executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? '', /^\$argon2id\$/);
      await deps.close();
    });

    it('prints a token once, stores only its hash, and the token works on the API', async () => {
      const res = await runCli(['token', 'create', '--email', 'editor@news.test'], env);
      assert.equal(res.code, 0, res.stderr);
      const token = res.stdout.trim();
      assert.match(token, /^dl_[A-Za-z0-9_-]{40}$/);
      const { deps } = await createTestDeps(db);
      const stored = await deps.db.selectFrom('api_tokens').select('token_hash').execute();
      assert.ok(stored.every((t) => t.token_hash !== token && /^[0-9a-f]{64}$/.test(t.token_hash)));
      const app = await buildApp(deps);
      const created = await app.inject({ method: 'POST', url: '/api/articles', headers: { authorization: `Bearer ${token}` }, payload: { headline: 'From The CLI Token', body: 'Text' } });
      assert.equal(created.statusCode, 201, created.body);
      await app.close();
      await deps.close();
    });

    it('answers a commenter\'s data request: export, then erase, under an admin\'s name', async () => {
      assert.equal((await runCli(['user', 'create', '--email', 'privacy-admin@news.test', '--name', 'Privacy Admin', '--role', 'admin', '--no-password'], env)).code, 0);
      const { deps } = await createTestDeps(db);
      const { makeArticle } = await import('../support/newsroom.ts');
      const { postComment } = await import('../../src/modules/comments/index.ts');
      const a = await makeArticle(deps);
      await postComment(deps, { slug: a.slug, name: 'Asker', email: 'asker@example.org', body: 'Please forget me later', ip: '203.0.113.5', userAgent: 't' });
      await deps.close();
      const exported = await runCli(['privacy', 'export', '--email', 'asker@example.org', '--as', 'privacy-admin@news.test'], env);
      assert.equal(exported.code, 0, exported.stderr);
      const data = JSON.parse(exported.stdout);
      assert.equal(data.comments[0].text, 'Please forget me later');
      assert.equal(data.comments[0].ip, '203.0.113.5');
      const erased = await runCli(['privacy', 'erase', '--email', 'asker@example.org', '--as', 'privacy-admin@news.test'], env);
      assert.match(erased.stdout, /Erased 1 comments of asker@example.org/);
      const refused = await runCli(['privacy', 'erase', '--email', 'asker@example.org', '--as', 'editor@news.test'], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^dateline: Your role \(editor\) may not/);
    });

    it('answers mistakes with an error line and a non-zero exit', async () => {
      const cases: [string[], string, RegExp][] = [
        [['user', 'create', '--email', 'x@news.test', '--name', 'X'], '', /user create needs --role/],
        [['user', 'create', '--email', 'x@news.test', '--name', 'X', '--role', 'king'], 'long enough password', /The role must be one of admin, editor/],
        [['user', 'create', '--email', 'y@news.test', '--name', 'Y', '--role', 'admin'], 'short', /at least 10 characters/],
        [['user', 'create', '--email', 'editor@news.test', '--name', 'Again', '--role', 'admin'], 'long enough password', /already exists/],
        [['token', 'create', '--email', 'nobody@news.test'], '', /No user with the email nobody@news.test/],
        [['publish', 'everything'], '', /unknown command/],
        [['token', 'create', '--email'], '', /argument missing|--email/],
      ];
      for (const [args, stdin, message] of cases) {
        const res = await runCli(args, env, stdin);
        assert.equal(res.code, 1, `${args.join(' ')}: ${res.stdout}`);
        assert.match(res.stderr, /^dateline: /);
        assert.match(res.stderr, message);
      }
      const badConfig = await runCli(['migrate'], { ...env, DATABASE_URL: 'mysql://nope' });
      assert.equal(badConfig.code, 1);
      assert.match(badConfig.stderr, /DATABASE_URL must be sqlite:PATH or postgres:/);
    });
  });
}
