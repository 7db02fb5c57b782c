// npm run bench -- budget: what a phone downloads, measured in headless Chromium with a cold cache (390 CSS px wide,
// 3x density): the article page with 3 comments (budget: 30 KB besides the featured photo; the photo at most
// 60 KB; headline, byline, dateline and first paragraph within the first 14 KB of the response, one round trip on
// a new connection), then the home page and an article with 200 comments for comparison.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pino from 'pino';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { buildDeps, type Deps } from '../src/deps.ts';
import { createArticle, type Article } from '../src/modules/articles/index.ts';
import { addExistingComments, type ExistingComment } from '../src/modules/comments/index.ts';
import { uploadMedia } from '../src/modules/media/media.service.ts';
import { createUser, type Staff } from '../src/modules/people/index.ts';
import { createSection } from '../src/modules/sections/index.ts';
import { migrate } from '../src/platform/db/database.ts';
import { CHROMIUM_FLAGS } from '../test/support/browser.ts';
import { startServer, stop } from './processes.ts';

const KB = 1024;
const FIRST_ROUND_TRIP = 14 * KB;

/** A photo-like image: a scene with grain (flat colours would flatter the photo budget). */
async function photo(seed: number): Promise<Buffer> {
  const w = 2400;
  const h = 1600;
  const scene = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2f4f6f"/><stop offset="1" stop-color="#c9d6df"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#s)"/><circle cx="${600 + seed * 300}" cy="420" r="160" fill="#f4e3b1"/>
    <path d="M0 1000 Q600 ${800 + seed * 40} 1200 980 T2400 960 V1600 H0Z" fill="#3d5a3a"/><rect y="1250" width="${w}" height="350" fill="#24405a"/></svg>`;
  const grain = await sharp({
    create: {
      width: w,
      height: h,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .blur(1.6)
    .png()
    .toBuffer();
  return sharp(Buffer.from(scene))
    .composite([{ input: grain, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

const comment = (i: number, parentId: string | null, start: number): ExistingComment & { id: string } => ({
  id: `c${String(i).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`,
  parentId,
  name: `Reader ${i}`,
  email: `r${i}@example.org`,
  status: 'approved',
  body: `Comment number ${i}, a sentence or two of reasonable length, as most comments are. The council should publish the figures before the vote.\n\nA second paragraph.`,
  createdAt: new Date(start + i * 60_000),
});

async function prepare(deps: Deps) {
  await migrate(deps.db, deps.dialect);
  const editor: Staff = await createUser(deps, {
    email: 'budget@newsroom.test',
    name: 'Marta Quintero',
    role: 'admin',
  });
  for (const name of ['Politics', 'Economy', 'Culture', 'Sport']) await createSection(deps.db, { name });
  const body = [
    'The island council voted on Tuesday to keep the winter ferry timetable, after a debate that ran past midnight and drew the largest public gallery in a decade.',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `Paragraph ${i + 2} of the story: councillors heard from fishermen, shopkeepers and parents whose children cross to the mainland school each morning, and from the ferry company, which says its costs rose by a fifth this year.`,
    ),
  ].join('\n\n');
  const articles: Article[] = [];
  for (let i = 0; i < 12; i++) {
    const media = await uploadMedia(deps, {
      staff: editor,
      bytes: await photo(i % 4),
      originalName: `photo-${i}.jpg`,
      caption: 'The ferry leaving the harbour at dawn.',
      credit: 'Ledger photo',
      alt: 'A ferry leaving a harbour at dawn',
    });
    articles.push(
      await createArticle(deps, {
        staff: editor,
        article: {
          headline:
            i === 0
              ? 'Council keeps the winter ferry timetable after a long night'
              : `Story number ${i} on the front page of the island's paper`,
          subheadline: 'Fishermen and parents filled the gallery',
          body,
          dateline: 'ALDER BAY –',
          sourceCredit: 'Coastal Press Service',
          section: ['Politics', 'Economy', 'Culture', 'Sport'][i % 4],
          tags: ['Ferries', 'Council'],
          status: 'published',
          publishAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
          commentStatus: 'open',
          featuredImage: {
            url: media.url,
            srcset: media.srcset,
            width: media.width,
            height: media.height,
            alt: media.alt,
            caption: media.caption,
            credit: media.credit,
          },
        },
      }),
    );
  }
  const start = Date.now() - 86_400_000;
  const three = [comment(0, null, start)];
  three.push(comment(1, three[0].id, start), comment(2, null, start));
  await addExistingComments(deps, articles[0].id, three);
  const many: (ExistingComment & { id: string })[] = [];
  for (let i = 0; i < 200; i++)
    many.push(
      comment(i, i % 5 === 0 || many.length === 0 ? null : many[Math.max(0, many.length - 1 - (i % 3))].id, start),
    );
  await addExistingComments(deps, articles[1].id, many);
  return { small: articles[0], large: articles[1] };
}

interface Transfer {
  url: string;
  type: string;
  bytes: number;
}

