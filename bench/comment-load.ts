// The comment load test (npm run bench -- comments, or npm run bench:comments): 10,000 posts from 50 clients, each on
// its own loopback address so the per-address rules stay on, ten of them hostile. Flood control and the rate limit are
// on, set short enough to finish in bounded time. Afterwards the database is checked against every answer
// (load-verify.ts). On SQLite, and on PostgreSQL with Redis when they answer. Prints figures; fails only on wrong results.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps, type Deps } from '../src/deps.ts';
import { createArticle } from '../src/modules/articles/index.ts';
import { addExistingComments } from '../src/modules/comments/index.ts';
import { banCommenter } from '../src/modules/moderation/index.ts';
import { createUser } from '../src/modules/people/index.ts';
import { defaultModerationSettings, updateSettings } from '../src/modules/settings/index.ts';
import { migrate } from '../src/platform/db/database.ts';
import {
  makeClients,
  REPORT_THRESHOLD,
  runClient,
  runReports,
  send,
  type Attempt,
  type Client,
  type Target,
} from './load-clients.ts';
import { startRoundTripCounter } from './round-trips.ts';
import { verifyLoad } from './load-verify.ts';
import { startCeiling, startServer, stop } from './processes.ts';

const TOTAL = Number(process.env.BENCH_COMMENTS ?? 10_000);
const FLOOD_MS = Number(process.env.BENCH_FLOOD_MS ?? 50);
/** The rate limit per address: 60 posts in 5 s, which a flooder with four posts in flight exceeds even on a busy machine. */
const RATE_WINDOW_S = 5;
const RATE_MAX = 60;
/** Paced clients keep 10% under both the flood interval and the rate budget. */
const PACE_MS = Math.ceil(Math.max(FLOOD_MS, (RATE_WINDOW_S * 1000) / RATE_MAX) * 1.1);
/** Comments reported at the end, each by as many readers as the threshold at the same moment. */
const REPORTED = 40;
/** BENCH_DATABASES=sqlite or postgres runs one of the two. */
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
/**
 * The server's PostgreSQL pool: up to 56 posts are in flight (40 paced readers, two flooders with four lanes), each
 * holding one connection through its transaction and three for a moment before it (article, settings, parent).
 */
const POOL = process.env.BENCH_POOL ?? '16';

interface Run {
  label: string;
  attempts: Attempt[];
  seconds: number;
}

/** A site with one open article, readers who posted before, one banned email and one banned address. */
async function prepare(deps: Deps, clients: Client[]) {
  await migrate(deps.db, deps.dialect);
  const editor = await createUser(deps, { email: 'bench@newsroom.test', name: 'Bench Editor', role: 'editor' });
  const moderator = await createUser(deps, {
    email: 'moderator@newsroom.test',
    name: 'Bench Moderator',
    role: 'moderator',
  });
  const article = await createArticle(deps, {
    staff: editor,
    article: {
      headline: 'Council Votes on the Ferry Schedule',
      body: 'The council met on Tuesday.\n\n'.repeat(6),
      status: 'published',
      commentStatus: 'open',
    },
  });
  // Everyone but the newcomers had a comment approved yesterday, so the first-comment hold passes them.
  const yesterday = new Date(Date.now() - 86_400_000);
  const regulars = clients.filter((c) => c.role !== 'newcomer' && c.role !== 'rotating-flooder');
  const seededIds = await addExistingComments(deps, article.id, [
    {
      name: 'Editor',
      email: 'letters@newsroom.test',
      body: 'Tell us what you think of the new schedule.',
      status: 'approved',
      createdAt: yesterday,
    },
    ...regulars.map((c) => ({
      name: c.name,
      email: c.email,
      body: `An earlier comment by ${c.name}.`,
      status: 'approved' as const,
      createdAt: yesterday,
    })),
  ]);
  await updateSettings(deps, {
    ...defaultModerationSettings,
    floodSeconds: FLOOD_MS / 1000,
    reportThreshold: REPORT_THRESHOLD,
  });
  const banned = (role: string) => clients.find((c) => c.role === role)!;
  await banCommenter(deps, { staff: moderator, email: banned('banned-email').email, reason: 'Abuse (load test)' });
  await banCommenter(deps, { staff: moderator, ip: banned('banned-address').address, reason: 'Abuse (load test)' });
  return { articleId: article.id, slug: article.slug, parentId: seededIds[0], seeded: new Set(seededIds) };
}

async function runClients(label: string, clients: Client[], target: Target): Promise<Run> {
  const started = performance.now();
  const attempts = (await Promise.all(clients.map((c) => runClient(c, target)))).flat();
  return { label, attempts, seconds: (performance.now() - started) / 1000 };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};
const ms = (v: number) => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const latency = (a: Attempt[]) =>
  `p50 ${ms(
    percentile(
      a.map((x) => x.ms),
      0.5,
    ),
  )} ms, p99 ${ms(
    percentile(
      a.map((x) => x.ms),
      0.99,
    ),
  )} ms`;
