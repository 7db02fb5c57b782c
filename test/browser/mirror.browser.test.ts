// The static mirror as a reader meets it: exported by the real command, served by a plain file server under a
// sub-path of another address, and walked link by link in Chromium from the front page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { listPublicArticles } from '../../src/modules/articles/index.ts';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestDb, createTestDeps, type TestDb } from '../support/databases.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { runCli } from '../support/processes.ts';

const LIVE = 'http://news.test';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
};

/** A file server that knows nothing of Dateline: a path under the prefix is a file in the directory, or a 404. */
function serveDirectory(dir: string, prefix: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = pathname.startsWith(prefix)
      ? path.join(dir, ...pathname.slice(prefix.length).split('/').map(decodeURIComponent))
      : '';
    const found = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile();
    if (!found) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the static mirror in a browser', () => {
  let db: TestDb;
  let browser: Browser;
  let server: http.Server;
  let mirrorDir: string;
  let slugs: string[];
  let longDiscussion: string;

  before(async () => {
    db = await createTestDb('sqlite');
    const { deps } = await createTestDeps(db, { env: { PUBLIC_URL: LIVE } });
    await updateSettings(deps, { commentsPerPage: 2 });
    fs.mkdirSync(path.join(db.env.MEDIA_DIR, 'test'), { recursive: true });
    await sharp({ create: { width: 24, height: 16, channels: 3, background: '#456' } })
      .jpeg()
      .toFile(path.join(db.env.MEDIA_DIR, 'test/ferry.jpg'));
    const [island, harbour] = [await makeSection(deps, 'Island'), await makeSection(deps, 'Harbour')];
    const writers = [await makeStaff(deps, 'editor', 'Nell Ortiz'), await makeStaff(deps, 'author', 'Tomás Ibarra')];
    // Fourteen articles: more than a front page holds, so its second page is exported too.
    for (let i = 0; i < 14; i++) {
      await makeArticle(
        deps,
        {
          section: (i % 2 ? island : harbour).slug,
          tags: i % 3 ? ['ferries'] : ['tides', 'weather'],
          publishAt: new Date(Date.UTC(2026, 8 + (i % 3), 1 + i)).toISOString(),
          // An absolute link to the newsroom's own page, as editors paste them: it must land in the mirror too.
          body: `Crossings change with the season.\n\nSee [the island desk](${LIVE}/sections/${island.slug}) and [a chart](https://charts.example.org/tides).`,
        },
        writers[i % 2],
      );
    }
    const listed = await listPublicArticles(deps, { page: 1, limit: 100 });
    slugs = listed.articles.map((a) => a.slug);
    // Published now, so its discussion is open (the older ones' have closed: the mirror shows them as closed).
    longDiscussion = (
      await makeArticle(deps, { section: island.slug, headline: 'Night Ferry Returns for the Holidays' }, writers[0])
    ).slug;
    slugs.push(longDiscussion);
    for (const [n, body] of [
      'The early boat matters most',
      'Agreed, for the school run',
      'What about freight days',
      'Freight runs Tuesdays',
      'Thanks for the chart',
    ].entries()) {
      await postComment(deps, {
        slug: longDiscussion,
        name: `Reader ${n}`,
        email: `reader${n}@example.org`,
        body,
        ip: `203.0.113.${n + 1}`,
        userAgent: 'test',
      });
    }
    await deps.close();

    mirrorDir = path.join(db.tmpDir, 'mirror');
    const exported = await runCli(['export', 'static', mirrorDir], {
      ...db.env,
      PUBLIC_URL: LIVE,
      DEMO_CONTENT: 'off',
    });
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Exported \d+ pages and \d+ files to .*: \d+ written, 0 unchanged, 0 deleted\./);
    assert.equal(
      exported.stderr.includes('Exporting'),
      false,
      'no progress line when standard error is not a terminal',
    );
    server = await serveDirectory(mirrorDir, '/mirror/');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await db?.drop();
  });

  it('has no broken link from the front page, and loads nothing from the live site', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    const requested: string[] = [];
    const failures: string[] = [];
    context.on('request', (r) => requested.push(r.url()));
    context.on('response', (r) => {
      if (r.url().startsWith(origin) && r.status() !== 200) failures.push(`${r.status()} ${r.url()}`);
    });
    // A page left for the next one aborts what it was still loading (the icon): those are fetched again below.
    context.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`${r.failure()?.errorText} ${r.url()}`);
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const queue = [`${origin}/mirror/index.html`];
    const seen = new Set(queue);
    const liveLinks = new Set<string>();
    const external = new Set<string>();
    const texts = new Map<string, string>();
    for (let i = 0; i < queue.length; i++) {
      const res = await page.goto(queue[i]);
      assert.equal(res?.status(), 200, queue[i]);
      const found = await page.evaluate(
        (live) => ({
          links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
          // Every place the live site's address appears in markup, other than a link a reader follows.
          liveElsewhere: [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes]
              .filter((attr) => attr.value.includes(live) && !(el.tagName === 'A' && attr.name === 'href'))
              .map((attr) => `${el.tagName}[${attr.name}]`),
          ),
          forms: document.querySelectorAll('form').length,
          actions: document.querySelectorAll('.reply-link, .report-link, .edit-link, .delete-link').length,
          text: document.body.innerText,
        }),
        LIVE,
      );
      assert.deepEqual(found.liveElsewhere, [], `${queue[i]} points at the live site outside a link`);
      assert.equal(found.forms, 0, `${queue[i]} still has a form`);
      assert.equal(found.actions, 0, `${queue[i]} still has comment actions`);
      texts.set(new URL(queue[i]).pathname, found.text);
      for (const link of found.links) {
        const url = new URL(link);
        url.hash = '';
        if (url.origin === origin) {
          if (!seen.has(url.href)) {
            seen.add(url.href);
            queue.push(url.href);
          }
        } else if (link.startsWith(`${LIVE}/`)) liveLinks.add(link);
        else external.add(link);
      }
    }
    await context.close();

    for (const url of new Set(requested.filter((u) => u.startsWith(origin)))) {
      const res = await fetch(url);
      if (res.status !== 200) failures.push(`${res.status} ${url}`);
    }
    assert.deepEqual(failures, [], 'every file the pages link to or load is there');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      requested.filter((u) => !u.startsWith(origin)),
      [],
      'nothing is fetched from anywhere but the mirror',
    );
    // Only the discussion and search answer on the live site, and only as links.
    for (const link of liveLinks) assert.match(link, /^http:\/\/news\.test\/(articles\/[^/#?]+#respond|search)$/, link);
    assert.ok([...liveLinks].some((l) => l.endsWith('#respond')));
    assert.deepEqual([...external], ['https://charts.example.org/tides']);

    const paths = [...texts.keys()];
    for (const slug of slugs)
      assert.ok(paths.includes(`/mirror/articles/${slug}/index.html`), `article ${slug} is in the mirror`);
    for (const list of [
      '/mirror/page-2/index.html',
      '/mirror/sections/island/index.html',
      '/mirror/tags/tides/index.html',
      '/mirror/authors/nell-ortiz/index.html',
      '/mirror/archive/2026/09/index.html',
    ]) {
      assert.ok(paths.includes(list), `${list} is in the mirror`);
    }
    // The long discussion in its pages: every approved comment is readable in the mirror.
    const discussion = paths
      .filter((p) => p.startsWith(`/mirror/articles/${longDiscussion}/`))
      .map((p) => texts.get(p))
      .join('\n');
    for (const body of [
      'The early boat matters most',
      'Agreed, for the school run',
      'What about freight days',
      'Freight runs Tuesdays',
      'Thanks for the chart',
    ])
      assert.ok(discussion.includes(body), body);
    assert.ok(
      paths.some((p) => p.startsWith(`/mirror/articles/${longDiscussion}/cpage-`)),
      "the discussion's other pages are exported",
    );
  });
});
