// npm run bench -- sitemap: the sitemap index and one month's sitemap at BENCH_SITEMAP_ARTICLES (100,000) public
// articles over 25 months, rendered uncached through the app (PAGE_CACHE=off), on SQLite and (with
// BENCH_DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL in a schema of its own, dropped afterwards. The rows are
// written straight into the tables: this measures reading them. The uncached front page, timed in the same run,
// is the baseline every figure is compared with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildDeps, type Deps } from '../src/deps.ts';
import { migrate } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';

const ARTICLES = Number(process.env.BENCH_SITEMAP_ARTICLES ?? 100_000);
const MONTHS = 25;
const RUNS = 5;

/** Writes the articles in batches: bylines, a section and tags, a photo with a caption on two in three (exported for ad-hoc runs). */
export async function fill(deps: Deps) {
  const users = Array.from({ length: 20 }, (_, i) => ({
    id: newId(),
    email: `writer${i}@bench.test`,
    name: `Writer ${i}`,
    slug: `writer-${i}`,
    bio: '',
    role: 'author' as const,
    password_hash: null,
    created_at: '2024-01-01T00:00:00.000Z',
  }));
  await deps.db.insertInto('users').values(users).execute();
  const sections = Array.from({ length: 8 }, (_, i) => ({
    id: newId(),
    slug: `section-${i}`,
    name: `Section ${i}`,
    description: '',
    position: i,
  }));
  await deps.db.insertInto('sections').values(sections).execute();
  const tags = Array.from({ length: 500 }, (_, i) => ({ id: newId(), slug: `tag-${i}`, name: `Tag ${i}` }));
  await deps.db.insertInto('tags').values(tags).execute();
  const start = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2024 + Math.floor(MONTHS / 12), MONTHS % 12, 1) - start;
  for (let done = 0; done < ARTICLES; done += 400) {
    const batch = Array.from({ length: Math.min(400, ARTICLES - done) }, (_, k) => {
      const i = done + k;
      const at = new Date(start + Math.floor((i / ARTICLES) * span)).toISOString();
      return {
        id: newId(),
        slug: `story-${i}-about-the-harbour-and-the-ferries`,
        headline: `Story ${i} about the harbour and the ferries`,
        subheadline: '',
        body_source: 'Text.',
        body_html: '<p>Text.</p>',
        excerpt: 'Text.',
        dateline: '',
        source_credit: '',
        section_id: sections[i % 8].id,
        image_url: i % 3 === 0 ? '' : `/media/uploads/2024/01/photo-${i}.jpg`,
        image_caption: i % 3 === 0 ? '' : `The harbour at dawn, day ${i % 365}. File photo`,
        image_credit: '',
        image_alt: 'The harbour',
        image_width: 1200,
        image_height: 800,
        status: 'published' as const,
        published_at: at,
        comment_setting: 'default' as const,
        comments_closed_at: null,
        comment_count: 0,
        created_at: at,
        updated_at: at,
        modified_at: at,
      };
    });
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values(batch).execute();
      await trx
        .insertInto('article_authors')
        .values(batch.map((a, k) => ({ article_id: a.id, user_id: users[(done + k) % 20].id, position: 0 })))
        .execute();
      await trx
        .insertInto('article_tags')
        .values(batch.map((a, k) => ({ article_id: a.id, tag_id: tags[(done + k) % 500].id })))
        .execute();
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(app: Awaited<ReturnType<typeof buildApp>>, url: string) {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await app.inject({ url });
    times.push(performance.now() - t0);
    bytes = res.rawPayload.length;
    status = res.statusCode;
  }
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  return { ms: median(times), bytes };
}

async function run(label: string, env: Record<string, string>, searchPath?: string) {
  const config = loadConfig({
    ...env,
    PAGE_CACHE: 'off',
    DEMO_CONTENT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'https://news.example.org',
  });
  const deps = await buildDeps(config, { logger: pino({ level: 'silent' }), db: { searchPath } });
  try {
    await migrate(deps.db, deps.dialect);
    const t0 = performance.now();
    await fill(deps);
    // A site's planner statistics are current (autovacuum, SQLite's optimize); after a bulk load they must be made.
    await sql`analyze`.execute(deps.db);
    const filled = (performance.now() - t0) / 1000;
    const app = await buildApp(deps);
    await app.ready();
    const front = await time(app, '/');
    const index = await time(app, '/sitemap.xml');
    const month = await time(app, '/sitemaps/articles-2025-06.xml');
    const lists = await time(app, '/sitemaps/lists.xml');
    const urls = ((await app.inject({ url: '/sitemaps/articles-2025-06.xml' })).body.match(/<url>/g) ?? []).length;
    await app.close();
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `\n${label}: ${ARTICLES.toLocaleString('en')} articles over ${MONTHS} months (written in ${filled.toFixed(1)} s); median of ${RUNS} uncached renders.`,
    );
    console.log(`${pad('what', 44)} ${pad('ms', 9)} ${pad('x front page', 13)} bytes`);
    for (const [what, r] of [
      ['front page (baseline)', front],
      ['sitemap index', index],
      [`one month's sitemap (${urls.toLocaleString('en')} URLs)`, month],
      ['lists sitemap (sections, tags, authors)', lists],
    ] as const) {
      console.log(
        `${pad(what, 44)} ${pad(r.ms.toFixed(1), 9)} ${pad((r.ms / front.ms).toFixed(2), 13)} ${r.bytes.toLocaleString('en')}`,
      );
    }
  } finally {
    await deps.close();
  }
}

export async function benchSitemaps(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-sitemap-'));
  try {
    await run('SQLite', {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
      MEDIA_DIR: path.join(dir, 'media'),
    });
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) {
      const schema = `bench_sitemap_${process.pid}`;
      const admin = async (q: string) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(q);
        await c.end();
      };
      await admin(`create schema ${schema}`);
      try {
        await run('PostgreSQL', { DATABASE_URL: url, MEDIA_DIR: path.join(dir, 'media') }, schema);
      } finally {
        await admin(`drop schema if exists ${schema} cascade`);
      }
    } else {
      console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL.)');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