/** Every response of a cold load, with its bytes on the wire (headers and encoded body). */
async function load(url: string): Promise<Transfer[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
    });
    const page = await context.newPage();
    const responses: Promise<Transfer>[] = [];
    page.on('requestfinished', (req) =>
      responses.push(
        req.sizes().then((s) => ({
          url: req.url(),
          type: req.resourceType(),
          bytes: s.responseBodySize + s.responseHeadersSize,
        })),
      ),
    );
    await page.goto(url, { waitUntil: 'networkidle' });
    return await Promise.all(responses);
  } finally {
    await browser.close();
  }
}

/** The text a reader has after the first 14 KB of the response (headers included), as a browser decodes it. */
function firstRoundTrip(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${res.rawHeaders.reduce((s, v, i) => s + v + (i % 2 ? '\r\n' : ': '), '')}\r\n`;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const prefix = Buffer.concat(chunks).subarray(0, Math.max(0, FIRST_ROUND_TRIP - Buffer.byteLength(head)));
          const encoding = res.headers['content-encoding'];
          if (!encoding) return resolve(prefix.toString());
          const out: Buffer[] = [];
          const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : zlib.createGunzip();
          decoder.on('data', (d: Buffer) => out.push(d));
          decoder.on('error', () => resolve(Buffer.concat(out).toString()));
          decoder.on('end', () => resolve(Buffer.concat(out).toString()));
          decoder.end(prefix);
        });
      })
      .on('error', reject);
  });
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

function summarize(label: string, transfers: Transfer[], featured?: string) {
  const isFeatured = (t: Transfer) => featured !== undefined && t.type === 'image' && t.url.includes(featured);
  const by = (pred: (t: Transfer) => boolean) => transfers.filter(pred).reduce((s, t) => s + t.bytes, 0);
  const html = by((t) => t.type === 'document');
  const css = by((t) => t.type === 'stylesheet');
  const js = by((t) => t.type === 'script');
  const photo = by(isFeatured);
  const images = by((t) => t.type === 'image' && !isFeatured(t));
  const other = by((t) => !['document', 'stylesheet', 'script', 'image'].includes(t.type));
  const besidesPhoto = html + css + js + images + other;
  console.log(
    `  ${label.padEnd(34)} ${kb(html).padStart(9)} ${kb(css).padStart(8)} ${kb(js).padStart(8)} ${kb(images).padStart(10)} ${kb(photo).padStart(9)} ${kb(besidesPhoto).padStart(12)}`,
  );
  return { besidesPhoto, photo };
}

/** Runs the page budget benchmark and prints its figures; returns false if a budget is missed. */
export async function benchPageBudget(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-budget-'));
  const env = {
    DATABASE_URL: `sqlite:${path.join(dir, 'budget.sqlite')}`,
    MEDIA_DIR: path.join(dir, 'media'),
    DEMO_CONTENT: 'off',
  };
  try {
    console.log(
      'Page budget: cold loads in headless Chromium, 390 CSS px at 3x, bytes on the wire (headers included).',
    );
    const deps = await buildDeps(loadConfig(env), { logger: pino({ level: 'silent' }) });
    const { small, large } = await prepare(deps);
    await deps.close();
    const server = await startServer(env);
    try {
      const smallUrl = `${server.url}/articles/${encodeURIComponent(small.slug)}`;
      // The photo the browser picks from the srcset: compare by the upload's id.
      const featured = /\/([0-9a-f-]{36})\.\w+$/.exec(small.featuredImage!.url)?.[1];
      console.log(
        `\n  ${'page'.padEnd(34)} ${'HTML'.padStart(9)} ${'CSS'.padStart(8)} ${'JS'.padStart(8)} ${'images'.padStart(10)} ${'photo'.padStart(9)} ${'all but photo'.padStart(12)}`,
      );
      const article = summarize('article, 3 comments', await load(smallUrl), featured);
      summarize('home page', await load(`${server.url}/`));
      summarize(
        'article, 200 comments',
        await load(`${server.url}/articles/${encodeURIComponent(large.slug)}`),
        /\/([0-9a-f-]{36})\.\w+$/.exec(large.featuredImage!.url)?.[1],
      );
      const text = await firstRoundTrip(smallUrl);
      const firstParagraph = 'The island council voted on Tuesday to keep the winter ferry timetable';
      const checks: [string, boolean][] = [
        ['headline', text.includes(small.headline)],
        ['byline', text.includes('Marta Quintero')],
        ['dateline', text.includes('ALDER BAY')],
        ['first paragraph', text.includes(firstParagraph) && text.includes('largest public gallery in a decade.')],
      ];
      console.log(
        `\n  First ${FIRST_ROUND_TRIP / KB} KB of the article response decode to ${kb(Buffer.byteLength(text))} of HTML; they hold: ${checks.map(([k, ok]) => `${k} ${ok ? 'yes' : 'NO'}`).join(', ')}.`,
      );
      const ok =
        article.besidesPhoto <= 30 * KB && article.photo > 0 && article.photo <= 60 * KB && checks.every(([, v]) => v);
      console.log(
        `  Budgets (article, 3 comments): all but the photo <= 30 KB: ${kb(article.besidesPhoto)}; photo <= 60 KB: ${kb(article.photo)}; story in the first round trip. ${ok ? 'Met.' : 'MISSED.'}`,
      );
      return ok;
    } finally {
      await stop(server.child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
