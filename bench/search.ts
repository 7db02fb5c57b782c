// npm run bench -- search: p50 and p99 latency of reader search (the service the page and API call: ranking,
// snippets, the articles hydrated) over BENCH_SEARCH_ARTICLES generated articles (100,000 by default), on SQLite and,
// with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL in a schema of its own. The baseline in the same run is
// the front page's list query (listPublicArticles), so the ratios say what a search costs next to a plain list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps, type Deps } from '../src/deps.ts';
import { listPublicArticles } from '../src/modules/articles/index.ts';
import { createUser } from '../src/modules/people/index.ts';
import { createSection } from '../src/modules/sections/index.ts';
import { searchPublicArticles, type SearchInput } from '../src/modules/search/search.service.ts';
import { migrate } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';

const ARTICLES = Number(process.env.BENCH_SEARCH_ARTICLES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 30);

/** A deterministic vocabulary with a Zipf-like spread, so some words are in most articles and some in a handful. */
function vocabulary(): string[] {
  const onsets = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'br', 'tr', 'st'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ia', 'ue'];
  const codas = ['', 'n', 'r', 's', 'l', 'nd', 'rt'];
  const words: string[] = [];
  for (const a of onsets)
    for (const b of vowels)
      for (const c of onsets) for (const d of vowels) for (const e of codas) words.push(a + b + c + d + e);
  return words.slice(0, 8000);
}

function generator(words: string[]) {
  // mulberry32: small, seeded, and exact in 32-bit integer arithmetic.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Rank r is drawn with probability ~ 1/r.
  const zipf = () => words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length))) - 1)];
  const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');
  return { random, zipf, sentence };
}

