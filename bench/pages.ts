// npm run bench -- pages: the article page under load on SQLite, each figure next to its ceiling (a bare Node server
// sending the same bytes, measured in the same run) and its target: the cached page and its 304, the uncached page
// with 200 threaded comments, a commenter's private page (one comment held for a moderator), a page of a
// 1,000-comment discussion on 20 pages, comment posting, and the uncached page with nothing held in memory (the
// floor); then each server's peak RSS under that load.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { createArticle } from '../src/modules/articles/index.ts';
import { addExistingComments, type ExistingComment } from '../src/modules/comments/index.ts';
import { createUser } from '../src/modules/people/index.ts';
import { updateSettings } from '../src/modules/settings/index.ts';
import { migrate } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { ROOT, startCeiling, startServer, stop } from './processes.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Result {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  ceiling?: number;
  target?: string;
}

const commentBody = (i: number) =>
  `Comment number ${i}. It has a sentence or two of reasonable length, like most comments do.\n\nAnd a second paragraph with https://example.org/a-link.`;

export async function prepare(dir: string) {
  const env = {
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
    MEDIA_DIR: path.join(dir, 'media'),
    DEMO_CONTENT: 'off',
  };
  const deps = await buildDeps(loadConfig(env), { logger: pino({ level: 'silent' }) });
  await migrate(deps.db, deps.dialect);
  const editor = await createUser(deps, { email: 'bench@newsroom.test', name: 'Bench Editor', role: 'editor' });
  const story = (headline: string) =>
    createArticle(deps, {
      staff: editor,
      article: {
        headline,
        body: 'A paragraph of the story.\n\n'.repeat(12),
        dateline: 'ALDER BAY –',
        sourceCredit: 'Coastal Press Service',
        status: 'published',
        commentStatus: 'open',
        featuredImage: {
          url: '/media/bench.jpg',
          alt: 'A harbour',
          caption: 'The harbour. File photo',
          credit: 'Ledger',
          width: 1200,
          height: 675,
        },
      },
    });
  const article = await story('Benchmark Story With a Long Discussion');
  // 200 approved comments: 40 threads, with replies up to four deep.
  const comments: (ExistingComment & { id: string })[] = [];
  const start = Date.now() - 86_400_000;
  for (let i = 0; i < 200; i++) {
    const parent =
      i % 5 === 0 || comments.length === 0 ? null : comments[Math.max(0, comments.length - 1 - (i % 3))].id;
    comments.push({
      id: newId(),
      parentId: parent,
      name: `Reader ${i}`,
      email: `r${i}@example.org`,
      status: 'approved',
      body: commentBody(i),
      createdAt: new Date(start + i * 60_000),
    });
  }
  await addExistingComments(deps, article.id, comments);
  // 1,000 top-level comments: 20 pages of 50 (the default page size).
  const long = await story('Benchmark Story With a Thousand Comments');
  await addExistingComments(
    deps,
    long.id,
    Array.from({ length: 1000 }, (_, i) => ({
      name: `Reader ${i}`,
      email: `r${i}@example.org`,
      status: 'approved' as const,
      body: commentBody(i),
      createdAt: new Date(start + i * 60_000),
    })),
  );
  await deps.close();
  return { env, slug: article.slug, longSlug: long.slug };
}

/** One load tester posts the same text from one address as fast as it can: flood control and the repeat rule would
 * refuse it, and a first-time hold would skip the page invalidation this measures. The rest stay on. */
async function allowLoadPosting(env: Record<string, string>) {
  const deps = await buildDeps(loadConfig(env), { logger: pino({ level: 'silent' }) });
  await updateSettings(deps, { floodSeconds: 0, duplicateWindowMinutes: 0, holdFirstComments: false });
  await deps.close();
}

