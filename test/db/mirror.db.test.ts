// The static mirror run again: only what an edit changed is written, a trashed article's files are deleted,
// and the manifest says so; on each database. Also the command's answers to bad input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { trashArticle, updateArticle, type Article } from '../../src/modules/articles/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import { exportStaticSite, MANIFEST_FILE, type MirrorManifest } from '../../src/modules/mirror/index.ts';
import { createTestDb, dialects, useTestDeps, type TestDb } from '../support/databases.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { runCli } from '../support/processes.ts';

const LIVE = 'http://news.test';

for (const dialect of dialects) {
  describe(`the static mirror, run again, on ${dialect}`, () => {
    let deps: Deps;
    let db: TestDb;
    let app: FastifyInstance;
    useTestDeps(dialect, { env: { PUBLIC_URL: LIVE } }, (made) => ({ deps, db } = made));
    before(async () => (app = await buildApp(deps)));
    after(() => app?.close());

    const run = (dir: string, baseUrl?: string) =>
      exportStaticSite({
        dir,
        publicUrl: LIVE,
        baseUrl,
        fetch: async (url) => {
          const res = await app.inject({ method: 'GET', url });
          return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
        },
      });
    const manifest = (dir: string) =>
      (JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as MirrorManifest).files;

    it('rewrites only the edited article and the lists that show it, and deletes a trashed article', async () => {
      const editor = await makeStaff(deps, 'editor', 'Ruth Calder');
      const other = await makeStaff(deps, 'editor', 'Ivo Senn');
      const [harbour, island, weather] = [
        await makeSection(deps, 'Harbour'),
        await makeSection(deps, 'Island'),
        await makeSection(deps, 'Weather'),
      ];
      const edited = await makeArticle(
        deps,
        { section: harbour.slug, tags: ['boats'], headline: 'Harbour Wall Repairs Begin' },
        editor,
      );
      await makeArticle(deps, { section: harbour.slug, headline: 'Fishing Quotas Set for Spring' }, editor);
      const trashed = await makeArticle(deps, { section: island.slug, headline: 'Island Fair Postponed' }, other);
      await makeArticle(deps, { section: island.slug, headline: 'Island School Gets a New Roof' }, other);
      await postComment(deps, {
        slug: trashed.slug,
        name: 'Pia',
        email: 'pia@example.org',
        body: 'Shame about the fair',
        ip: '203.0.113.20',
        userAgent: 't',
      });
      // An older article in a section of its own: no list that shows the edited or trashed one shows it.
      const untouched: Article = await makeArticle(
        deps,
        { section: weather.slug, headline: 'Storm Season Outlook', publishAt: '2025-01-10T08:00:00.000Z' },
        other,
      );

      const dir = path.join(db.tmpDir, `mirror-${dialect}`);
      const first = await run(dir);
      assert.ok(first.pages >= 10, `pages: ${first.pages}`);
      const before1 = manifest(dir);
      const page = (slug: string) => `articles/${slug}/index.html`;
      for (const slug of [edited.slug, trashed.slug, untouched.slug])
        assert.ok(before1[page(slug)], `${slug} exported`);
      assert.match(fs.readFileSync(path.join(dir, page(trashed.slug)), 'utf8'), /Shame about the fair/);

      // Nothing changed: nothing written, so the pages render the same every time.
      const same = await run(dir);
      assert.deepEqual(same.written, []);
      assert.deepEqual(same.deleted, []);
      assert.equal(same.unchanged, Object.keys(before1).length);

      // Which pages showed the two articles before the change: the only ones a rewrite may touch.
      // Pages link to them relatively; feeds name them by their live address; the edited article's own feeds carry its headline.
      const showing = new Set(
        Object.keys(before1).filter(
          (file) =>
            file.startsWith(`articles/${edited.slug}/`) ||
            [edited.slug, trashed.slug].some((slug) => {
              const text = fs.readFileSync(path.join(dir, file), 'utf8');
              return (
                text.includes(`${slug}/index.html"`) || (file.endsWith('.xml') && text.includes(`/articles/${slug}`))
              );
            }),
        ),
      );
      await updateArticle(deps, {
        staff: editor,
        id: edited.id,
        changes: { headline: 'Harbour Wall Repairs Delayed' },
      });
      await trashArticle(deps, { staff: other, id: trashed.id });
      const again = await run(dir);
      const after1 = manifest(dir);
      const changed = Object.keys(after1)
        .filter((file) => before1[file] !== after1[file])
        .sort();
      assert.deepEqual(again.written.slice().sort(), changed, 'the report and the manifest agree');
      assert.ok(changed.includes(page(edited.slug)));
      for (const list of [
        'index.html',
        `sections/${harbour.slug}/index.html`,
        'tags/boats/index.html',
        'authors/ruth-calder/index.html',
      ])
        assert.ok(changed.includes(list), `${list} rewritten`);
      // The archive's index counts each month's articles: the trashed one leaves its month's count.
      // Sitemaps date each month, section, tag and author by its newest change, and the edit is one.
      const dated = (file: string) => file === 'sitemap.xml' || file.startsWith('sitemaps/');
      for (const file of changed)
        assert.ok(
          file === page(edited.slug) || file === 'archive/index.html' || dated(file) || showing.has(file),
          `${file} was rewritten but showed neither article`,
        );
      for (const file of [page(untouched.slug), `sections/${weather.slug}/index.html`, 'assets/style.css']) {
        assert.equal(after1[file], before1[file], `${file} left alone`);
      }
      assert.match(fs.readFileSync(path.join(dir, page(edited.slug)), 'utf8'), /Harbour Wall Repairs Delayed/);

      // The trashed article goes with everything under its address (its page and its discussion's feeds).
      assert.deepEqual(
        again.deleted.slice().sort(),
        Object.keys(before1)
          .filter((file) => file.startsWith(`articles/${trashed.slug}/`))
          .sort(),
      );
      assert.ok(again.deleted.includes(page(trashed.slug)));
      assert.equal(after1[page(trashed.slug)], undefined);
      assert.equal(fs.existsSync(path.join(dir, 'articles', trashed.slug)), false, 'its directory is gone too');
      for (const file of Object.keys(after1)) assert.ok(fs.existsSync(path.join(dir, file)), `${file} is on disk`);
    });

    it('makes canonical and structured-data addresses absolute under --base-url', async () => {
      const dir = path.join(db.tmpDir, `mirror-base-${dialect}`);
      const article = await makeArticle(deps, { headline: 'Ferry Fares Frozen' });
      await run(dir, 'https://mirror.example.org/news/');
      const html = fs.readFileSync(path.join(dir, 'articles', article.slug, 'index.html'), 'utf8');
      assert.ok(
        html.includes(`<link rel="canonical" href="https://mirror.example.org/news/articles/${article.slug}/">`),
        html.slice(0, 600),
      );
      assert.ok(html.includes(`"url":"https://mirror.example.org/news/authors/`), html.slice(0, 1500));
      const left = html
        .replace(/href="http:\/\/news\.test\/(articles\/[^"#]+#respond|search)"/g, '')
        .match(/.{40}news\.test.{40}/g);
      assert.equal(left, null, 'the live site is named only by the discussion and search links');

      // Feeds and sitemaps name absolute addresses, as their formats require: the mirror's own.
      const read = (file: string) => fs.readFileSync(path.join(dir, ...file.split('/')), 'utf8');
      assert.match(read('robots.txt'), /Sitemap: https:\/\/mirror\.example\.org\/news\/sitemap\.xml/);
      const index = read('sitemap.xml');
      const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      assert.ok(
        parts.length > 0 && parts.every((loc) => loc.startsWith('https://mirror.example.org/news/sitemaps/')),
        index,
      );
      for (const loc of parts) {
        const sitemap = read(loc.slice('https://mirror.example.org/news/'.length));
        assert.doesNotMatch(sitemap, /news\.test/, `${loc} names only the mirror`);
      }
      assert.ok(
        parts.some((loc) =>
          read(loc.slice('https://mirror.example.org/news/'.length)).includes(
            `https://mirror.example.org/news/articles/${article.slug}`,
          ),
        ),
      );
      for (const feed of ['rss.xml', 'atom.xml']) {
        const text = read(feed);
        assert.ok(
          text.includes(`https://mirror.example.org/news/articles/${article.slug}`),
          `${feed} links the article on the mirror`,
        );
        assert.doesNotMatch(text, /news\.test/, `${feed} names only the mirror`);
      }
    });
  });
}

describe('dateline export static: bad input', () => {
  let db: TestDb;
  before(async () => (db = await createTestDb('sqlite')));
  after(() => db.drop());

  it('answers with an error line and a non-zero exit', async () => {
    const env = { ...db.env, PUBLIC_URL: LIVE, DEMO_CONTENT: 'off' };
    const full = path.join(db.tmpDir, 'holiday-photos');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'beach.jpg'), 'not ours');
    const cases: [string[], RegExp][] = [
      [['export', 'static'], /export static needs one DIR/],
      [['export', 'static', 'a', 'b'], /export static needs one DIR/],
      [
        ['export', 'static', path.join(db.tmpDir, 'm'), '--base-url', 'mirror.example.org'],
        /--base-url must be an absolute address/,
      ],
      [
        ['export', 'static', path.join(db.tmpDir, 'm'), '--base-url', 'ftp://mirror.example.org/'],
        /--base-url must start with https:\/\/ or http:\/\//,
      ],
      [['export', 'static', full], /is not empty and holds no mirror/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args, env);
      assert.equal(res.code, 1, `${args.join(' ')}: ${res.stdout}`);
      assert.match(res.stderr, /^dateline: /);
      assert.match(res.stderr, message);
    }
    assert.deepEqual(fs.readdirSync(full), ['beach.jpg'], 'a directory that is not a mirror is left alone');
  });

  it("says what the file system refused in the command's language, not Node's English", async () => {
    const file = path.join(db.tmpDir, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const env = { ...db.env, PUBLIC_URL: LIVE, DEMO_CONTENT: 'off' };
    const es = await runCli(['export', 'static', path.join(file, 'mirror')], { ...env, DATELINE_LANG: 'es' });
    assert.equal(es.code, 1);
    assert.equal(
      es.stderr.trim(),
      `dateline: una parte de ${path.join(file, 'mirror')} es un archivo, no una carpeta.`,
    );
    const en = await runCli(['export', 'static', path.join(file, 'mirror')], { ...env, DATELINE_LANG: 'en' });
    assert.equal(en.stderr.trim(), `dateline: a part of ${path.join(file, 'mirror')} is a file, not a folder.`);
  });

  it('renders the pages when run from another directory (a service or a shell elsewhere)', async () => {
    const env = { ...db.env, PUBLIC_URL: LIVE, DEMO_CONTENT: 'on' };
    const elsewhere = path.join(db.tmpDir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const res = await runCli(['export', 'static', 'mirror'], env, { cwd: elsewhere });
    assert.equal(res.code, 0, res.stderr);
    assert.doesNotMatch(res.stdout + res.stderr, /React is not defined|request failed/);
    const front = fs.readFileSync(path.join(elsewhere, 'mirror', 'index.html'), 'utf8');
    assert.match(front, /<html lang="/);
  });
});
