// The use case: bring a WordPress export into Dateline, or, for a broken file, nothing of it.
// Two streaming passes over the file: the first takes authors, categories, tags and attachments
// (so posts can name their featured images and galleries whatever the order), the second posts,
// pages and their discussions. How the database is held meanwhile (one transaction, or batches on
// SQLite so that the site keeps answering) is import-session.ts's business; batches need the file
// checked whole before anything is written, which one more pass does. A dry run does all of it and
// rolls back.
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { countImportedComments, importedCommentCounts } from '../comments/index.ts';
import { getSettings } from '../settings/index.ts';
import { storeImportedImage } from '../media/index.ts';
import { threadOrder } from './import-comments.ts';
import { importAuthor, importCategory, importTag, nestCategories } from './import-terms.ts';
import { importAttachment, importPosts, isImportedContent } from './import-items.ts';
import { MEDIA_FOLDER, note, skip, type ImportRun } from './import-run.ts';
import { alreadyRunning, openSession, type ImportSession } from './import-session.ts';
import { emptyReport, type ImportReport } from './wordpress-report.ts';
import * as repo from './wordpress.repository.ts';
import { basePath, isSafeTarget, isServedPath, matchRequest, servedSegments } from './wordpress-urls.ts';
import { findFeedRedirect } from './wordpress-feeds.ts';
import { readWxrFile } from './wxr-file.ts';
import { WxrError, type WxrItem, type WxrRecord, type WxrSite } from './wxr.ts';

export { IMPORT_LOCK_NAME } from './import-session.ts';

export interface ImportInput {
  /** The WXR file (Tools → Export in WordPress). */
  file: string;
  /** A copy of wp-content/uploads: files found there are copied into the media folder. */
  uploadsDir?: string;
  /** Do everything, report it, write nothing. */
  dryRun?: boolean;
  /** Bytes done of bytes to do (the file is read two or three times). */
  onProgress?: (done: number, total: number) => void;
  /** The file's name in the report and in errors, when `file` is a temporary copy (an upload). */
  name?: string;
  /** Who started it, for the audit log (the desk); the CLI runs as the site's owner and is not audited. */
  audit?: { actor: { id: string; name: string }; ip: string };
  /** The site's routes: no old address under their first path segment becomes a redirect. */
  routes?: readonly { url: string }[];
  /**
   * SQLite: the most text of the first pass's records (site, authors, terms, attachments) the check may keep in
   * memory for that pass, which then does not read the file again (FIRST_PASS_CHARS unless given).
   */
  firstPassChars?: number;
}

const POST_TYPES = new Set(['post', 'page']);
/**
 * At most this many items, or items with this many comments, are read and written together. SQLite's are
 * small: its batch holds the one connection from the moment it begins (see import-session.ts), and it has no
 * round trips to save; PostgreSQL's save a round trip or more an item.
 */
const BATCH_LIMITS = { sqlite: { items: 25, comments: 300 }, postgres: { items: 200, comments: 4000 } };

/** How much text of the first pass's records the check keeps for it, instead of the first pass reading the file again. */
const FIRST_PASS_CHARS = 16 * 1024 * 1024;

/** The site's identity for matching ids on later runs: its base URL, lowercase, without a trailing slash. */
const sourceOf = (site: WxrSite) =>
  (site.baseSiteUrl || site.baseBlogUrl || site.link || 'wordpress').trim().toLowerCase().replace(/\/+$/, '');

/** The old site's scheme and host, for addresses written without them. */
const originOf = (source: string) => {
  try {
    return new URL(source).origin;
  } catch {
    return 'http://wordpress.invalid';
  }
};

let running = false;

/** Whether this process is importing now: a second import waits for nothing and is refused. */
export const importRunning = (): boolean => running;

/**
 * Imports a WXR file; returns the report. Throws an AppError naming the line for a broken file, having
 * changed nothing, and a 409 while another import runs (in this process, or in another).
 */
export async function importWordPress(deps: Deps, input: ImportInput): Promise<ImportReport> {
  if (running) throw alreadyRunning();
  running = true;
  try {
    return await importExclusive(deps, input);
  } finally {
    running = false;
  }
}

