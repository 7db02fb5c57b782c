// The use case: bring a WordPress export into Dateline in one transaction, or not at all.
// Two streaming passes over the file: the first takes authors, categories, tags and attachments
// (so posts can name their featured images and galleries whatever the order), the second posts,
// pages and their discussions. A dry run does all of it and rolls back.
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import { tryLockKey } from '../../platform/db/locks.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { importAuthor, importCategory, importTag, nestCategories } from './import-terms.ts';
import { importAttachment, importPost } from './import-items.ts';
import { MEDIA_PREFIX, skip, type ImportRun } from './import-run.ts';
import { emptyReport, type ImportReport } from './wordpress-report.ts';
import * as repo from './wordpress.repository.ts';
import { basePath, matchRequest } from './wordpress-urls.ts';
import { readWxr } from './wxr-reader.ts';
import { WxrError, type WxrSite } from './wxr.ts';

export interface ImportInput {
  /** The WXR file (Tools → Export in WordPress). */
  file: string;
  /** A copy of wp-content/uploads: files found there are copied into the media folder. */
  uploadsDir?: string;
  /** Do everything, report it, write nothing. */
  dryRun?: boolean;
  /** Bytes done of bytes to do (the file is read twice). */
  onProgress?: (done: number, total: number) => void;
  /** The file's name in the report and in errors, when `file` is a temporary copy (an upload). */
  name?: string;
  /** Who started it, for the audit log (the desk); the CLI runs as the site's owner and is not audited. */
  audit?: { actor: { id: string; name: string }; ip: string };
}

class DryRunDone extends Error {}

const POST_TYPES = new Set(['post', 'page']);

/** The site's identity for matching ids on later runs: its base URL, lowercase, without a trailing slash. */
const sourceOf = (site: WxrSite) => (site.baseSiteUrl || site.baseBlogUrl || site.link || 'wordpress').trim().toLowerCase().replace(/\/+$/, '');

let running = false;

/** Whether this process is importing now: a second import waits for nothing and is refused. */
export const importRunning = (): boolean => running;

const alreadyRunning = () => new AppError(409, 'import_running', 'Another WordPress import is running. Wait for it to finish, then try again.');

// The lock that keeps a second process from importing into the same site at the same time (PostgreSQL; on
// SQLite the flag above suffices). Taken per schema: sites in other schemas of one database import freely.
export const IMPORT_LOCK_NAME = 'dateline:wordpress-import:';

