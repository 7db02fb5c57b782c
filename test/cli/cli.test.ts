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
      const res = await runCli(
        ['user', 'create', '--email', 'Editor@News.Test', '--name', 'Edna Editor', '--role', 'editor'],
        env,
        'a long secret phrase\n',
      );
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /Created editor Edna Editor <editor@news.test>/);
      assert.ok(!res.stdout.includes('a long secret phrase') && !res.stderr.includes('a long secret phrase'));
      const { deps } = await createTestDeps(db);
      const row = await deps.db
        .selectFrom('users')
        .select(['password_hash', 'role'])
        .where('email', '=', 'editor@news.test')
        .executeTakeFirstOrThrow();
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
      const created = await app.inject({
        method: 'POST',
        url: '/api/articles',
        headers: { authorization: `Bearer ${token}` },
        payload: { headline: 'From The CLI Token', body: 'Text' },
      });
      assert.equal(created.statusCode, 201, created.body);
      await app.close();
      await deps.close();
    });

    it("makes a token with an expiry, lists the user's tokens, and revokes one by id", async () => {
      const made = await runCli(
        ['token', 'create', '--email', 'editor@news.test', '--label', 'wire feed', '--expires-in', '90d'],
        env,
      );
      assert.equal(made.code, 0, made.stderr);
      const token = made.stdout.trim();
      const { deps } = await createTestDeps(db);
      const app = await buildApp(deps);
      const use = () => app.inject({ url: '/api/commenter-bans', headers: { authorization: `Bearer ${token}` } });
      try {
        assert.equal((await use()).statusCode, 200);
        const row = await deps.db
          .selectFrom('api_tokens')
          .select(['id', 'created_at', 'expires_at'])
          .where('label', '=', 'wire feed')
          .executeTakeFirstOrThrow();
        assert.equal(Date.parse(row.expires_at!) - Date.parse(row.created_at), 90 * 86_400_000);
        const listed = await runCli(['token', 'list', '--email', 'editor@news.test'], env);
        assert.equal(listed.code, 0, listed.stderr);
        const lines = listed.stdout.trim().split('\n');
        assert.match(lines[0], /^ID\s+LABEL\s+CREATED\s+LAST USED\s+EXPIRES$/);
        const line = lines.find((l) => l.startsWith(row.id));
        assert.ok(line, listed.stdout);
        assert.match(
          line,
          /\swire feed\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
          'created, last used (just now) and expiry',
        );
        assert.ok(
          lines.some((l) => /^\S+\s+-\s+\S+\s+\S+\s+never$/.test(l)),
          'the earlier token: no label, never expires',
        );
        assert.ok(!listed.stdout.includes(token), 'the secret is never shown again');
        const revoked = await runCli(['token', 'revoke', row.id], env);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.match(revoked.stdout, new RegExp(`Revoked the token ${row.id}`));
        assert.equal((await use()).statusCode, 401);
        const audit = await deps.db
          .selectFrom('audit_log')
          .select(['details'])
          .where('action', '=', 'api_token.revoked')
          .executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(audit.details), { id: row.id, label: 'wire feed', via: 'command line' });
        const again = await runCli(['token', 'revoke', row.id], env);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /^dateline: There is no such API token/);
      } finally {
        await app.close();
        await deps.close();
      }
    });

    it("answers a commenter's data request: export, then erase, under an admin's name", async () => {
      assert.equal(
        (
          await runCli(
            [
              'user',
              'create',
              '--email',
              'privacy-admin@news.test',
              '--name',
              'Privacy Admin',
              '--role',
              'admin',
              '--no-password',
            ],
            env,
          )
        ).code,
        0,
      );
      const { deps } = await createTestDeps(db);
      const { makeArticle } = await import('../support/newsroom.ts');
      const { postComment } = await import('../../src/modules/comments/index.ts');
      const a = await makeArticle(deps);
      await postComment(deps, {
        slug: a.slug,
        name: 'Asker',
        email: 'asker@example.org',
        body: 'Please forget me later',
        ip: '203.0.113.5',
        userAgent: 't',
      });
      await deps.close();
      const exported = await runCli(
        ['privacy', 'export', '--email', 'asker@example.org', '--as', 'privacy-admin@news.test'],
        env,
      );
      assert.equal(exported.code, 0, exported.stderr);
      const data = JSON.parse(exported.stdout);
      assert.equal(data.comments[0].text, 'Please forget me later');
      assert.equal(data.comments[0].ip, '203.0.113.5');
      const erased = await runCli(
        ['privacy', 'erase', '--email', 'asker@example.org', '--as', 'privacy-admin@news.test'],
        env,
      );
      assert.match(erased.stdout, /Erased 1 comments of asker@example.org/);
      const refused = await runCli(
        ['privacy', 'erase', '--email', 'asker@example.org', '--as', 'editor@news.test'],
        env,
      );
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^dateline: Your role \(editor\) may not/);
    });

    it('answers mistakes with an error line and a non-zero exit', async () => {
      const cases: [string[], string, RegExp][] = [
        [['user', 'create', '--email', 'x@news.test', '--name', 'X'], '', /user create needs --role/],
        [
          ['user', 'create', '--email', 'x@news.test', '--name', 'X', '--role', 'king'],
          'long enough password',
          /The role must be one of admin, editor/,
        ],
        [
          ['user', 'create', '--email', 'y@news.test', '--name', 'Y', '--role', 'admin'],
          'short',
          /at least 10 characters/,
        ],
        [
          ['user', 'create', '--email', 'editor@news.test', '--name', 'Again', '--role', 'admin'],
          'long enough password',
          /already exists/,
        ],
        [['token', 'create', '--email', 'nobody@news.test'], '', /No user with the email nobody@news.test/],
        [['publish', 'everything'], '', /unknown command/],
        [['token', 'create', '--email'], '', /argument missing|--email/],
        [
          ['token', 'create', '--email', 'editor@news.test', '--expires-in', '2w'],
          '',
          /lifetime must be a whole number of days or hours, such as 90d or 12h.*\(got "2w"\)/,
        ],
        [['token', 'create', '--email', 'editor@news.test', '--expires-in', '0d'], '', /from 1h to 3650d/],
        [['token', 'list'], '', /token list needs --email/],
        [['token', 'revoke', 'not-an-id'], '', /There is no such API token/],
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