async function importExclusive(deps: Deps, input: ImportInput): Promise<ImportReport> {
  const name = input.name ?? input.file;
  const size = statFile(input.file, 'file', name);
  if (input.uploadsDir !== undefined && !fs.statSync(input.uploadsDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppError({
      status: 422,
      code: 'uploads_dir_missing',
      message: `The uploads folder ${input.uploadsDir} does not exist or is not a folder.`,
      values: { dir: input.uploadsDir },
    });
  }
  const dryRun = input.dryRun ?? false;
  const report = emptyReport(name, dryRun);
  const batches = deps.dialect === 'sqlite' && !dryRun;
  const read = reader(input, size, batches ? 3 : 2);
  const broken = (error: WxrError) =>
    new AppError({
      status: 422,
      code: 'wxr_invalid',
      message: `${name}, ${error.message.replace(/\.$/, '')}. Nothing was imported.`,
      values: {
        name,
        line: String(error.line),
        reason: error.refusal.reason,
        ...error.refusal.values,
        // The parser's own words end the sentence before ours does, as in the message.
        ...(error.refusal.values?.detail && { detail: error.refusal.values.detail.replace(/\.$/, '') }),
      },
    });
  // The first pass's records (site, authors, terms, attachments), kept from the check when they are few enough.
  let firstPass: WxrRecord[] | undefined;
  if (batches) {
    try {
      firstPass = await checkWhole(read(0), input.firstPassChars ?? FIRST_PASS_CHARS);
    } catch (error) {
      throw error instanceof WxrError ? broken(error) : error;
    }
  }
  const copied = new Set<string>();
  let session: ImportSession | undefined;
  const run: ImportRun = {
    get db() {
      return session!.db;
    },
    dialect: deps.dialect,
    clock: deps.clock,
    now: deps.clock.now(),
    source: '',
    origin: '',
    report,
    uploadsDir: input.uploadsDir && path.resolve(input.uploadsDir),
    copies: new Set(),
    images: new Map(),
    keptUrls: new Set(),
    served: servedSegments(input.routes ?? []),
    categoryParents: new Map(),
    resolved: new Map(),
    untitled: await untitledHeadline(deps),
    commentCounts: deps.dialect === 'postgres' ? importedCommentCounts() : undefined,
  };
  session = await openSession(deps, { dryRun, afterCommit: () => settle(deps, run, copied) });
  try {
    let base = '';
    for await (const record of firstPass
      ? kept(firstPass, () => input.onProgress?.(2 * size, 3 * size))
      : read(batches ? 1 : 0)) {
      if (record.type === 'site') {
        run.source = sourceOf(record.site);
        run.origin = originOf(run.source);
        report.source = run.source;
        base = basePath(record.site.baseBlogUrl || record.site.baseSiteUrl || record.site.link);
      } else if (record.type === 'author') await importAuthor(run, record.author);
      else if (record.type === 'term') {
        const { term } = record;
        if (term.taxonomy === 'category') await importCategory(run, term);
        else if (term.taxonomy === 'post_tag') await importTag(run, term);
        else
          skip(run, {
            kind: 'term',
            id: term.slug || term.id,
            code: 'taxonomy',
            values: { taxonomy: term.taxonomy },
          });
      } else if (record.item.type === 'attachment') await importAttachment(run, record.item, base);
      await session.checkpoint();
    }
    firstPass = undefined; // not held through the posts
    await nestCategories(run);
    // PostgreSQL plans this transaction's lookups with statistics from before it began, when the tables were
    // (nearly) empty; as they grow by thousands of rows, a plan that scans a kind's rows per lookup makes the
    // import quadratic. ANALYZE inside the transaction counts its own rows: a few times, at growing intervals.
    let posts = 0;
    let analyzeAt = 250;
    // Items go in batches (import-items.ts): bounded in items and comments so memory stays flat, cut short on
    // SQLite when the session is due to commit (the site waits meanwhile), and cut before an item whose post or
    // comment id the batch already holds, so that no item needs to see what the batch has not written yet.
    const limits = BATCH_LIMITS[deps.dialect];
    let batch: WxrItem[] = [];
    let comments = 0;
    const ids = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      await importPosts(run, batch, { base });
      posts += batch.length;
      batch = [];
      comments = 0;
      ids.clear();
      if (deps.dialect === 'postgres' && posts >= analyzeAt) {
        await repo.refreshPlannerStatistics(run.db);
        analyzeAt *= 4;
      }
      await session!.checkpoint();
    };
    for await (const record of read(batches ? 2 : 1)) {
      if (record.type !== 'item' || record.item.type === 'attachment') continue;
      const item = { ...record.item, type: record.item.type || 'post' };
      const keys = [`p${item.id}`, ...item.comments.flatMap((c) => (c.id ? [`c${c.id}`] : []))];
      if (keys.some((k) => ids.has(k))) await flush();
      batch.push(item);
      for (const k of keys) ids.add(k);
      comments += item.comments.length;
      if (batch.length >= limits.items || comments >= limits.comments || session.due()) await flush();
    }
    await flush();
    report.keptUrls = [...run.keptUrls];
    report.redirects = await repo.countLegacyUrls(run.db, run.source);
    if (input.audit && !dryRun) await recordAudit(run.db, auditEntry(deps, input, report));
    if (run.commentCounts) await countImportedComments(run.db, run.commentCounts);
    await session.finish();
  } catch (error) {
    // What went wrong is the news, not a failure to roll back after it.
    await session.abort().catch(() => undefined);
    if (error instanceof WxrError) throw broken(error);
    throw error;
  }
  // A dry run copies nothing: it reports what it would copy.
  report.copiedFiles = dryRun ? run.copies.size : copied.size;
  if (dryRun && input.audit) await recordAudit(deps.db, auditEntry(deps, input, report));
  return report;
}

