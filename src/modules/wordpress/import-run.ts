// The state one import carries through its passes: the database it writes to, the site the ids belong
// to, the report being written, and the uploads folder the files come from.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { iso } from '../../platform/clock.ts';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { ImageAttributes } from '../../platform/html/sanitizer.ts';
import type { ImportedCommentCounts } from '../comments/index.ts';
import { describeImportedImage, mediaUrlOf, type ImportedImage } from '../media/index.ts';
import type { DetailValues, ImportReport, Note, ReportKind, Skipped } from './wordpress-report.ts';
import * as repo from './wordpress.repository.ts';
import { isSafeTarget, isServedPath, type LegacyPath } from './wordpress-urls.ts';
import { originalOf, uploadAddresses, type UploadAddress } from './wordpress-uploads.ts';

export interface ImportRun {
  /** The open transaction (on SQLite a new one for every batch). */
  readonly db: Db;
  readonly dialect: Dialect;
  clock: Clock;
  now: Date;
  source: string;
  /** The old site's scheme and host, for upload addresses written without them. */
  origin: string;
  report: ImportReport;
  uploadsDir: string | undefined;
  /** Files under the uploads folder to copy once the rows that name them have committed. */
  copies: Set<string>;
  /** What the copied pictures become in the media library, by their place there (null: not a photo, copied as it is). */
  images: Map<string, ImportedImage | null>;
  keptUrls: Set<string>;
  /** First path segments the site serves: no old address under them becomes a redirect. */
  served: ReadonlySet<string>;
  /** Category slug -> its parent's slug, for nesting once every category is known. */
  categoryParents: Map<string, string>;
  /** "author login" / "tag slug" / "category slug" -> Dateline id, for the items that name them (bounded). */
  resolved: Map<string, string>;
  /** The headline of a post without a title, in the site's language. */
  untitled: string;
  /** The comments created, counted once before the commit (PostgreSQL only; see importedCommentCounts). */
  commentCounts: ImportedCommentCounts | undefined;
}

export const MEDIA_FOLDER = 'wordpress';

export function count(
  run: ImportRun,
  kind: ReportKind,
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped',
): void {
  run.report.counts[kind][outcome]++;
}

/** Records an item left out of the import: what kind it is, its WordPress id, and why (a code and its values). */
export function skip(run: ImportRun, skipped: Omit<Skipped, 'values'> & { values?: DetailValues }): void {
  if (skipped.kind !== 'term' && skipped.kind !== 'item') count(run, skipped.kind, 'skipped');
  run.report.skipped.push({ ...skipped, values: skipped.values ?? {} });
}

/** Records something brought over but changed on the way: what it is about, a code and its values. */
export function note(run: ImportRun, noted: Omit<Note, 'values'> & { values?: DetailValues }): void {
  run.report.notes.push({ ...noted, values: noted.values ?? {} });
}

/** The file under the uploads folder an address names, its original first when it names a resized variant. */
function findUpload(run: ImportRun, relative: string): string | undefined {
  const root = path.resolve(run.uploadsDir!);
  for (const candidate of [originalOf(relative), relative]) {
    if (!candidate) continue;
    const normal = path.posix.normalize(candidate);
    const file = path.join(root, normal);
    if (normal.startsWith('..') || path.isAbsolute(normal) || !file.startsWith(root + path.sep)) continue;
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return normal;
  }
  return undefined;
}

/**
 * Where an upload lives after the import: under /media/wordpress/ when its file (or, for a resized variant,
 * its original) is in --uploads-dir, copied after commit; otherwise at its old address made absolute, listed
 * in the report.
 */
export function placeUpload(run: ImportRun, address: UploadAddress): string {
  const found = run.uploadsDir ? findUpload(run, address.relative) : undefined;
  if (found) {
    run.copies.add(found);
    return mediaUrlOf(`${MEDIA_FOLDER}/${found}`);
  }
  run.keptUrls.add(address.absolute);
  return address.absolute;
}

/** Where a file named by its full address (an attachment's) lives after the import. */
export function placeFile(run: ImportRun, url: string): string {
  const [address] = uploadAddresses(url, run.origin);
  if (address && address.written === url.trim()) return placeUpload(run, address);
  run.keptUrls.add(url);
  return url;
}

/** Size and responsive sizes of the copied pictures among these addresses, by address: read once a run. */
export async function describeImages(run: ImportRun, urls: string[]): Promise<Map<string, ImageAttributes>> {
  const out = new Map<string, ImageAttributes>();
  const prefix = mediaUrlOf(MEDIA_FOLDER);
  for (const url of urls) {
    if (!run.uploadsDir || !url.startsWith(`${prefix}/`)) continue;
    const relative = url
      .slice(prefix.length + 1)
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    const place = `${MEDIA_FOLDER}/${relative}`;
    if (!run.images.has(place)) {
      if (run.images.size >= 10_000) run.images.clear();
      run.images.set(place, (await describeImportedImage(path.join(run.uploadsDir, relative), place)) ?? null);
    }
    const image = run.images.get(place);
    if (image) out.set(url, image);
  }
  return out;
}

type MappingInput = Omit<
  repo.Mapping,
  'source' | 'imported_at' | 'url' | 'label' | 'parent_wp_id' | 'wp_status' | 'guid'
> &
  Partial<repo.Mapping>;

/** The row that records the Dateline home of a WordPress thing, for the next run to match. */
export const mapping = (run: ImportRun, row: MappingInput): repo.Mapping => ({
  source: run.source,
  guid: '',
  url: '',
  label: '',
  parent_wp_id: '',
  wp_status: '',
  imported_at: iso(run.now),
  ...row,
});

/** Records the Dateline home of a WordPress thing, for the next run to match. */
export async function remember(run: ImportRun, row: MappingInput): Promise<void> {
  await repo.saveMapping(run.db, mapping(run, row), run.dialect);
}

/**
 * Points old addresses at a new one: never at another host than the old site's own uploads, and never an
 * address the site serves itself (whatever an export says its permalinks were).
 */
export async function claimPaths(run: ImportRun, claim: PathClaim): Promise<void> {
  await repo.claimLegacyUrls(run.db, legacyClaims(run, claim));
}

export interface PathClaim {
  paths: LegacyPath[];
  target: string;
  owner: { kind: string; wpId: string };
}

/** The report's subject of a claim's owner (a post, page, category, tag or attachment). */
const aboutOf = (owner: PathClaim['owner']): Note['about'] => ({ kind: owner.kind as ReportKind, id: owner.wpId });

/** claimPaths's rows without writing them, for a batch to claim at once (in the same order, with the same outcome). */
export function legacyClaims(run: ImportRun, { paths, target, owner }: PathClaim): repo.LegacyClaim[] {
  if (!isSafeTarget(target, run.source)) {
    note(run, { about: aboutOf(owner), code: 'redirect_offsite', values: { target } });
    return [];
  }
  const kept = paths.filter((p) => {
    if (!isServedPath(p.path, run.served)) return true;
    if (p.priority > 1) note(run, { about: aboutOf(owner), code: 'path_served', values: { path: p.path } });
    return false;
  });
  return kept.map((p) => ({
    path: p.path,
    target,
    priority: p.priority,
    owner: { source: run.source, kind: owner.kind, wpId: owner.wpId },
  }));
}

/** Cleans a one-line name: no tags, no control characters, single spaces, at most `max` characters. */
export function oneLine(text: string, max: number): { text: string; cut: boolean } {
  // eslint-disable-next-line no-control-regex
  const clean = text
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