const tally = (items: string[]) => {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none'
  );
};

function report(run: Run, ceiling: Run, failures: string[], stored: Record<string, number>) {
  const { attempts, seconds } = run;
  const accepted = attempts.filter((a) => a.id);
  const refused = attempts.filter((a) => !a.id);
  console.log(
    `\n${run.label}: ${attempts.length} posts in ${seconds.toFixed(1)} s from 50 addresses (flood ${FLOOD_MS} ms, rate limit ${RATE_MAX}/${RATE_WINDOW_S} s, paced clients wait ${PACE_MS} ms)`,
  );
  console.log(`  accepted ${accepted.length}: ${tally(accepted.map((a) => a.outcome.split(':')[1]))}`);
  console.log(`  refused  ${refused.length}: ${tally(refused.map((a) => a.outcome))}`);
  console.log(
    `  stored rows (with the seeded ones; a 409 repeat is stored as spam): ${tally(Object.entries(stored).flatMap(([k, n]) => Array(n).fill(k)))}`,
  );
  const perSecond = accepted.length / seconds;
  console.log(
    `  comments/s (accepted per wall second) ${perSecond.toFixed(0)}; posts/s ${(attempts.length / seconds).toFixed(0)}, ` +
      `x${(attempts.length / seconds / (ceiling.attempts.length / ceiling.seconds)).toFixed(2)} the ceiling's with the same clients and pacing`,
  );
  console.log(
    `  latency: accepted ${latency(accepted)}; all ${latency(attempts)} (ceiling all ${latency(ceiling.attempts)})`,
  );
  if (failures.length === 0)
    console.log(
      '  checks: every accepted comment stored once with its status, every refusal answered, counts agree: OK',
    );
  else for (const f of failures) console.log(`  !!! FAILED: ${f}`);
}

/** Prepares a database, runs the load against the real server on it, and checks the database afterwards. */
async function loadOne(
  label: string,
  env: Record<string, string>,
  searchPath: string | undefined,
  ceiling: Run,
): Promise<boolean> {
  const clients = makeClients(TOTAL);
  const config = loadConfig({ ...env, DEMO_CONTENT: 'off', LOG_LEVEL: 'silent' });
  const deps = await buildDeps(config, { logger: pino({ level: 'silent' }), db: { searchPath, poolSize: 2 } });
  try {
    const site = await prepare(deps, clients);
    // The server's peak resident memory under the load, written by max-rss.mjs when it stops.
    const rssFile = path.join(os.tmpdir(), `dateline-comment-load-${process.pid}-${label.replace(/\W+/g, '-')}.rss`);
    const server = await startServer({
      ...env,
      DEMO_CONTENT: 'off',
      COMMENT_RATE_LIMIT: `${RATE_MAX}/${RATE_WINDOW_S}`,
      BENCH_RSS_FILE: rssFile,
    });
    let run: Run;
    let reports: Attempt[];
    const reported: string[] = [];
    try {
      const target = { url: server.url, slug: site.slug, parentId: site.parentId, paceMs: PACE_MS };
      run = await runClients(label, clients, target);
      for (const a of run.attempts)
        if (a.role === 'regular' && a.outcome === '201:approved' && reported.length < REPORTED) reported.push(a.id!);
      // Reports share the posts' rate budget: start them in a fresh window.
      await new Promise((r) => setTimeout(r, RATE_WINDOW_S * 1000));
      reports = await runReports(clients, target, reported);
    } finally {
      await stop(server.child);
    }
    const peakRss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
    fs.rmSync(rssFile, { force: true });
    const { failures, stored } = await verifyLoad(deps, {
      articleId: site.articleId,
      seeded: site.seeded,
      attempts: run.attempts,
      floodMs: FLOOD_MS,
      reports,
      reported,
    });
    report(run, ceiling, failures, stored);
    console.log(
      `  reports: ${reported.length} comments each reported by ${REPORT_THRESHOLD} readers at once (the threshold), ${latency(reports)}`,
    );
    console.log(`  server process peak RSS under the load: ${peakRss.toFixed(0)} MiB`);
    if (deps.dialect === 'postgres') await printRoundTrips(env, site, clients.find((c) => c.role === 'regular')!);
    return failures.length === 0;
  } finally {
    await deps.close();
  }
}

/**
 * Database round trips per accepted comment, counted by a relay between a fresh server and PostgreSQL while one
 * regular reader posts alone, one comment at a time: comments and replies, each shown at once.
 */
