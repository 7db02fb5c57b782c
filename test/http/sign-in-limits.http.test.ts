// The sign-in limits (5 failures per account, 20 per address, per 15 minutes) hold when attempts arrive all at
// once, on both databases and across app processes. Each password check leaves exactly one audit row
// (sign_in.failed or sign_in.succeeded), so counting those rows counts the checks that ran.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { createUser } from '../../src/modules/people/index.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';

const signIn = (app: FastifyInstance, email: string, password: string, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: formHeaders,
    remoteAddress,
    payload: form({ email, password }),
  });

/** Password checks that ran for an address: one audit row each. */
async function checksFrom(deps: Deps, ip: string): Promise<number> {
  const row = await deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'in', ['sign_in.failed', 'sign_in.succeeded'])
    .where('ip', '=', ip)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((m, r) => ({ ...m, [r.statusCode]: (m[r.statusCode] ?? 0) + 1 }), {});

for (const dialect of dialects) {
  describe(`sign-in limits under concurrency on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('lets at most 5 of 200 simultaneous attempts on one account reach the password check; the right one among them is refused', async () => {
      const user = await createUser(t.deps, {
        email: 'target@newsroom.test',
        name: 'Target',
        role: 'editor',
        password: PASSWORD,
      });
      const ip = '198.51.100.10';
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          signIn(t.app, user.email, i === 149 ? PASSWORD : `guess number ${i}`, ip),
        ),
      );
      const counted = statuses(responses);
      assert.equal(counted[303], undefined, `no attempt signs in: ${JSON.stringify(counted)}`);
      assert.ok((counted[401] ?? 0) <= 5, `at most 5 answered 401: ${JSON.stringify(counted)}`);
      assert.equal((counted[401] ?? 0) + (counted[429] ?? 0), 200, JSON.stringify(counted));
      assert.ok((await checksFrom(t.deps, ip)) <= 5, `password checks: ${await checksFrom(t.deps, ip)}`);
      const after = await signIn(t.app, user.email, PASSWORD, '198.51.100.11');
      assert.equal(after.statusCode, 429, 'the right password after the limit is refused, from any address');
      assert.equal(
        await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).executeTakeFirst(),
        undefined,
      );
    });

    it('lets at most 20 of 200 simultaneous attempts from one address reach the password check, whatever the accounts', async () => {
      const user = await createUser(t.deps, {
        email: 'spread@newsroom.test',
        name: 'Spread',
        role: 'author',
        password: PASSWORD,
      });
      const ip = '198.51.100.20';
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i === 149
            ? signIn(t.app, user.email, PASSWORD, ip)
            : signIn(t.app, `sprayed-${i}@newsroom.test`, 'a guess that is wrong', ip),
        ),
      );
      const counted = statuses(responses);
      assert.equal(counted[303], undefined, `no attempt signs in: ${JSON.stringify(counted)}`);
      assert.ok((await checksFrom(t.deps, ip)) <= 20, `password checks: ${await checksFrom(t.deps, ip)}`);
      assert.equal((await signIn(t.app, user.email, PASSWORD, ip)).statusCode, 429, 'the address stays refused');
      assert.equal(
        (await signIn(t.app, user.email, PASSWORD, '198.51.100.21')).statusCode,
        303,
        'the account itself is not locked',
      );
    });

    it('still signs in the right password sent at the same moment as a few wrong ones, under the limit', async () => {
      const user = await createUser(t.deps, {
        email: 'hurried@newsroom.test',
        name: 'Hurried',
        role: 'author',
        password: PASSWORD,
      });
      const ip = '198.51.100.30';
      const responses = await Promise.all(
        [0, 1, 2, 3].map((i) => signIn(t.app, user.email, i === 2 ? PASSWORD : `typo ${i}`, ip)),
      );
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        [401, 401, 303, 401],
      );
      assert.equal(await checksFrom(t.deps, ip), 4);
      const stored = await t.deps.db
        .selectFrom('sign_in_attempts')
        .select(['succeeded'])
        .where('ip', '=', ip)
        .execute();
      assert.deepEqual(
        stored.map((r) => Number(r.succeeded)).sort(),
        [0, 0, 0, 1],
        'the right attempt is stored as a success',
      );
      assert.equal(
        (await signIn(t.app, user.email, 'one more typo', ip)).statusCode,
        401,
        'a fourth failure is still answered',
      );
      assert.equal(
        (await signIn(t.app, user.email, PASSWORD, ip)).statusCode,
        303,
        'and the right password still works after it',
      );
    });
  });
}

describe('sign-in limits across two app processes on one PostgreSQL schema', {
  skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL',
}, () => {
  let db: TestDb;
  const apps: { app: FastifyInstance; deps: Deps }[] = [];
  before(async () => {
    db = await createTestDb('postgres');
    for (let i = 0; i < 2; i++) {
      // Each its own pool, as two processes would have.
      const { deps } = await createTestDeps(db);
      const app = await buildApp(deps);
      await app.ready();
      apps.push({ app, deps });
    }
  });
  after(async () => {
    for (const { app, deps } of apps) {
      await app.close();
      await deps.close();
    }
    await db.drop();
  });

  it('lets at most 5 of 200 attempts, split between the two, reach the password check', async () => {
    const [a, b] = apps;
    const user = await createUser(a.deps, {
      email: 'shared@newsroom.test',
      name: 'Shared',
      role: 'admin',
      password: PASSWORD,
    });
    const ip = '198.51.100.40';
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        signIn((i % 2 ? b : a).app, user.email, i === 149 ? PASSWORD : `guess number ${i}`, ip),
      ),
    );
    const counted = statuses(responses);
    assert.equal(counted[303], undefined, `no attempt signs in: ${JSON.stringify(counted)}`);
    assert.ok((await checksFrom(a.deps, ip)) <= 5, `password checks: ${await checksFrom(a.deps, ip)}`);
    assert.equal((await signIn(b.app, user.email, PASSWORD, ip)).statusCode, 429);
    assert.equal((await signIn(a.app, user.email, PASSWORD, ip)).statusCode, 429);
  });
});