/**
 * Imports a WXR file; returns the report. Throws an AppError naming the line for a broken file, having
 * changed nothing, and a 409 while another import runs (in this process, or in another on PostgreSQL).
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
    throw new AppError(422, 'uploads_dir_missing', `The uploads folder ${input.uploadsDir} does not exist or is not a folder.`);
  }
  const report = emptyReport(name, input.dryRun ?? false);
  let copies = new Set<string>();
  try {
    await deps.db.transaction().execute(async (trx) => {
      // The lock goes with the transaction: released at commit, rollback, or a lost connection.
      if (!(await tryLockKey(trx, deps.dialect, IMPORT_LOCK_NAME))) throw alreadyRunning();
      const run: ImportRun = {
        db: trx, clock: deps.clock, now: deps.clock.now(), source: '', report, uploadsDir: input.uploadsDir && path.resolve(input.uploadsDir),
        copies: new Set(), keptUrls: new Set(), categoryParents: new Map(), resolved: new Map(),
      };
      let base = '';
      for await (const record of pass(input, 0, size)) {
        if (record.type === 'site') {
          run.source = sourceOf(record.site);
          report.source = run.source;
          base = basePath(record.site.baseBlogUrl || record.site.baseSiteUrl || record.site.link);
        } else if (record.type === 'author') await importAuthor(run, record.author);
        else if (record.type === 'term') {
          const { term } = record;
          if (term.taxonomy === 'category') await importCategory(run, term);
          else if (term.taxonomy === 'post_tag') await importTag(run, term);
          else skip(run, 'term', term.slug || term.id, `in the taxonomy "${term.taxonomy}", which Dateline has no place for`);
        } else if (record.item.type === 'attachment') await importAttachment(run, record.item, base);
      }
      await nestCategories(run);
      // PostgreSQL plans this transaction's lookups with statistics from before it began, when the tables were
      // (nearly) empty; as they grow by thousands of rows, a plan that scans a kind's rows per lookup makes the
      // import quadratic. ANALYZE inside the transaction counts its own rows: a few times, at growing intervals.
      let posts = 0;
      let analyzeAt = 250;
      for await (const record of pass(input, size, size)) {
        if (record.type !== 'item' || record.item.type === 'attachment') continue;
        const { item } = record;
        if (POST_TYPES.has(item.type) || item.type === '') await importPost(run, { ...item, type: item.type || 'post' }, { base });
        else skip(run, 'item', item.id || `(line ${item.line})`, `of type "${item.type}", which Dateline has no place for`);
        if (deps.dialect === 'postgres' && ++posts === analyzeAt) {
          await repo.refreshPlannerStatistics(trx);
          analyzeAt *= 4;
        }
      }
      report.keptUrls = [...run.keptUrls];
      report.copiedFiles = run.copies.size;
      report.redirects = await repo.countLegacyUrls(trx, run.source);
      copies = run.copies;
      if (input.dryRun) throw new DryRunDone();
      if (input.audit) await recordAudit(trx, auditEntry(deps, input, report));
    });
  } catch (error) {
    if (error instanceof DryRunDone) {
      if (input.audit) await recordAudit(deps.db, auditEntry(deps, input, report));
      return report;
    }
    if (error instanceof WxrError) {
      throw new AppError(422, 'wxr_invalid', `${name}, ${error.message.replace(/\.$/, '')}. Nothing was imported.`);
    }
    throw error;
  }
  // Files are copied once the rows that name them are committed; a failed copy is reported, not undone.
  for (const relative of copies) {
    const to = path.join(deps.config.mediaDir, MEDIA_PREFIX.replace(/^\/media\//, ''), relative);
    try {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(input.uploadsDir!, relative), to);
    } catch (error) {
      report.notes.push(`could not copy ${relative}: ${(error as Error).message}`);
    }
  }
  await deps.pageCache.invalidate(['*']);
  return report;
}

function statFile(file: string, what: string, name: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new AppError(422, 'wxr_missing', `The ${what} ${name} does not exist or is not a file.`);
  return stat.size;
}

/** What the audit log keeps of an import: the file's name and the counts of what changed. */
function auditEntry(deps: Deps, input: ImportInput, report: ImportReport) {
  const changed = Object.fromEntries(Object.entries(report.counts).flatMap(([kind, t]) => (t.created || t.updated ? [[kind, { created: t.created, updated: t.updated }]] : [])));
  return {
    actor: input.audit!.actor, action: input.dryRun ? 'wordpress.import_checked' : 'wordpress.imported', subject: report.file,
    details: { source: report.source, dryRun: report.dryRun, changed, skipped: report.skipped.length }, ip: input.audit!.ip, at: deps.clock.now(),
  };
}

/** One streaming read of the file, reporting progress as a share of both passes. */
function pass(input: ImportInput, offset: number, size: number) {
  return readWxr(fs.createReadStream(input.file, { highWaterMark: 256 * 1024 }), {
    onProgress: (bytes) => input.onProgress?.(offset + bytes, size * 2),
  });
}

/** Where an old WordPress address lives now, or undefined: for the 404 path and the ?p= links. */
export async function findLegacyRedirect(deps: Pick<Deps, 'db'>, url: string): Promise<string | undefined> {
  const match = matchRequest(url);
  const target = await repo.findLegacyTarget(deps.db, match.keys);
  if (target) return match.page && !target.startsWith('/articles/') ? `${target}?page=${match.page}` : target;
  return match.siteFeed ? '/' : undefined;
}