/** Runs autocannon in its own process so it does not share the server's event loop. */
function autocannon(label: string, url: string, extra: string[] = [], connections = CONNECTIONS): Promise<Result> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules/autocannon/autocannon.js');
    const child = spawn(
      process.execPath,
      [bin, '-j', '-c', String(connections), '-d', String(SECONDS), ...extra, url],
      { cwd: ROOT },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon failed for ${label}`));
      const r = JSON.parse(out);
      // A 304 is what a revalidation should get: only other statuses count as errors.
      const expected304 = extra.some((e) => e.startsWith('if-none-match'));
      resolve({
        label,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + (expected304 ? r['4xx'] + r['5xx'] : r.non2xx),
      });
    });
  });
}

/** What Node writes itself (or that belongs to one connection): left to the ceiling server. */
const OWN_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'content-type',
]);

/** The headers an answer came with, as the ceiling server replays them. */
const sentHeaders = (res: Response) =>
  JSON.stringify(Object.fromEntries([...res.headers].filter(([name]) => !OWN_HEADERS.has(name))));

/**
 * The ceiling of an answer: a bare Node server sending the same bytes, its headers included (`headers`, JSON), or the
 * same 304, measured now.
 */
async function ceilingOf(
  dir: string,
  answer: { name: string; bytes: string; headers?: string; etag?: string },
): Promise<number> {
  const { name, bytes, etag } = answer;
  const file = path.join(dir, `${name}.html`);
  fs.writeFileSync(file, bytes);
  const env: Record<string, string> = {};
  if (etag) env.CEILING_ETAG = etag;
  if (answer.headers) env[etag ? 'CEILING_304_HEADERS' : 'CEILING_HEADERS'] = answer.headers;
  const server = await startCeiling(file, undefined, env);
  try {
    const r = await autocannon(`ceiling: ${name}`, `${server.url}/`, etag ? ['-H', `if-none-match=${etag}`] : []);
    return r.rps;
  } finally {
    await stop(server.child);
  }
}

const rssMiB = (file: string) => (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) / 1024 : NaN);

export async function benchPages() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
  try {
    console.log(
      `Preparing articles with 200 threaded and 1,000 comments (SQLite, ${SECONDS}s per run, ${CONNECTIONS} connections)...`,
    );
    const { env, slug, longSlug } = await prepare(dir);
    const results: Result[] = [];
    const rss: [string, number][] = [];

    const cachedRss = path.join(dir, 'cached.rss');
    const cached = await startServer({ ...env, BENCH_RSS_FILE: cachedRss });
    const pageUrl = `${cached.url}/articles/${slug}`;
    const first = await fetch(pageUrl, { headers: { 'accept-encoding': 'identity' } });
    const bytes = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const pageHeaders = sentHeaders(first);
    const revalidated = await fetch(pageUrl, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } });
    if (revalidated.status !== 304) throw new Error(`the bench's revalidation got ${revalidated.status}, not 304`);
    const headers304 = sentHeaders(revalidated);
    // A reader whose first comment waits for a moderator: their own page, never cached.
    const held = await fetch(`${cached.url}/api/articles/${slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Held Reader',
        email: 'held@example.org',
        body: 'My first comment here, waiting for a moderator.',
      }),
    });
    const heldJson = (await held.json()) as { status: string; commentToken: string };
    if (heldJson.status !== 'pending') throw new Error(`the bench's held comment came out ${heldJson.status}`);
    const cookie = ['-H', `cookie=dl_commenter=${heldJson.commentToken}`];
    const privatePage = await fetch(pageUrl, {
      headers: { cookie: `dl_commenter=${heldJson.commentToken}`, 'accept-encoding': 'identity' },
    });
    const privateBytes = await privatePage.text();
    const longUrl = `${cached.url}/articles/${longSlug}?cpage=7`;
    const longPage = await fetch(longUrl, { headers: { 'accept-encoding': 'identity' } });
    const longBytes = await longPage.text();
    results.push({ ...(await autocannon('article page, render cache on', pageUrl)), target: '>= 0.80 x ceiling' });
    results.push({
      ...(await autocannon('article page, 304 (If-None-Match)', pageUrl, ['-H', `if-none-match=${etag}`])),
      target: '>= 0.80 x ceiling',
    });
    await stop(cached.child);
    rss.push(['render cache on (cached page and 304)', rssMiB(cachedRss)]);

    await allowLoadPosting(env);
    const uncachedRss = path.join(dir, 'uncached.rss');
    const uncached = await startServer({ ...env, PAGE_CACHE: 'off', BENCH_RSS_FILE: uncachedRss });
    const at = (u: string) => u.replace(cached.url, uncached.url);
    // No page is kept, so every view reads the database and renders the page; its comments come from the fragments
    // the first views kept (FRAGMENT_CACHE_MB), as on a running server after an invalidation or for a commenter.
    results.push({ ...(await autocannon('article page, render cache off', at(pageUrl))), target: '>= 1,000 req/s' });
    results.push({
      ...(await autocannon('private page (1 held comment)', at(pageUrl), cookie)),
      target: '>= 1,000 req/s',
    });
    results.push({
      ...(await autocannon('1,000 comments, page 7 of 20, uncached', at(longUrl))),
      target: '>= 1,000 req/s',
    });
    const body = JSON.stringify({
      name: 'Load Tester',
      email: 'load@example.org',
      body: 'A comment posted under load, with a link https://example.org.',
    });
    const postArgs = ['-m', 'POST', '-H', 'content-type=application/json', '-b', body];
    results.push({
      ...(await autocannon(
        'post a comment (API), 1 connection',
        `${uncached.url}/api/articles/${slug}/comments`,
        postArgs,
        1,
      )),
      target: 'p50 <= 5 ms',
    });
    results.push({
      ...(await autocannon(
        `post a comment (API), ${CONNECTIONS} connections`,
        `${uncached.url}/api/articles/${slug}/comments`,
        postArgs,
      )),
      target: 'p50 <= 5 ms',
    });
    await stop(uncached.child);
    rss.push(['render cache off (uncached pages, posting)', rssMiB(uncachedRss)]);

    // The floor: nothing held at all (no page, no comment fragment, no discussion read), as on the first views after
    // a deploy: every view reads every comment it shows and renders it.
    const cold = await startServer({ ...env, PAGE_CACHE: 'off', FRAGMENT_CACHE_MB: '0' });
    results.push({
      ...(await autocannon('render cache off, nothing held', pageUrl.replace(cached.url, cold.url))),
      target: '(floor, no target)',
    });
    await stop(cold.child);

    // Ceilings last, each its own bytes.
    const page = await ceilingOf(dir, { name: 'page', bytes, headers: pageHeaders });
    const notModified = await ceilingOf(dir, { name: '304', bytes, headers: headers304, etag });
    // The first measure: a 304 that carries nothing but its ETag.
    const bare304 = await ceilingOf(dir, { name: 'bare-304', bytes, etag });
    const [cachedR, r304, uncachedR, privateR, longR, , , coldR] = results;
    coldR.ceiling = page;
    cachedR.ceiling = page;
    r304.ceiling = notModified;
    uncachedR.ceiling = page;
    privateR.ceiling = await ceilingOf(dir, {
      name: 'private',
      bytes: privateBytes,
      headers: sentHeaders(privatePage),
    });
    longR.ceiling = await ceilingOf(dir, { name: 'long', bytes: longBytes, headers: sentHeaders(longPage) });

    const pad = (s: string, n: number) => s.padEnd(n);
    const kib = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KiB`;
    console.log(
      `\nPages: 200 comments ${kib(bytes)}, private ${kib(privateBytes)}, 1,000-comment page ${kib(longBytes)} of HTML.`,
    );
    console.log(
      'Each ratio is to a bare Node server sending the same bytes, the same headers included, measured in this run.\n',
    );
    console.log(
      `${pad('what', 42)} ${pad('req/s', 8)} ${pad('ceiling', 8)} ${pad('x ceil', 7)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('errors', 7)} target`,
    );
    for (const r of results) {
      const ratio = r.ceiling ? (r.rps / r.ceiling).toFixed(2) : '';
      console.log(
        `${pad(r.label, 42)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.ceiling ? r.ceiling.toFixed(0) : '', 8)} ${pad(ratio, 7)} ${pad(String(r.p50), 7)} ${pad(String(r.p99), 7)} ${pad(String(r.errors), 7)} ${r.target ?? ''}`,
      );
    }
    console.log(
      `\nThe 304 against a bare 304 carrying nothing but its ETag (${bare304.toFixed(0)} req/s): ${(r304.rps / bare304).toFixed(2)} x.`,
    );
    console.log(
      `\nPeak RSS (PAGE_CACHE_MB ${process.env.PAGE_CACHE_MB ?? 'default'}, FRAGMENT_CACHE_MB ${process.env.FRAGMENT_CACHE_MB ?? 'default'}):`,
    );
    for (const [what, mib] of rss) console.log(`  ${pad(what, 44)} ${mib.toFixed(0)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
