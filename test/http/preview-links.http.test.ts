// Private preview links: stored as a hash, shown once, ended by publishing, unpublishing or the trash, expiring
// after PREVIEW_LINK_DAYS, revocable one by one; and the links of older databases converted by their migration.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { buildDeps } from '../../src/deps.ts';
import { loadConfig } from '../../src/config.ts';
import { restoreArticle, trashArticle, updateArticle } from '../../src/modules/articles/index.ts';
import { listAudit } from '../../src/modules/audit/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { migrate } from '../../src/platform/db/database.ts';
import { sha256 } from '../../src/platform/ids.ts';
import pino from 'pino';
import { createTestDb, dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';
import { ROOT } from '../support/processes.ts';

const DAY = 86_400_000;

for (const dialect of dialects) {
  describe(`private preview links on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    /** Makes a link on the desk and returns its address (path with the secret), read from the one page that shows it. */
    async function makeLink(articleId: string): Promise<string> {
      const res = await deskPost(t.app, editor, `/admin/articles/${articleId}/preview`, {});
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      return new URL(/id="fresh-preview" type="url" readonly value="([^"]+)"/.exec(res.body)![1]).pathname;
    }
    const opens = async (link: string) => (await t.app.inject({ url: link })).statusCode;

    it('stores only a hash of the secret, and shows the secret only to the editor who made it, once', async () => {
      const draft = await makeArticle(t.deps, { headline: 'Hashed Preview', status: 'draft' });
      const link = await makeLink(draft.id);
      const secret = link.split('/')[2];
      const rows = await t.deps.db.selectFrom('preview_links').selectAll().where('article_id', '=', draft.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].token_hash, sha256(secret));
      assert.equal(rows[0].created_by, editor.id);
      const article = await t.deps.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify([rows, article]).includes(secret), 'the raw secret is nowhere in the database');
      assert.equal(await opens(link), 200);
      const page = await t.app.inject({ url: `/admin/articles/${draft.id}/edit`, headers: { cookie: editor.cookie } });
      assert.ok(!page.body.includes(secret), 'the editor page lists the link without its secret');
      assert.match(page.body, new RegExp(`action="/admin/articles/${draft.id}/preview/${rows[0].id}/revoke"`));
      assert.equal(
        rows[0].expires_at,
        new Date(clock.now().getTime() + 7 * DAY).toISOString(),
        'seven days by default',
      );
    });

    it('stops working when the article is published', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const draft = await makeArticle(t.deps, { status: 'draft' }, staff);
      const link = await makeLink(draft.id);
      assert.equal(await opens(link), 200);
      await updateArticle(t.deps, { staff, id: draft.id, changes: { status: 'published' } });
      assert.equal(await opens(link), 404);
      await updateArticle(t.deps, { staff, id: draft.id, changes: { status: 'draft' } });
      assert.equal(await opens(link), 404, 'and does not come back when it is unpublished again');
    });

    it('keeps working while scheduled, stops when the time comes, and stops when unpublished', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const soon = await makeArticle(
        t.deps,
        { status: 'scheduled', publishAt: new Date(clock.now().getTime() + DAY).toISOString() },
        staff,
      );
      const early = await makeLink(soon.id);
      assert.equal(await opens(early), 200, 'a scheduled article is not public yet');
      const later = await makeArticle(t.deps, { status: 'draft' }, staff);
      const link = await makeLink(later.id);
      await updateArticle(t.deps, {
        staff,
        id: later.id,
        changes: { status: 'scheduled', publishAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() },
      });
      assert.equal(await opens(link), 200, 'scheduling a draft keeps its links');
      await updateArticle(t.deps, { staff, id: later.id, changes: { status: 'draft' } });
      assert.equal(await opens(link), 404, 'unpublishing (unscheduling) ends them');
      clock.advance(DAY + 1000);
      assert.equal(await opens(early), 404, 'the article went public at its time');
    });

    it('stops working when the article is moved to the trash, and stays dead after a restore', async () => {
      const staff = await makeStaff(t.deps, 'editor');
      const draft = await makeArticle(t.deps, { status: 'pending' }, staff);
      const link = await makeLink(draft.id);
      assert.equal(await opens(link), 200);
      await trashArticle(t.deps, { staff, id: draft.id });
      assert.equal(await opens(link), 404);
      const trashed = await deskPost(t.app, editor, `/admin/articles/${draft.id}/preview`, {});
      assert.equal(trashed.statusCode, 409, 'no new link for an article in the trash');
      await restoreArticle(t.deps, { staff, id: draft.id });
      assert.equal(await opens(link), 404);
    });

    it('expires after seven days', async () => {
      const draft = await makeArticle(t.deps, { status: 'draft' });
      const link = await makeLink(draft.id);
      clock.advance(7 * DAY - 60_000);
      assert.equal(await opens(link), 200);
      clock.advance(120_000);
      assert.equal(await opens(link), 404);
      const page = await t.app.inject({ url: `/admin/articles/${draft.id}/edit`, headers: { cookie: editor.cookie } });
      assert.doesNotMatch(page.body, /\/preview\/[^"]+\/revoke/, 'an expired link is no longer listed');
    });

    it('lets the editor revoke one link and keep the others, audited', async () => {
      const draft = await makeArticle(t.deps, { status: 'draft' });
      const first = await makeLink(draft.id);
      const second = await makeLink(draft.id);
      const row = await t.deps.db
        .selectFrom('preview_links')
        .select('id')
        .where('token_hash', '=', sha256(first.split('/')[2]))
        .executeTakeFirstOrThrow();
      const res = await deskPost(t.app, editor, `/admin/articles/${draft.id}/preview/${row.id}/revoke`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/articles/${draft.id}/edit?done=preview-revoked`);
      assert.equal(await opens(first), 404);
      assert.equal(await opens(second), 200);
      const other = await makeArticle(t.deps, { status: 'draft' });
      assert.equal(
        (await deskPost(t.app, editor, `/admin/articles/${other.id}/preview/${row.id}/revoke`, {})).statusCode,
        404,
        'a link is revoked through its own article',
      );
      const author = await makeDeskUser(t.app, t.deps, 'author');
      const secondRow = await t.deps.db
        .selectFrom('preview_links')
        .select('id')
        .where('token_hash', '=', sha256(second.split('/')[2]))
        .executeTakeFirstOrThrow();
      assert.equal(
        (await deskPost(t.app, author, `/admin/articles/${draft.id}/preview/${secondRow.id}/revoke`, {})).statusCode,
        403,
        'not by someone who may not edit it',
      );
      assert.equal(await opens(second), 200);
      const audit = (await listAudit(t.deps.db, { limit: 100, offset: 0 })).entries.find(
        (e) => e.action === 'preview_link.revoked',
      );
      assert.deepEqual(audit?.details, { id: draft.id, link: row.id });
    });
  });
}

