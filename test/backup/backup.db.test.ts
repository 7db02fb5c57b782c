import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import { exportBackup, importBackup } from '../../src/modules/backup/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { newId } from '../../src/platform/ids.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';

const fixture = fileURLToPath(new URL('../wordpress/fixtures/harbour-gazette.xml', import.meta.url));

async function backupTo(deps: Deps, file: string): Promise<string> {
  const out = fs.createWriteStream(file);
  await exportBackup(deps, { out });
  out.end();
  await finished(out);
  return fs.readFileSync(file, 'utf8');
}

const withoutTime = (json: string) => ({ ...JSON.parse(json), exportedAt: '(now)' });

for (const dialect of dialects) {
  describe(`JSON backup on ${dialect}`, () => {
    const sites: { db: TestDb; deps: Deps }[] = [];
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    before(async () => {
      for (let i = 0; i < 2; i++) {
        const db = await createTestDb(dialect);
        sites.push({ db, ...(await createTestDeps(db, { clock })) });
      }
      // A site with a bit of everything: imported content, a password, a token, a session, media, a revision, a decision.
      const { deps } = sites[0];
      await importWordPress(deps, { file: fixture });
      await updateSettings(deps, { name: 'The Harbour Gazette', threadDepth: 3 });
      const user = await deps.db.selectFrom('users').select('id').orderBy('email').executeTakeFirstOrThrow();
      const article = await deps.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'winter-ferry-cuts')
        .executeTakeFirstOrThrow();
      const comment = await deps.db
        .selectFrom('comments')
        .select('id')
        .where('author_name', '=', 'Cheap Tickets')
        .executeTakeFirstOrThrow();
      const at = '2026-11-29T09:00:00.000Z';
      await deps.db.updateTable('users').set({ password_hash: '$argon2id$secret' }).where('id', '=', user.id).execute();
      await deps.db
        .insertInto('api_tokens')
        .values({
          id: newId(),
          user_id: user.id,
          token_hash: 'tokenhash',
          label: 'cms',
          created_at: at,
          last_used_at: null,
        })
        .execute();
      await deps.db
        .insertInto('sessions')
        .values({
          id: newId(),
          token_hash: 'sessionhash',
          user_id: user.id,
          created_at: at,
          expires_at: at,
          ip: '',
          user_agent: '',
        })
        .execute();
      await deps.db
        .insertInto('media')
        .values({
          id: newId(),
          url: '/media/2026/11/pier.webp',
          original_name: 'pier.jpg',
          format: 'webp',
          width: 1200,
          height: 800,
          bytes: 4242,
          srcset: '/media/2026/11/pier-600.webp 600w',
          caption: 'The pier',
          credit: 'Gazette',
          alt: 'A pier',
          uploaded_by: user.id,
          created_at: at,
        })
        .execute();
      await deps.db
        .insertInto('article_revisions')
        .values({
          id: newId(),
          article_id: article.id,
          version: 1,
          editor_id: user.id,
          editor_name: 'Inés',
          snapshot: '{"headline":"Ferry"}',
          created_at: at,
        })
        .execute();
      await deps.db
        .insertInto('comment_decisions')
        .values({
          id: newId(),
          comment_id: comment.id,
          status: 'spam',
          rule: 'links',
          reason: 'Two links',
          staff_id: null,
          created_at: at,
        })
        .execute();
      await deps.db
        .insertInto('article_updates')
        .values({
          id: newId(),
          article_id: article.id,
          kind: 'correction',
          note: 'An earlier version gave the wrong crossing time.',
          created_at: at,
          editor_id: user.id,
          editor_name: 'Inés',
        })
        .execute();
    });
    after(async () => {
      for (const s of sites) {
        await s.deps.close();
        await s.db.drop();
      }
    });

    it('writes one JSON document with a format, a version and every table, but no password hashes, tokens or sessions', async () => {
      const [a] = sites;
      const doc = JSON.parse(await backupTo(a.deps, path.join(a.db.tmpDir, 'backup.json')));
      assert.equal(doc.format, 'dateline-backup');
      assert.equal(doc.version, 1);
      assert.equal(doc.exportedAt, '2026-11-29T10:00:00.000Z');
      assert.equal(doc.tables.articles.length, 7);
      assert.equal(doc.tables.comments.length, 7);
      assert.equal(doc.tables.users.length, 2);
      assert.equal(doc.tables.media[0].caption, 'The pier');
      assert.equal(doc.tables.article_revisions.length, 1);
      assert.equal(doc.tables.article_updates[0].note, 'An earlier version gave the wrong crossing time.');
      assert.ok(
        doc.tables.settings.some(
          (s: { key: string; value: string }) => s.key === 'name' && JSON.parse(s.value) === 'The Harbour Gazette',
        ),
      );
      for (const user of doc.tables.users) assert.equal('password_hash' in user, false);
      // What each database keeps for itself stays out: its count of discussion changes, and the copy of the
      // publication time on each byline and tag.
      for (const article of doc.tables.articles) assert.equal('discussion_revision' in article, false);
      for (const link of ['article_authors', 'article_tags']) {
        assert.ok(doc.tables[link].length > 0, link);
        for (const row of doc.tables[link]) assert.equal('published_at' in row, false, link);
      }
      for (const secret of ['api_tokens', 'sessions', 'password_tokens', 'sign_in_attempts'])
        assert.equal(secret in doc.tables, false, secret);
      // Replies come after what they answer, so a restore can insert in file order.
      const seen = new Set<string>();
      for (const c of doc.tables.comments) {
        if (c.parent_id) assert.ok(seen.has(c.parent_id));
        seen.add(c.id);
      }
    });

    it('refuses a file that is not a backup, and one that does not fit, leaving the site empty', async () => {
      const [a, b] = sites;
      const good = JSON.parse(fs.readFileSync(path.join(a.db.tmpDir, 'backup.json'), 'utf8'));
      const cases: [unknown, RegExp][] = [
        [{ format: 'something-else', version: 1, tables: {} }, /not a Dateline backup/],
        [{ ...good, version: 2 }, /backup format version 2; this Dateline reads version 1/],
        [
          { ...good, tables: { ...good.tables, api_tokens: [] } },
          /a table "api_tokens" that Dateline does not back up/,
        ],
        [
          { ...good, tables: { ...good.tables, comments: [{ ...good.tables.comments[0], shoe_size: 42 }] } },
          /row 1 of "comments" does not fit this database/,
        ],
      ];
      for (const [doc, message] of cases) {
        const file = path.join(b.db.tmpDir, 'bad.json');
        fs.writeFileSync(file, JSON.stringify(doc));
        await assert.rejects(importBackup(b.deps, { file }), (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'backup_invalid' && message.test(e.message), String(e));
          // The catalogue says it as the service wrote it in English, and in Spanish with the same figures.
          assert.equal(b.deps.translations.for('en', 'UTC').error(e), e.message);
          const es = b.deps.translations.for('es', 'UTC').error(e);
          assert.match(es, /No se ha restaurado nada\.$/);
          // In brackets, the database's own words, quoted as they are.
          assert.doesNotMatch(es.replace(/\([^)]*\)/g, ''), /Nothing was restored|does not|reads version/);
          return true;
        });
      }
      fs.writeFileSync(path.join(b.db.tmpDir, 'bad.json'), '{"format": ');
      await assert.rejects(importBackup(b.deps, { file: path.join(b.db.tmpDir, 'bad.json') }), /not JSON/);
      assert.equal((await b.deps.db.selectFrom('users').select('id').execute()).length, 0);
      assert.equal((await b.deps.db.selectFrom('articles').select('id').execute()).length, 0);
    });

    it('restores into an empty site, and a backup of the restored site is the same document', async () => {
      const [a, b] = sites;
      const first = fs.readFileSync(path.join(a.db.tmpDir, 'backup.json'), 'utf8');
      // A file that carries what each database keeps for itself (wrongly) restores on either engine, which makes its own.
      const doc = JSON.parse(first);
      for (const link of [...doc.tables.article_authors, ...doc.tables.article_tags])
        link.published_at = '1999-01-01T00:00:00.000Z';
      for (const article of doc.tables.articles) article.discussion_revision = 9999;
      fs.writeFileSync(path.join(b.db.tmpDir, 'with-copies.json'), JSON.stringify(doc));
      const counts = await importBackup(b.deps, { file: path.join(b.db.tmpDir, 'with-copies.json') });
      assert.equal(counts.articles, 7);
      clock.advance(60_000);
      const second = await backupTo(b.deps, path.join(b.db.tmpDir, 'again.json'));
      assert.deepEqual(withoutTime(second), withoutTime(first));
      const users = await b.deps.db.selectFrom('users').select('password_hash').execute();
      assert.deepEqual(
        users.map((u) => u.password_hash),
        [null, null],
      );
      const nested = await b.deps.db
        .selectFrom('sections as s')
        .innerJoin('sections as p', 'p.id', 's.parent_id')
        .select(['s.slug', 'p.slug as parent'])
        .execute();
      assert.deepEqual(nested, [{ slug: 'ferries', parent: 'transport' }]);
      const revisions = await b.deps.db.selectFrom('articles').select('discussion_revision').execute();
      assert.ok(revisions.every((r) => Number(r.discussion_revision) < 9999));
      for (const link of ['article_authors', 'article_tags']) {
        const stale = await sql<{ n: number }>`select count(*) as n from ${sql.table(link)} l join articles a
          on a.id = l.article_id where l.published_at is distinct from a.published_at`.execute(b.deps.db);
        assert.equal(Number(stale.rows[0].n), 0, `restored ${link} copy their articles' publication time`);
      }
    });

    it('refuses a site that is not empty, naming what is there', async () => {
      const [a] = sites;
      await assert.rejects(
        importBackup(a.deps, { file: path.join(a.db.tmpDir, 'backup.json') }),
        (e: unknown) =>
          e instanceof AppError && e.code === 'site_not_empty' && /2 users, 7 articles, 7 comments/.test(e.message),
      );
    });
  });
}
