// npm run bench: the article page (200 threaded comments) and comment posting under load, each figure next to a
// ceiling (a bare Node server sending the same bytes) measured in the same run; then the comment load test
// (comment-load.ts), the WordPress import (wordpress-import.ts), search (search.ts), the page budget
// (page-budget.ts) and the sitemaps at 100,000 articles (sitemap.ts). `npm run bench -- pages`,
// `-- comments`, `-- wordpress`, `-- search`, `-- budget` or `-- sitemap` runs one of them; `-- scale` (scale.ts,
// the site at a million articles) runs only when named.
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
import { runCommentLoad } from './comment-load.ts';
import { ROOT, startCeiling, startServer, stop } from './processes.ts';
import { benchWordPressImport } from './wordpress-import.ts';
import { benchSearch } from './search.ts';
import { benchPageBudget } from './page-budget.ts';
import { benchSitemaps } from './sitemap.ts';
import { benchScale } from './scale.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Result { label: string; rps: number; p50: number; p99: number; errors: number }

async function prepare(dir: string) {
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`, MEDIA_DIR: path.join(dir, 'media'), DEMO_CONTENT: 'off' };
  const deps = await buildDeps(loadConfig(env), { logger: pino({ level: 'silent' }) });
  await migrate(deps.db, deps.dialect);
  const editor = await createUser(deps, { email: 'bench@newsroom.test', name: 'Bench Editor', role: 'editor' });
  const article = await createArticle(deps, {
    staff: editor,
    article: {
      headline: 'Benchmark Story With a Long Discussion', body: 'A paragraph of the story.\n\n'.repeat(12),
      dateline: 'ALDER BAY –', sourceCredit: 'Coastal Press Service', status: 'published', commentStatus: 'open',
      featuredImage: { url: '/media/bench.jpg', alt: 'A harbour', caption: 'The harbour. File photo', credit: 'Ledger', width: 1200, height: 675 },
    },
  });
  // 200 approved comments: 80 threads, with replies up to four deep.
  const comments: (ExistingComment & { id: string })[] = [];
  const start = Date.now() - 86_400_000;
  for (let i = 0; i < 200; i++) {
    const parent = i % 5 === 0 || comments.length === 0 ? null : comments[Math.max(0, comments.length - 1 - (i % 3))].id;
    comments.push({
      id: newId(), parentId: parent, name: `Reader ${i}`, email: `r${i}@example.org`, status: 'approved',
      body: `Comment number ${i}. It has a sentence or two of reasonable length, like most comments do.\n\nAnd a second paragraph with https://example.org/a-link.`,
      createdAt: new Date(start + i * 60_000),
    });
  }
  await addExistingComments(deps, article.id, comments);
  // One load tester posts the same text from one address as fast as it can: flood control and the repeat rule
  // would refuse it, and a first-time hold would skip the page invalidation this measures. The rest stay on.
  await updateSettings(deps, { floodSeconds: 0, duplicateWindowMinutes: 0, holdFirstComments: false });
  await deps.close();
  return { env, slug: article.slug };
}

/** Runs autocannon in its own process so it does not share the server's event loop. */
function autocannon(label: string, url: string, extra: string[] = [], connections = CONNECTIONS): Promise<Result> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules/autocannon/autocannon.js');
    const child = spawn(process.execPath, [bin, '-j', '-c', String(connections), '-d', String(SECONDS), ...extra, url], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon failed for ${label}`));
      const r = JSON.parse(out);
      resolve({ label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    });
  });
}

async function benchPages() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
  try {
    console.log(`Preparing an article with 200 threaded comments (SQLite, ${SECONDS}s per run, ${CONNECTIONS} connections)...`);
    const { env, slug } = await prepare(dir);
    const results: Result[] = [];

    const cached = await startServer(env);
    const pageUrl = `${cached.url}/articles/${slug}`;
    const bytes = await (await fetch(pageUrl)).text();
    const pageFile = path.join(dir, 'page.html');
    fs.writeFileSync(pageFile, bytes);
    results.push(await autocannon('article page, render cache on', pageUrl));
    await stop(cached.child);

    const ceilingServer = await startCeiling(pageFile);
    const ceiling = await autocannon('ceiling: bare Node http, same bytes', `${ceilingServer.url}/`);
    await stop(ceilingServer.child);

    const uncached = await startServer({ ...env, PAGE_CACHE: 'off' });
    results.push(await autocannon('article page, render cache off', `${uncached.url}/articles/${slug}`));
    const body = JSON.stringify({ name: 'Load Tester', email: 'load@example.org', body: 'A comment posted under load, with a link https://example.org.' });
    const postArgs = ['-m', 'POST', '-H', 'content-type=application/json', '-b', body];
    results.push(await autocannon('post a comment (API), 1 connection', `${uncached.url}/api/articles/${slug}/comments`, postArgs, 1));
    results.push(await autocannon(`post a comment (API), ${CONNECTIONS} connections`, `${uncached.url}/api/articles/${slug}/comments`, postArgs));
    await stop(uncached.child);

    const rows = [ceiling, ...results];
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(`\nArticle page: ${(bytes.length / 1024).toFixed(1)} KiB of HTML, 200 comments. Ratios are to the ceiling in this run.\n`);
    console.log(`${pad('what', 40)} ${pad('req/s', 9)} ${pad('x ceiling', 10)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} errors`);
    for (const r of rows) {
      console.log(`${pad(r.label, 40)} ${pad(r.rps.toFixed(0), 9)} ${pad((r.rps / ceiling.rps).toFixed(2), 10)} ${pad(String(r.p50), 7)} ${pad(String(r.p99), 7)} ${r.errors}`);
    }
    console.log('\nTargets: cached page >= 0.50 x ceiling; uncached page >= 1,000 req/s; comment posted in <= 5 ms at the median.');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.argv[2];
const PARTS = ['pages', 'comments', 'wordpress', 'search', 'budget', 'sitemap', 'scale'];
if (only !== undefined && !PARTS.includes(only)) {
  console.error(`npm run bench [-- pages | comments | wordpress | search | budget | sitemap | scale [--sizes N,N,...]]: unknown part "${only}"`);
  process.exit(2);
}
if (only === undefined || only === 'pages') await benchPages();
if (only === undefined || only === 'comments') {
  if (only === undefined) console.log('');
  process.exitCode = await runCommentLoad();
}
if (only === undefined || only === 'wordpress') {
  if (only === undefined) console.log('');
  await benchWordPressImport();
}
if (only === undefined || only === 'search') {
  if (only === undefined) console.log('');
  await benchSearch();
}
if (only === undefined || only === 'budget') {
  if (only === undefined) console.log('');
  if (!(await benchPageBudget())) process.exitCode = 1;
}
if (only === undefined || only === 'sitemap') {
  if (only === undefined) console.log('');
  await benchSitemaps();
}
// A million articles takes a while to load and a few GB of disk: only when asked for (`npm run bench -- scale`).
if (only === 'scale') await benchScale();