async function fill(deps: Deps, words: string[]) {
  const g = generator(words);
  const sections: Awaited<ReturnType<typeof createSection>>[] = [];
  for (const name of ['News', 'Sport', 'Culture', 'Business', 'Opinion'])
    sections.push(await createSection(deps.db, { name }));
  const authors: Awaited<ReturnType<typeof createUser>>[] = [];
  for (let i = 0; i < 20; i++)
    authors.push(
      await createUser(deps, { email: `w${i}@bench.test`, name: `Writer ${words[i * 37]}`, role: 'author' }),
    );
  const start = Date.parse('2016-01-01T00:00:00Z');
  const span = Date.parse('2026-01-01T00:00:00Z') - start;
  const BATCH = 500;
  for (let i = 0; i < ARTICLES; i += BATCH) {
    await deps.db.transaction().execute(async (trx) => {
      const rows = [];
      const docs = [];
      const bylines = [];
      for (let j = i; j < Math.min(ARTICLES, i + BATCH); j++) {
        const id = newId();
        const headline = g.sentence(8);
        const body = `${g.sentence(60)}. ${g.sentence(60)}.`;
        const at = new Date(start + Math.floor((j / ARTICLES) * span)).toISOString();
        const author = authors[j % authors.length];
        rows.push({
          id,
          slug: `a-${j}`,
          headline,
          subheadline: '',
          body_source: body,
          body_html: `<p>${body}</p>`,
          excerpt: body.slice(0, 200),
          dateline: 'ALDER BAY –',
          source_credit: '',
          section_id: sections[j % sections.length].id,
          status: 'published' as const,
          published_at: at,
          created_at: at,
          updated_at: at,
          kind: 'article' as const,
          image_url: '',
          image_caption: '',
          image_credit: '',
          image_alt: '',
          image_width: null,
          image_height: null,
          image_srcset: '',
          comment_setting: 'default' as const,
          comments_closed_at: null,
          comment_count: 0,
        });
        bylines.push({ article_id: id, user_id: author.id, position: 0 });
        docs.push({
          article_id: id,
          headline,
          subheadline: '',
          body,
          bylines: author.name,
          tags: '',
          dateline: 'ALDER BAY –',
        });
      }
      await trx.insertInto('articles').values(rows).execute();
      await trx.insertInto('article_authors').values(bylines).execute();
      // The same rows the app writes for each article (article-search.repository.ts), in bulk.
      await trx.insertInto('search_documents').values(docs).execute();
    });
    if (process.stdout.isTTY)
      process.stdout.write(`\r  ${Math.min(ARTICLES, i + BATCH).toLocaleString('en')} articles`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  return { sections, authors };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function benchOne(name: string, env: Record<string, string>, searchPath?: string) {
  const deps = await buildDeps(loadConfig({ ...env, LOG_LEVEL: 'silent', DEMO_CONTENT: 'off' }), {
    logger: pino({ level: 'silent' }),
    db: { searchPath },
  });
  try {
    await migrate(deps.db, deps.dialect);
    const words = vocabulary();
    const t0 = Date.now();
    const { sections, authors } = await fill(deps, words);
    if (deps.dialect === 'postgres') await pg_analyze(deps);
    console.log(
      `  ${name}: ${ARTICLES.toLocaleString('en')} articles written and indexed in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    const authorSlug = (
      await deps.db.selectFrom('users').select('slug').where('id', '=', authors[3].id).executeTakeFirstOrThrow()
    ).slug;
    const queries: [string, Omit<SearchInput, 'page'>][] = [
      ['common word (in most articles)', { q: words[1] }],
      ['mid-frequency word', { q: words[150] }],
      ['rare word', { q: words[2500] }],
      ['two words', { q: `${words[40]} ${words[300]}` }],
      ['"phrase"', { q: `"${words[2]} ${words[3]}"` }],
      ['word + section + dates', { q: words[150], section: sections[1].slug, from: '2020-01-01', to: '2022-12-31' }],
      ['word + author, newest first', { q: words[150], author: authorSlug, sort: 'newest' }],
    ];
    const rows: [string, number, number, number][] = [];
    const list = (await time(() => listPublicArticles(deps, { page: 1, limit: 10 }), ROUNDS)).sort((a, b) => a - b);
    const base = percentile(list, 0.5);
    rows.push(['baseline: front page list (10)', base, percentile(list, 0.99), -1]);
    const all: number[] = [];
    for (const [label, input] of queries) {
      const found = await searchPublicArticles(deps, { ...input, page: 1 });
      const t = (await time(() => searchPublicArticles(deps, { ...input, page: 1 }), ROUNDS)).sort((a, b) => a - b);
      all.push(...t);
      rows.push([label, percentile(t, 0.5), percentile(t, 0.99), found.total]);
    }
    all.sort((a, b) => a - b);
    rows.push(['all searches', percentile(all, 0.5), percentile(all, 0.99), -1]);
    console.log(`\n  ${name}${' '.repeat(Math.max(1, 32 - name.length))}p50 ms   p99 ms   x baseline p50   matches`);
    for (const [label, p50, p99, total] of rows) {
      console.log(
        `  ${label.padEnd(32)}${p50.toFixed(1).padStart(6)}   ${p99.toFixed(1).padStart(6)}   ${(p50 / base).toFixed(1).padStart(14)}   ${total < 0 ? '' : total.toLocaleString('en')}`,
      );
    }
  } finally {
    await deps.close();
  }
}

async function pg_analyze(deps: Deps) {
  const { sql } = await import('kysely');
  await sql`analyze`.execute(deps.db);
}

/** Runs the search benchmark on each database and prints its table. */
export async function benchSearch(): Promise<void> {
  console.log(
    `Search: ${ARTICLES.toLocaleString('en')} generated articles, ${ROUNDS} runs of each query, one at a time.`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-search-'));
  try {
    await benchOne('SQLite', {
      DATABASE_URL: `sqlite:${path.join(dir, 'search.sqlite')}`,
      MEDIA_DIR: path.join(dir, 'media'),
    });
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) {
      const schema = `bench_search_${process.pid}`;
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
        await benchOne('PostgreSQL', { DATABASE_URL: url, MEDIA_DIR: path.join(dir, 'media') }, schema);
      } finally {
        await admin(`drop schema if exists ${schema} cascade`);
      }
    } else {
      console.log('\n  PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it).');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