async function printRoundTrips(env: Record<string, string>, site: { slug: string; parentId: string }, regular: Client) {
  const pgUrl = new URL(env.DATABASE_URL);
  const counter = await startRoundTripCounter({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  pgUrl.host = `127.0.0.1:${counter.port}`;
  const server = await startServer({ ...env, DATABASE_URL: pgUrl.toString(), DEMO_CONTENT: 'off' });
  const counts: Record<'comment' | 'reply', number[]> = { comment: [], reply: [] };
  try {
    const agent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.60' });
    for (let i = 0; i < 10; i++) {
      const kind = i % 2 ? 'reply' : 'comment';
      const body = JSON.stringify({
        name: regular.name,
        email: regular.email,
        body: `Counted ${kind} ${i}: the ferry runs late again.`,
        ...(kind === 'reply' ? { parentId: site.parentId } : {}),
      });
      await new Promise((r) => setTimeout(r, PACE_MS));
      counter.reset();
      const a = await send(
        agent,
        new URL(server.url),
        { ...regular, address: '127.0.0.60' },
        {
          path: `/api/articles/${site.slug}/comments`,
          contentType: 'application/json',
          email: regular.email,
          text: '',
          body,
        },
      );
      if (a.outcome !== '201:approved')
        throw new Error(`counting round trips: a ${kind} got ${a.outcome} ${a.message ?? ''}`);
      counts[kind].push(counter.count());
    }
    agent.destroy();
  } finally {
    await stop(server.child);
    await counter.close();
  }
  const median = (v: number[]) => percentile(v, 0.5);
  console.log(
    `  database round trips per accepted comment (counted at PostgreSQL's socket, one post at a time): a comment ${median(counts.comment)}, a reply ${median(counts.reply)}`,
  );
}

/** The same clients and pacing against a bare Node server that answers every post with a stored-looking comment. */
async function measureCeiling(dir: string): Promise<Run> {
  const file = path.join(dir, 'posted.json');
  fs.writeFileSync(file, JSON.stringify({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', status: 'approved' }));
  const ceiling = await startCeiling(file, 'application/json');
  try {
    const run = await runClients('ceiling', makeClients(TOTAL), {
      url: ceiling.url,
      slug: 'ceiling',
      parentId: 'x',
      paceMs: PACE_MS,
    });
    console.log(
      `Ceiling (bare Node http, same clients and pacing): ${run.attempts.length} posts in ${run.seconds.toFixed(1)} s, ${latency(run.attempts)}`,
    );
    return run;
  } finally {
    await stop(ceiling.child);
  }
}

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  return Promise.race([
    check().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
  ]);
}

/** A schema of our own for the run, dropped afterwards; the server finds it through the URL's search_path. */
async function withPostgresSchema(fn: (url: string, schema: string) => Promise<boolean>): Promise<boolean> {
  const schema = `dl_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return await fn(url.toString(), schema);
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

/** Deletes the rate-limit counters of the bench's addresses (they expire within seconds anyway). */
async function cleanRedis(redis: Redis) {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', 'dateline:ratelimit:*127.0.0.*', 'COUNT', 500);
    cursor = next;
    keys.push(...found.filter((k) => /127\.0\.0\.([1-5]\d)$/.test(k)));
  } while (cursor !== '0');
  if (keys.length) await redis.del(...keys);
}

/** Runs the comment load test on every reachable database; returns the exit code (1 when a check failed). */
export async function runCommentLoad(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-comment-load-'));
  let ok = true;
  try {
    console.log(`Comment load test: ${TOTAL} posts from 50 clients on 127.0.0.10-59 (40 honest, 10 hostile).`);
    const ceiling = await measureCeiling(dir);
    const media = path.join(dir, 'media');
    if (DATABASES.includes('sqlite'))
      ok =
        (await loadOne(
          'SQLite',
          { DATABASE_URL: `sqlite:${path.join(dir, 'load.sqlite')}`, MEDIA_DIR: media },
          undefined,
          ceiling,
        )) && ok;
    if (!DATABASES.includes('postgres')) return ok ? 0 : 1;

    if (
      !(await reachable(async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.end();
      }))
    ) {
      console.log(`\nPostgreSQL at ${PG_URL} does not answer: skipped (BENCH_DATABASE_URL points elsewhere).`);
      return ok ? 0 : 1;
    }
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const withRedis = await reachable(() => redis.connect());
    if (!withRedis)
      console.log(`\nRedis at ${REDIS_URL} does not answer: PostgreSQL runs with the in-process rate limit.`);
    try {
      ok =
        (await withPostgresSchema((url, schema) =>
          loadOne(
            `${withRedis ? 'PostgreSQL + Redis' : 'PostgreSQL'} (pool ${POOL})`,
            {
              DATABASE_URL: url,
              MEDIA_DIR: media,
              DATABASE_POOL_SIZE: POOL,
              ...(withRedis ? { REDIS_URL } : {}),
            },
            schema,
            ceiling,
          ),
        )) && ok;
    } finally {
      if (withRedis) await cleanRedis(redis);
      redis.disconnect();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nTargets: PostgreSQL posts/s >= 0.80 x the ceiling with accepted p50 <= 10 ms; SQLite >= 0.85 x.');
  if (!ok) console.log('\n!!! The comment load test found wrong results (above).');
  return ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await runCommentLoad();
