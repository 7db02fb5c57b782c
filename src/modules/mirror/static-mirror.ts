// `dateline export static`: the public site as plain files, rendered by the app itself and crawled from the
// front page, so the mirror holds exactly what a reader can reach, with links that work under any address.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { linkedAddresses, rewritePage, type AddressKind } from './mirror-html.ts';
import { deleteWritten, readManifest, writeFileAtomically, writeManifest } from './mirror-manifest.ts';
import { fileFor, isLiveOnly, relativeHref } from './mirror-paths.ts';
import { isXml, rebaseAddresses, sitemapLocations } from './mirror-xml.ts';

/** One response of the app to a GET of the given path (and query), as `app.inject()` gives it. */
export type PageFetcher = (
  pathAndQuery: string,
) => Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>;

export interface StaticExportInput {
  /** The directory to write (made if missing); must be empty or hold an earlier mirror. */
  dir: string;
  /** The live site's address (PUBLIC_URL): where discussion and search links point. */
  publicUrl: string;
  /** The mirror's own address, for the links that must be absolute (canonical, structured data). */
  baseUrl?: string;
  fetch: PageFetcher;
  onProgress?: (progress: { done: number; found: number }) => void;
}

export interface StaticExportReport {
  pages: number;
  files: number;
  written: string[];
  unchanged: number;
  deleted: string[];
}

/** Where the crawl starts: everything else is reached by following links (robots.txt names the sitemaps). */
const START = ['/', '/archive', '/robots.txt', '/sitemap.xml'];
const MAX_REDIRECTS = 10;

type Entry =
  | { kind: 'page'; file: string; html: Buffer }
  | { kind: 'file'; file: string }
  | { kind: 'redirect'; to: URL }
  | { kind: 'missing' };

/** The address without its fragment, with one spelling for `/a` and `/a/`: the key the crawl knows it by. */
function keyOf(url: URL): string {
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  return pathname + url.search;
}

/** Writes (or brings up to date) the static mirror of the site in `dir`; returns what it wrote and deleted. */
export async function exportStaticSite(input: StaticExportInput): Promise<StaticExportReport> {
  const dir = path.resolve(input.dir);
  const previous = readManifest(dir);
  const origin = new URL(input.publicUrl).origin;
  const files: Record<string, string> = {};
  const written: string[] = [];
  let unchanged = 0;

  const store = (relative: string, content: Buffer) => {
    const hash = crypto.createHash('sha256').update(content).digest('hex');
    files[relative] = hash;
    if (previous[relative] === hash && fs.existsSync(path.join(dir, relative))) unchanged++;
    else {
      writeFileAtomically(path.join(dir, ...relative.split('/')), content);
      written.push(relative);
    }
  };

  // 1. Crawl: every page and file reachable from the front page, pages kept (compressed) for the rewrite.
  const entries = new Map<string, Entry>();
  const queue: URL[] = [];
  const enqueue = (url: URL, kind: AddressKind = 'navigation') => {
    if (url.origin !== origin || isLiveOnly(url, kind) || entries.has(keyOf(url))) return;
    entries.set(keyOf(url), { kind: 'missing' });
    queue.push(url);
  };
  for (const start of START) enqueue(new URL(start, origin));
  for (let done = 0; done < queue.length; done++) {
    const url = queue[done];
    const res = await input.fetch(keyOf(url));
    const type = String(res.headers['content-type'] ?? '');
    const location = res.headers.location;
    let entry: Entry = { kind: 'missing' };
    if (res.status === 200 && type.startsWith('text/html')) {
      const file = fileFor(url, true);
      if (file) {
        entry = { kind: 'page', file, html: zlib.deflateRawSync(res.body, { level: 1 }) };
        for (const linked of linkedAddresses(res.body.toString('utf8'), url)) enqueue(linked.url, linked.kind);
      }
    } else if (res.status === 200) {
      const file = fileFor(url, false);
      if (file) {
        // Feeds, sitemaps and robots.txt must name absolute addresses: the mirror's, when it has one.
        const text = isXml(type) || type.startsWith('text/plain');
        if (isXml(type)) for (const loc of sitemapLocations(res.body.toString('utf8'))) enqueue(new URL(loc, url));
        store(
          file,
          text && input.baseUrl
            ? Buffer.from(rebaseAddresses(res.body.toString('utf8'), origin, input.baseUrl))
            : res.body,
        );
        entry = { kind: 'file', file };
      }
    } else if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      const to = new URL(location, url);
      enqueue(to, 'resource');
      entry = { kind: 'redirect', to };
    }
    entries.set(keyOf(url), entry);
    input.onProgress?.({ done: done + 1, found: queue.length });
  }

  // Where a link to an address ends up: the written file after any redirects, with the fragment to keep.
  const resolve = (url: URL, kind: AddressKind): { entry: Entry; url: URL } => {
    for (let hops = 0; hops < MAX_REDIRECTS; hops++) {
      const entry = url.origin === origin && !isLiveOnly(url, kind) ? entries.get(keyOf(url)) : undefined;
      if (entry?.kind !== 'redirect') return { entry: entry ?? { kind: 'missing' }, url };
      const to = new URL(entry.to);
      if (!to.hash) to.hash = url.hash;
      url = to;
    }
    return { entry: { kind: 'missing' }, url };
  };
  const absolute = (file: string) =>
    new URL(relativeHref('index.html', file).replace(/(^|\/)index\.html$/, '$1'), input.baseUrl).href;

  // 2. Rewrite each page's links for its place in the directory, and write what changed.
  let pages = 0;
  for (const [key, entry] of entries) {
    if (entry.kind !== 'page') continue;
    pages++;
    const pageUrl = new URL(key, origin);
    const html = rewritePage(zlib.inflateRawSync(entry.html).toString('utf8'), {
      pageUrl,
      link(url, kind) {
        const { entry: target, url: final } = resolve(url, kind);
        if (target.kind === 'page' || target.kind === 'file') {
          const suffix = target.kind === 'page' ? final.hash : final.search + final.hash;
          if (kind === 'identity' && input.baseUrl) return absolute(target.file) + suffix;
          return relativeHref(entry.file, target.file, suffix);
        }
        // Nothing written for it: readers follow links to the live site; nothing the page loads goes there.
        if (kind === 'navigation') return final.href;
        const guess = fileFor(final, false);
        return guess ? relativeHref(entry.file, guess) : 'data:,';
      },
      absolute(value) {
        if (!input.baseUrl || !value.startsWith(`${origin}/`)) return value;
        const { entry: target, url: final } = resolve(new URL(value), 'identity');
        if (target.kind === 'page' || target.kind === 'file') return absolute(target.file) + final.hash;
        // Structured data names images and people; one the mirror lacks is still named in its place there.
        const guess = fileFor(final, false);
        return guess ? absolute(guess) : value;
      },
    });
    store(entry.file, Buffer.from(html));
  }

  const deleted = Object.keys(previous).filter((relative) => !(relative in files));
  for (const relative of deleted) deleteWritten(dir, relative);
  writeManifest(dir, {
    generator: 'dateline export static',
    publicUrl: input.publicUrl,
    baseUrl: input.baseUrl ?? null,
    exportedAt: new Date().toISOString(),
    files,
  });
  return { pages, files: Object.keys(files).length - pages, written, unchanged, deleted };
}