const isPostItem = (record: WxrRecord) =>
  record.type === 'item' && (POST_TYPES.has(record.item.type) || record.item.type === '');

/**
 * Reads the whole file once and checks what could otherwise only fail halfway: the XML and every discussion's
 * threads. Returns the records the first pass takes (the site, authors, terms and attachments) when they come to at most
 * `limit` characters of text, as they do unless an export holds tens of thousands of attachments; otherwise undefined,
 * and the first pass reads the file again.
 */
async function checkWhole(records: AsyncIterable<WxrRecord>, limit: number): Promise<WxrRecord[] | undefined> {
  let firstPass: WxrRecord[] | undefined = [];
  let chars = 0;
  for await (const record of records) {
    if (!isPostItem(record)) {
      if (!firstPass || (record.type === 'item' && record.item.type !== 'attachment')) continue;
      chars += JSON.stringify(record).length;
      if (chars <= limit) firstPass.push(record);
      else firstPass = undefined;
      continue;
    }
    const { item } = record as { item: WxrItem };
    if (item.comments.length > 0 && isImportedContent(item)) threadOrder(item);
  }
  return firstPass;
}

/** Kept records as a pass of their own, saying at the end that the pass is done. */
async function* kept(records: WxrRecord[], done: () => void): AsyncGenerator<WxrRecord> {
  yield* records;
  done();
}

/**
 * What follows committed rows: the files they name are copied from the uploads folder (pictures through the
 * media library's pipeline, the rest as they are), and cached pages are dropped. A failed copy is reported,
 * not undone.
 */
async function settle(deps: Deps, run: ImportRun, copied: Set<string>): Promise<void> {
  for (const relative of run.copies) {
    if (copied.has(relative)) continue;
    copied.add(relative);
    const from = path.join(run.uploadsDir!, relative);
    const image = run.images.get(`${MEDIA_FOLDER}/${relative}`);
    try {
      if (image) await storeImportedImage(deps, { file: from, image });
      else {
        const to = path.join(deps.config.mediaDir, MEDIA_FOLDER, relative);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(from, to);
      }
    } catch (error) {
      note(run, { code: 'copy_failed', values: { file: relative, error: (error as Error).message } });
    }
  }
  run.copies.clear();
  await deps.pageCache.invalidate(['*']);
}

function statFile(file: string, what: string, name: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile())
    throw new AppError({
      status: 422,
      code: 'wxr_missing',
      message: `The ${what} ${name} does not exist or is not a file.`,
      values: { name },
    });
  return stat.size;
}

/** What the audit log keeps of an import: the file's name and the counts of what changed. */
function auditEntry(deps: Deps, input: ImportInput, report: ImportReport) {
  const changed = Object.fromEntries(
    Object.entries(report.counts).flatMap(([kind, t]) =>
      t.created || t.updated ? [[kind, { created: t.created, updated: t.updated }]] : [],
    ),
  );
  return {
    actor: input.audit!.actor,
    action: input.dryRun ? 'wordpress.import_checked' : 'wordpress.imported',
    subject: report.file,
    details: { source: report.source, dryRun: report.dryRun, changed, skipped: report.skipped.length },
    ip: input.audit!.ip,
    at: deps.clock.now(),
  };
}

/** The file's passes: each one streaming read, reporting progress as a share of all of them. */
function reader(input: ImportInput, size: number, passes: number) {
  return (index: number) =>
    readWxrFile(input.file, {
      onProgress: (bytes) => input.onProgress?.(index * size + bytes, size * passes),
      // The last pass imports the discussions.
      convertComments: index === passes - 1,
    });
}

/**
 * Where an old WordPress address lives now, or undefined: for the 404 path and the ?p= links. Nothing under
 * an address the site serves (`served`: see servedSegments) is redirected, and nothing goes to another host
 * than the old site's uploads, whatever the table says (it may come from an older import or a backup).
 * A feed address answers with the matching feed (wordpress-feeds.ts).
 */
export async function findLegacyRedirect(
  deps: Pick<Deps, 'db' | 'clock'>,
  url: string,
  served: ReadonlySet<string>,
): Promise<string | undefined> {
  const match = matchRequest(url);
  if (match.feed) return findFeedRedirect(deps, match, served);
  const found = isServedPath(url.split('?', 1)[0], served)
    ? undefined
    : await repo.findLegacyTarget(deps.db, match.keys);
  if (found && isSafeTarget(found.target, found.source)) {
    const { target } = found;
    return match.page && !target.startsWith('/articles/') ? `${target}?page=${match.page}` : target;
  }
  return undefined;
}

/** The headline a post without a title gets, in the site's language: stored words readers see, as WordPress's "(no title)". */
async function untitledHeadline(deps: Deps): Promise<string> {
  const { language, timeZone } = await getSettings(deps);
  return deps.translations.for(language, timeZone).t('wordpress.untitled');
}
