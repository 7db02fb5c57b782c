import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { listAudit } from '../../src/modules/audit/index.ts';
import { createUser, prepareFirstRun } from '../../src/modules/people/index.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { form, formHeaders } from '../support/http.ts';
import { runCli } from '../support/processes.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/deps.ts';

/** Opens the setup form as a browser does: its cookie and the token the form carries. */
async function openSetup(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const page = await app.inject({ url: '/admin/setup' });
  assert.equal(page.statusCode, 200, page.body);
  const cookie = String(page.headers['set-cookie']).split(';')[0];
  const token = /name="_token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token && cookie.startsWith('dl_setup_form='));
  return { cookie, token };
}

async function submit(app: FastifyInstance, fields: Record<string, string>, ip = '127.0.0.1') {
  const { cookie, token } = await openSetup(app);
  return app.inject({
    method: 'POST',
    url: '/admin/setup',
    remoteAddress: ip,
    headers: { ...formHeaders, cookie },
    payload: form({ _token: token, ...fields }),
  });
}

const admin = (code: string, email = 'first@news.test') => ({ code, name: 'Ada First', email, password: PASSWORD });

for (const dialect of dialects) {
  describe(`first run on ${dialect}`, () => {
    let db: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    before(async () => {
      db = await createTestDb(dialect);
      deps = (await createTestDeps(db)).deps;
      app = await buildApp(deps);
      await app.ready();
    });
    after(async () => {
      await app.close();
      await deps.close();
      await db.drop();
    });

    it('offers the first run on /admin, refuses a wrong code and a short password, then makes the admin and signs them in; then it is gone', async () => {
      // Staff without passwords (a demo newsroom, an import) are not admins who can sign in.
      await createUser(deps, { email: 'author@news.test', name: 'An Author', role: 'author' });
      const issued = await prepareFirstRun(deps);
      assert.ok(typeof issued === 'object');
      const code = issued.code;
      assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      assert.equal(
        await prepareFirstRun(deps),
        'issued',
        'a second start (another process) finds the code and keeps it',
      );
      const stored = await deps.db.selectFrom('setup_codes').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.ok(
        !JSON.stringify(stored).includes(code.replace(/-/g, '')) && !JSON.stringify(stored).includes(code),
        'only a hash is stored',
      );

      const signIn = await app.inject({ url: '/admin', headers: {} });
      assert.equal(signIn.statusCode, 303);
      const page = await app.inject({ url: String(signIn.headers.location) });
      assert.match(page.body, /<a href="\/admin\/setup">Create the first admin account<\/a>/);

      const wrong = await submit(app, admin('AAAA-BBBB-CCCC-DDDD'));
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /That is not the setup code/);
      assert.match(wrong.body, /id="code"[^>]*aria-invalid="true"/);
      assert.match(wrong.body, /value="Ada First"/, 'what was typed is kept');

      const short = await submit(app, { ...admin(code), password: 'short' });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /at least 10 characters/);

      // Typed as a person copies it: lower case, spaces.
      const made = await submit(app, admin(code.toLowerCase().replace(/-/g, ' ')));
      assert.equal(made.statusCode, 303, made.body);
      assert.equal(made.headers.location, '/admin/articles');
      const cookie = [made.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('dl_session='))!
        .split(';')[0];
      const desk = await app.inject({ url: '/admin/people', headers: { cookie } });
      assert.equal(desk.statusCode, 200, 'the new admin is signed in and may manage people');
      const row = await deps.db
        .selectFrom('users')
        .select(['role', 'password_hash'])
        .where('email', '=', 'first@news.test')
        .executeTakeFirstOrThrow();
      assert.equal(row.role, 'admin');
      assert.match(row.password_hash ?? '', /^\$argon2id\$/);
      assert.equal((await deps.db.selectFrom('setup_codes').selectAll().execute()).length, 0, 'the code is spent');
      const audit = (await listAudit(deps.db, { limit: 50, offset: 0 })).entries.map((e) => e.action);
      assert.ok(audit.includes('first_admin.created') && audit.includes('first_admin.wrong_code'));

      const gone = await app.inject({ url: '/admin/setup' });
      assert.equal(gone.statusCode, 303);
      assert.equal(gone.headers.location, '/admin/sign-in');
      assert.doesNotMatch((await app.inject({ url: '/admin/sign-in' })).body, /Create the first admin account/);
      const again = await app.inject({
        method: 'POST',
        url: '/admin/setup',
        headers: formHeaders,
        payload: form(admin(code, 'second@news.test')),
      });
      assert.ok([403, 404].includes(again.statusCode));
      assert.equal(await prepareFirstRun(deps), 'none');
    });
  });

  describe(`first run guards on ${dialect}`, () => {
    let db: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    before(async () => {
      db = await createTestDb(dialect);
      deps = (await createTestDeps(db)).deps;
      app = await buildApp(deps);
      await app.ready();
    });
    after(async () => {
      await app.close();
      await deps.close();
      await db.drop();
    });

    it('refuses a form without its token, and one from another site', async () => {
      const issued = await prepareFirstRun(deps);
      assert.ok(typeof issued === 'object');
      const noToken = await app.inject({
        method: 'POST',
        url: '/admin/setup',
        headers: formHeaders,
        payload: form(admin(issued.code)),
      });
      assert.equal(noToken.statusCode, 403);
      const { cookie, token } = await openSetup(app);
      const crossSite = await app.inject({
        method: 'POST',
        url: '/admin/setup',
        headers: { ...formHeaders, 'sec-fetch-site': 'cross-site', cookie },
        payload: form({ _token: token, ...admin(issued.code) }),
      });
      assert.equal(crossSite.statusCode, 403);
      assert.equal((await deps.db.selectFrom('users').selectAll().execute()).length, 0);
    });

    it('limits wrong codes per address: the sixth try is refused even with the right code', async () => {
      const code = (await import('../../src/modules/people/index.ts')).issueSetupCode;
      const fresh = await code(deps);
      for (let i = 0; i < 5; i++)
        assert.equal((await submit(app, admin('WRNG-WRNG-WRNG-WRNG'), '203.0.113.9')).statusCode, 422);
      const limited = await submit(app, admin(fresh), '203.0.113.9');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Too many wrong setup codes/);
      assert.ok(limited.headers['retry-after']);
      assert.equal((await deps.db.selectFrom('users').selectAll().execute()).length, 0);
    });

    it('a new code from `dateline setup-code` replaces the old; two submissions at once make one admin; a second process agrees', async () => {
      const env = {
        ...db.env,
        ...(db.searchPath ? { PGOPTIONS: `-c search_path=${db.searchPath}` } : {}),
        PUBLIC_URL: 'http://news.test',
      };
      const old = await prepareFirstRun(deps);
      const cli = await runCli(['setup-code'], env);
      assert.equal(cli.code, 0, cli.stderr);
      const code = cli.stdout.trim();
      assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      if (typeof old === 'object') assert.notEqual(old.code, code);
      // A second process on the same database (scale-out) checks the same stored code.
      const other = await createTestDeps(db);
      const otherApp = await buildApp(other.deps);
      await otherApp.ready();
      try {
        assert.equal(await prepareFirstRun(other.deps), 'issued');
        const [a, b] = await Promise.all([
          submit(app, admin(code, 'one@news.test'), '198.51.100.1'),
          submit(otherApp, admin(code, 'two@news.test'), '198.51.100.2'),
        ]);
        assert.deepEqual(
          [a.statusCode, b.statusCode].sort(),
          [303, 404],
          `${a.body.slice(0, 200)} ${b.body.slice(0, 200)}`,
        );
        const admins = await deps.db.selectFrom('users').select('email').where('role', '=', 'admin').execute();
        assert.equal(admins.length, 1);
      } finally {
        await otherApp.close();
        await other.deps.close();
      }
      const spent = await runCli(['setup-code'], env);
      assert.equal(spent.code, 1);
      assert.match(spent.stderr, /An admin account exists already/);
    });
  });
}
