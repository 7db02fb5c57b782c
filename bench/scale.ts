// npm run bench -- scale [--sizes 10000,100000,1000000]: the reader's pages and comment posting as the site grows
// to a million articles and five million comments (BENCH_SCALE_SIZES also sets the sizes). The site is bulk-loaded
// by SQL (scale-load.ts) on SQLite and, with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL in a schema of
// its own, dropped afterwards; at each size the real server runs uncached (PAGE_CACHE=off) and each page is asked
// for BENCH_SCALE_ROUNDS times in turn from one client. Every figure is set beside its figure at the first size:
// the target is within 1.5 x of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { updateSettings } from '../src/modules/settings/index.ts';
import { migrate } from '../src/platform/db/database.ts';
import { startServer, stop } from './processes.ts';
import { ARTICLE_SPACING_MS, COMMENTS_PER_ARTICLE, loadArticles, OLD_EDITION, seedTerms } from './scale-load.ts';
import { probes, type Probe } from './scale-probes.ts';

const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 60);

function sizesFromArgs(): number[] {
  const at = process.argv.indexOf('--sizes');
  const raw = at > 0 ? process.argv[at + 1] : (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000');
  const sizes = (raw ?? '').split(',').map((s) => Number(s.replace(/_/g, '')));
  if (
    sizes.length === 0 ||
    sizes.some((n) => !Number.isSafeInteger(n) || n < 10_000) ||
    sizes.some((n, k) => k > 0 && n <= sizes[k - 1])
  ) {
    throw new Error(
      `--sizes takes growing whole numbers of articles, each at least 10,000 (the 500th page of a section needs it), such as 10000,100000 (got "${raw}")`,
    );
  }
  return sizes;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** p50 and p99 in ms of each probe, asked for in turn (one client, so each time is the server's alone). */
async function measure(base: string, list: Probe[]): Promise<Map<string, { p50: number; p99: number }>> {
  const out = new Map<string, { p50: number; p99: number }>();
  let k = 0;
  for (const probe of list) {
    const times: number[] = [];
    for (let round = -3; round < ROUNDS; round++) {
      k++;
      const { url, init } = probe.request(k);
      // A different reader address each time: the search and comment limits are per address.
      const headers = {
        ...(init?.headers as Record<string, string> | undefined),
        'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
      };
      const t0 = performance.now();
      const res = await fetch(base + url, { ...init, headers });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== probe.status)
        throw new Error(`${probe.what}: ${url} answered ${res.status}, not ${probe.status}`);
      if (round >= 0) times.push(ms);
    }
    out.set(probe.what, { p50: percentile(times, 50), p99: percentile(times, 99) });
  }
  return out;
}

async function run(label: string, env: Record<string, string>, sizes: number[], searchPath?: string) {
  const config = loadConfig({ ...env, DEMO_CONTENT: 'off', LOG_LEVEL: 'silent' });
  const deps = await buildDeps(config, { logger: pino({ level: 'silent' }), db: { searchPath } });
  const newest = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000);
  const list = probes(newest);
  const results: { size: number; loadSeconds: number; figures: Map<string, { p50: number; p99: number }> }[] = [];
  try {
    await migrate(deps.db, deps.dialect);
    await seedTerms(deps.db);
    // One client posts many comments: flood control and first-comment holds would refuse or hold them.
    // A bilingual site, as many of our newsrooms are: the default edition and an old one (scale-load.ts).
    await updateSettings(deps, {
      floodSeconds: 0,
      duplicateWindowMinutes: 0,
      holdFirstComments: false,
      languages: ['en', OLD_EDITION],
    });
    let loaded = 0;
    for (const size of sizes) {
      const t0 = performance.now();
      await loadArticles(deps.db, deps.dialect, {
        from: loaded,
        to: size,
        newest: newest.toISOString(),
        onSlice: (done) => process.stdout.write(`\r${label}: ${done.toLocaleString('en')} articles loaded`),
      });
      const loadSeconds = (performance.now() - t0) / 1000;
      process.stdout.write(
        `\r${label}: ${size.toLocaleString('en')} articles, ${(size * COMMENTS_PER_ARTICLE).toLocaleString('en')} comments, +${(size - loaded).toLocaleString('en')} loaded in ${loadSeconds.toFixed(1)} s\n`,
      );
      loaded = size;
      const server = await startServer({ ...env, PAGE_CACHE: 'off', TRUST_PROXY: 'on', DEMO_CONTENT: 'off' });
      try {
        results.push({ size, loadSeconds, figures: await measure(server.url, list) });
      } finally {
        await stop(server.child);
      }
      printTable(label, list, results);
    }
  } finally {
    await deps.close();
  }
}

/** The figures so far: printed after each size, so a long run that fails later still leaves what it measured. */
function printTable(
  label: string,
  list: Probe[],
  results: { size: number; figures: Map<string, { p50: number; p99: number }> }[],
) {
  const pad = (s: string, n: number) => s.padEnd(n);
  const first = results[0];
  const span = `one article every ${ARTICLE_SPACING_MS / 60_000} minutes, ${COMMENTS_PER_ARTICLE} comments each`;
  console.log(
    `\n${label}: p50 / p99 in ms of ${ROUNDS} uncached requests each (${span}); x = p50 / p50 at ${first.size.toLocaleString('en')} articles, target <= 1.5`,
  );
  console.log(`${pad('what', 34)} ${results.map((r) => pad(`${r.size.toLocaleString('en')} articles`, 24)).join(' ')}`);
  for (const probe of list) {
    const base = first.figures.get(probe.what)!;
    const cells = results.map((r) => {
      const f = r.figures.get(probe.what)!;
      return pad(
        `${f.p50.toFixed(1)} / ${f.p99.toFixed(1)}${r === first ? '' : ` x${(f.p50 / base.p50).toFixed(2)}`}`,
        24,
      );
    });
    console.log(`${pad(probe.what, 34)} ${cells.join(' ')}`);
  }
}

/** Runs the scale bench on SQLite, then on PostgreSQL when a URL is given. */
export async function benchScale(): Promise<void> {
  const sizes = sizesFromArgs();
  // BENCH_SCALE_DATABASES=sqlite or =postgres runs one of them (two runs side by side use both cores).
  const only = process.env.BENCH_SCALE_DATABASES ?? 'sqlite,postgres';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-scale-'));
  try {
    if (only.includes('sqlite'))
      await run(
        'SQLite',
        { DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`, MEDIA_DIR: path.join(dir, 'media') },
        sizes,
      );
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!only.includes('postgres')) return;
    if (!url) {
      console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL.)');
      return;
    }
    const schema = `bench_scale_${process.pid}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await admin(`create schema ${schema}`);
    try {
      await run(
        'PostgreSQL',
        { DATABASE_URL: url, PGOPTIONS: `-c search_path=${schema}`, MEDIA_DIR: path.join(dir, 'media') },
        sizes,
        schema,
      );
    } finally {
      await admin(`drop schema if exists ${schema} cascade`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