describe('PREVIEW_LINK_DAYS', () => {
  it('sets how long a new preview link works', async () => {
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    const t = await createTestApp('sqlite', { clock, env: { PREVIEW_LINK_DAYS: '2' } });
    try {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      const draft = await makeArticle(t.deps, { status: 'draft' });
      assert.equal((await deskPost(t.app, editor, `/admin/articles/${draft.id}/preview`, {})).statusCode, 200);
      const row = await t.deps.db.selectFrom('preview_links').select('expires_at').executeTakeFirstOrThrow();
      assert.equal(row.expires_at, new Date(clock.now().getTime() + 2 * DAY).toISOString());
    } finally {
      await t.close();
    }
  });
});

/** Every migration of the project, by name, as the migrator sees them. */
async function allMigrations(): Promise<Record<string, Migration>> {
  const dir = path.join(ROOT, 'src/platform/db/migrations');
  const out: Record<string, Migration> = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort())
    out[file.replace(/\.ts$/, '')] = await import(path.join(dir, file));
  return out;
}

for (const dialect of dialects) {
  describe(`the preview-links migration on ${dialect}`, () => {
    it('converts the raw secret of an article still private into a hashed week-long link, and drops the others', async () => {
      const db = await createTestDb(dialect);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'http://news.test',
        DEMO_CONTENT: 'off',
        COMMENT_RATE_LIMIT: 'off',
        ...db.env,
      });
      const deps = await buildDeps(config, {
        logger: pino({ level: 'silent' }),
        db: { searchPath: db.searchPath, poolSize: 3 },
      });
      try {
        const schema =
          dialect === 'postgres'
            ? (await sql<{ s: string }>`select current_schema() as s`.execute(deps.db)).rows[0].s
            : undefined;
        const migrator = new Migrator({
          db: deps.db,
          provider: { getMigrations: allMigrations },
          ...(schema && { migrationTableSchema: schema }),
        });
        const { error } = await migrator.migrateTo('2026-12-01-account-access');
        assert.equal(error, undefined);
        const untyped = deps.db as unknown as Kysely<any>;
        const now = Date.now();
        const held: Record<string, { status: string; publishAt?: string }> = {
          draft: { status: 'draft' },
          pending: { status: 'pending' },
          scheduled: { status: 'scheduled', publishAt: new Date(now + 5 * DAY).toISOString() },
          published: { status: 'published' },
          trash: { status: 'draft' },
        };
        const secrets: Record<string, string> = {};
        // Rows as that older schema held them, written by hand: today's services write columns it did not have yet.
        const stamp = new Date(now).toISOString();
        for (const [name, input] of Object.entries(held)) {
          secrets[name] = `old-raw-secret-of-the-${name}-article`;
          const status = name === 'trash' ? 'trash' : input.status === 'scheduled' ? 'published' : input.status;
          await untyped
            .insertInto('articles')
            .values({
              id: `00000000-0000-7000-8000-00000000000${Object.keys(secrets).length}`,
              slug: `held-${name}`,
              headline: `Held ${name}`,
              body_source: 'Held.',
              body_html: '<p>Held.</p>',
              status,
              preview_token: secrets[name],
              published_at: input.publishAt ?? (status === 'published' ? stamp : null),
              created_at: stamp,
              updated_at: stamp,
            })
            .execute();
        }
        const applied = await migrate(deps.db, deps.dialect);
        assert.equal(applied[0], '2026-12-01-preview-links', 'the conversion is the next migration');
        const links = await deps.db.selectFrom('preview_links').selectAll().execute();
        assert.deepEqual(
          links.map((l) => l.token_hash).sort(),
          ['draft', 'pending', 'scheduled'].map((n) => sha256(secrets[n])).sort(),
        );
        for (const l of links) {
          const week = Date.parse(l.expires_at) - Date.parse(l.created_at);
          assert.equal(week, 7 * DAY);
          assert.equal(l.created_by, null);
        }
        const columns = await untyped.selectFrom('articles').selectAll().limit(1).execute();
        assert.equal('preview_token' in columns[0], false, 'the raw secrets are gone from the articles');
        const app = await buildApp(deps);
        try {
          for (const [name, secret] of Object.entries(secrets)) {
            const res = await app.inject({ url: `/preview/${secret}` });
            assert.equal(res.statusCode, ['draft', 'pending', 'scheduled'].includes(name) ? 200 : 404, name);
          }
        } finally {
          await app.close();
        }
      } finally {
        await deps.close();
        await db.drop();
      }
    });
  });
}
