// The state one import carries through its two passes: the transaction, the site the ids belong to,
// the report being written, and the uploads folder the files come from.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { iso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { sha256 } from '../../platform/ids.ts';
import type { ReportKind, ImportReport } from './wordpress-report.ts';
import * as repo from './wordpress.repository.ts';
import type { LegacyPath } from './wordpress-urls.ts';

export interface ImportRun {
  db: Db;
  clock: Clock;
  now: Date;
  source: string;
  report: ImportReport;
  uploadsDir: string | undefined;
  /** Relative paths under the uploads folder to copy once the transaction has committed. */
  copies: Set<string>;
  keptUrls: Set<string>;
  /** Category slug -> its parent's slug, for nesting once every category is known. */
  categoryParents: Map<string, string>;
  /** "author login" / "tag slug" / "category slug" -> Dateline id, for the items that name them (bounded). */
  resolved: Map<string, string>;
}

export const MEDIA_PREFIX = '/media/wordpress/';

/** A stable fingerprint of what was imported, to leave unchanged things alone on the next run. */
export const fingerprint = (value: unknown): string => sha256(JSON.stringify(value));

export function count(run: ImportRun, kind: ReportKind, outcome: 'created' | 'updated' | 'unchanged' | 'skipped'): void {
  run.report.counts[kind][outcome]++;
}

export function skip(run: ImportRun, kind: ReportKind | 'term' | 'item', id: string, reason: string): void {
  if (kind !== 'term' && kind !== 'item') count(run, kind, 'skipped');
  run.report.skipped.push({ kind, id, reason });
}

export function note(run: ImportRun, text: string): void {
  run.report.notes.push(text);
}

/**
 * Where a WordPress uploads URL lives after the import: under /media/wordpress/ when the file is in
 * --uploads-dir (copied after commit), otherwise the URL itself, listed in the report.
 */
export function rewriteUpload(run: ImportRun, url: string): string {
  const m = /\/wp-content\/uploads\/([^?#]+)/.exec(url);
  if (run.uploadsDir && m) {
    const relative = path.posix.normalize(m[1].split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } }).join('/'));
    const file = path.join(run.uploadsDir, relative);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative) && file.startsWith(path.resolve(run.uploadsDir) + path.sep);
    if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) {
      run.copies.add(relative);
      return MEDIA_PREFIX + relative.split('/').map(encodeURIComponent).join('/');
    }
  }
  run.keptUrls.add(url);
  return url;
}

type MappingInput = Omit<repo.Mapping, 'source' | 'imported_at' | 'url' | 'label' | 'parent_wp_id' | 'wp_status' | 'guid'> & Partial<repo.Mapping>;

/** The row that records the Dateline home of a WordPress thing, for the next run to match. */
export const mapping = (run: ImportRun, row: MappingInput): repo.Mapping => ({
  source: run.source, guid: '', url: '', label: '', parent_wp_id: '', wp_status: '', imported_at: iso(run.now), ...row,
});

/** Records the Dateline home of a WordPress thing, for the next run to match. */
export async function remember(run: ImportRun, row: MappingInput): Promise<void> {
  await repo.saveMapping(run.db, mapping(run, row));
}

/** Points old addresses at a new one. */
export async function claimPaths(run: ImportRun, paths: LegacyPath[], target: string, owner: { kind: string; wpId: string }): Promise<void> {
  await repo.claimLegacyUrls(run.db, paths.map((p) => ({ path: p.path, target, priority: p.priority, owner: { source: run.source, kind: owner.kind, wpId: owner.wpId } })));
}

/** Cleans a one-line name: no tags, no control characters, single spaces, at most `max` characters. */
export function oneLine(text: string, max: number): { text: string; cut: boolean } {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return { text: clean, cut: false };
  return { text: `${clean.slice(0, max - 1).trimEnd()}…`, cut: true };
}

/** WordPress's "YYYY-MM-DD HH:MM:SS" (GMT, or local taken as UTC), never its zero date. */
export function wpDate(...candidates: string[]): Date | undefined {
  for (const c of candidates) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(c ?? '');
    if (m && m[1] !== '0000') {
      const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
      if (!Number.isNaN(d.getTime())) return d;
    }
    if (c && !m && /[A-Za-z]{3}, \d/.test(c)) {
      const d = new Date(c);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return undefined;
}

/** A WordPress slug (often percent-encoded for non-Latin text) decoded. */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug.trim());
  } catch {
    return slug.trim();
  }
}
