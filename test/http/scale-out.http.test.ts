// Two app processes' worth of apps on one PostgreSQL database and one Redis: what one changes, the other shows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { createTestDb, createTestDeps, redisUrl, type TestDb } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { createTerm } from '../../src/modules/sections-desk/index.ts';

const enabled = Boolean(process.env.TEST_DATABASE_URL && redisUrl);

describe('scale-out: two apps sharing PostgreSQL and Redis', {
  skip: !enabled && 'needs TEST_DATABASE_URL and TEST_REDIS_URL',
}, () => {
  let db: TestDb;
  const apps: { app: FastifyInstance; deps: Deps }[] = [];
  before(async () => {
    db = await createTestDb('postgres');
    for (let i = 0; i < 2; i++) {
      const { deps } = await createTestDeps(db, { env: { REDIS_URL: redisUrl!, COMMENT_RATE_LIMIT: '2/60' } });
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

  /** Polls until the condition holds: invalidations travel through Redis, not instantly. */
  async function eventually(check: () => Promise<boolean>, ms = 3000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail('condition not reached in time');
  }

  it('a comment posted through one app drops the page cached by the other', async () => {
    const [a, b] = apps;
    const article = await makeArticle(a.deps);
    const url = `/articles/${article.slug}`;
    // The article's own invalidation may still be on its way through Redis: wait until b keeps its copy.
    await eventually(async () => (await b.app.inject({ url })).headers['x-page-cache'] === 'hit');
    const posted = await a.app.inject({
      method: 'POST',
      url: `/api/articles/${article.slug}/comments`,
      remoteAddress: '127.9.9.1',
      payload: { name: 'Across', email: 'x@example.org', body: 'Seen everywhere' },
    });
    assert.equal(posted.statusCode, 201);
    await eventually(async () => /Seen everywhere/.test((await b.app.inject({ url })).body));
  });

  it('a settings or sections change through one app shows on the other, which reads them from memory', async () => {
    const [a, b] = apps;
    const name = (body: string) => /<a class="site-name" href="\/">([^<]*)<\/a>/.exec(body)?.[1];
    // b reads the site once, then from memory: a change written behind its back (no invalidation) is not seen.
    const before = name((await b.app.inject({ url: '/search' })).body);
    await a.deps.db
      .insertInto('settings')
      .values({ key: 'name', value: JSON.stringify('Unannounced Gazette') })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify('Unannounced Gazette') }))
      .execute();
    assert.equal(name((await b.app.inject({ url: '/search' })).body), before);
    // Through the service the change is announced, and b reads the site again.
    await updateSettings(a.deps, { name: 'Harbour Gazette' });
    await eventually(async () => name((await b.app.inject({ url: '/search' })).body) === 'Harbour Gazette');
    await createTerm(a.deps, {
      staff: await makeStaff(a.deps, 'admin'),
      ip: '127.0.0.1',
      kind: 'section',
      name: 'Quayside',
    });
    await eventually(async () => /href="\/sections\/quayside"/.test((await b.app.inject({ url: '/search' })).body));
  });

  it('a change to the moderation rules alone reaches the other app, which keeps its pages and its rules in memory', async () => {
    const [a, b] = apps;
    const article = await makeArticle(a.deps, { commentStatus: 'open' });
    const url = `/articles/${article.slug}`;
    const post = async (app: FastifyInstance, body: string) => {
      const answer = await app.inject({
        method: 'POST',
        url: `/api/articles/${article.slug}/comments`,
        remoteAddress: `127.${Math.floor(Math.random() * 250)}.8.${Math.floor(Math.random() * 250) + 1}`,
        payload: { name: 'Rules Reader', email: 'rules@example.org', body },
      });
      assert.equal(answer.statusCode, 201, answer.body);
      const row = await a.deps.db
        .selectFrom('comments')
        .select('status')
        .where('id', '=', answer.json().id)
        .executeTakeFirstOrThrow();
      return row.status;
    };
    // b has read the rules (a post) and keeps the page: the word is not blocked yet.
    assert.equal(await post(b.app, 'The quayside market reopens.'), 'approved');
    await eventually(async () => (await b.app.inject({ url })).headers['x-page-cache'] === 'hit');
    await updateSettings(a.deps, { blockedWords: ['quaysidescam'] });
    await eventually(async () => (await post(b.app, 'Cheap quaysidescam tickets.')) === 'spam');
    // No page shows the moderation rules: b's page stayed in its cache.
    assert.equal((await b.app.inject({ url })).headers['x-page-cache'], 'hit');
  });

  it('shares the per-address comment limit between apps', async () => {
    const [a, b] = apps;
    const article = await makeArticle(a.deps);
    const address = `127.${Math.floor(Math.random() * 250)}.7.${Math.floor(Math.random() * 250) + 1}`;
    const post = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: `/api/articles/${article.slug}/comments`,
        remoteAddress: address,
        payload: { name: 'Twice', email: 't@example.org', body: 'Posting' },
      });
    assert.equal((await post(a.app)).statusCode, 201);
    assert.equal((await post(b.app)).statusCode, 201);
    assert.equal((await post(a.app)).statusCode, 429);
    assert.equal((await post(b.app)).statusCode, 429);
  });
});
