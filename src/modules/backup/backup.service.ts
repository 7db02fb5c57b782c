// The use cases: the whole site as one JSON document (for backups and other tools), and that document
// restored into an empty site in one transaction. The format is described in README ("Backups as JSON").
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import { readSnapshot } from '../../platform/db/snapshot.ts';
import { AppError } from '../../platform/errors.ts';
import { safeAddress, sanitizeArticleHtml, sanitizeCommentHtml } from '../../platform/html/sanitizer.ts';
import { StreamWriter } from '../../platform/stream-writer.ts';
import * as repo from './backup.repository.ts';
import { reindexArticles, retuneSearch } from '../articles/index.ts';
import { getSettings } from '../settings/index.ts';

export const BACKUP_FORMAT = 'dateline-backup';
export const BACKUP_VERSION = 1;
const PAGE = 500;

export interface BackupExportInput {
  out: Writable;
}

export interface BackupImportInput {
  /** A file written by exportBackup. */
  file: string;
}

/** Rows per table. */
export type BackupCounts = Record<string, number>;

/**
 * Writes every table of the site but secrets (password hashes, tokens, sessions) as JSON to `out`, a page
 * at a time, all from one snapshot of the database.
 */
export async function exportBackup(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>,
  input: BackupExportInput,
): Promise<BackupCounts> {
  return readSnapshot(deps.db, deps.dialect, (db) => writeBackup({ ...deps, db }, input));
}

async function writeBackup(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: BackupExportInput,
): Promise<BackupCounts> {
  const w = new StreamWriter(input.out);
  const counts: BackupCounts = {};
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: deps.clock.now().toISOString(),
    publicUrl: deps.config.publicUrl,
  };
  await w.write(`${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "tables": {`);
  for (const [t, table] of repo.BACKUP_TABLES.entries()) {
    await w.write(`${t ? ',' : ''}\n    ${JSON.stringify(table.name)}: [`);
    let n = 0;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await repo.listRows(deps.db, { table: table.name, order: table.order, offset, limit: PAGE });
      for (const row of rows) {
        if (table.name === 'users') delete row.password_hash;
        for (const column of table.own ?? []) delete row[column];
        await w.write(`${n++ ? ',' : ''}\n      ${JSON.stringify(row)}`);
      }
      if (rows.length < PAGE) break;
    }
    await w.write(n ? '\n    ]' : ']');
    counts[table.name] = n;
  }
  await w.write('\n  }\n}\n');
  return counts;
}

/**
 * A backup refused before anything is written: `reason` picks the catalogue's sentence (errors.backup_invalid), and
 * `detail` is the JSON parser's or the database's own words, quoted as they are.
 */
const invalid = (
  file: string,
  why: { reason: string; message: string; table?: string; row?: string; version?: string; detail?: string },
) => {
  const { reason, message, ...values } = why;
  return new AppError({
    status: 422,
    code: 'backup_invalid',
    message: `${file}: ${message}. Nothing was restored.`,
    values: {
      file,
      reason,
      table: '',
      row: '',
      version: '',
      detail: '',
      expected: BACKUP_VERSION,
      format: BACKUP_FORMAT,
      ...values,
    },
  });
};

/** Reads and checks a backup file; the tables it holds, by name. */
function readBackup(file: string): Map<repo.BackupTable, Record<string, unknown>[]> {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new AppError({
      status: 422,
      code: 'backup_missing',
      message: `The file ${file} does not exist or is not a file.`,
      values: { file },
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const detail = (error as Error).message;
    throw invalid(file, { reason: 'not_json', message: `not JSON (${detail})`, detail });
  }
  const d = doc as { format?: unknown; version?: unknown; tables?: unknown };
  if (typeof doc !== 'object' || doc === null || d.format !== BACKUP_FORMAT)
    throw invalid(file, { reason: 'not_backup', message: `not a Dateline backup (no "format": "${BACKUP_FORMAT}")` });
  if (d.version !== BACKUP_VERSION)
    throw invalid(file, {
      reason: 'version',
      message: `backup format version ${JSON.stringify(d.version)}; this Dateline reads version ${BACKUP_VERSION}`,
      version: String(JSON.stringify(d.version)),
    });
  if (typeof d.tables !== 'object' || d.tables === null || Array.isArray(d.tables))
    throw invalid(file, { reason: 'no_tables', message: 'no "tables" object' });
  const known = new Set<string>(repo.BACKUP_TABLES.map((t) => t.name));
  const tables = new Map<repo.BackupTable, Record<string, unknown>[]>();
  for (const [name, rows] of Object.entries(d.tables)) {
    if (!known.has(name))
      throw invalid(file, {
        reason: 'unknown_table',
        message: `a table "${name}" that Dateline does not back up`,
        table: name,
      });
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
      throw invalid(file, { reason: 'not_rows', message: `the table "${name}" is not a list of rows`, table: name });
    }
    tables.set(name as repo.BackupTable, rows);
  }
  return tables;
}

// What a page shows of a stored row as markup or as an address passes the one sanitizer on the way in, as
// it would had it been written at the desk or in a comment form: a crafted backup puts no script on a page.
// Clean values come out of the sanitizer unchanged, so a backup of a restored site is the same document.
const CLEANERS: Partial<Record<repo.BackupTable, Record<string, (value: string) => string>>> = {
  articles: { body_html: sanitizeArticleHtml, image_url: (v) => safeAddress(v, { sitePaths: true }) },
  comments: { body_html: sanitizeCommentHtml, author_url: (v) => safeAddress(v, { sitePaths: false }) },
  users: { photo_url: (v) => safeAddress(v, { sitePaths: true }) },
};

function clean(table: repo.BackupTable, row: Record<string, unknown>): void {
  for (const [column, cleaner] of Object.entries(CLEANERS[table] ?? {})) {
    if (typeof row[column] === 'string') row[column] = cleaner(row[column]);
  }
}

/** Restores a backup into an empty site in one transaction: all of it, or nothing. Returns rows per table. */
export async function importBackup(
  deps: Pick<Deps, 'db' | 'dialect' | 'pageCache'>,
  input: BackupImportInput,
): Promise<BackupCounts> {
  const tables = readBackup(input.file);
  const counts: BackupCounts = {};
  await deps.db.transaction().execute(async (trx) => {
    const present = Object.entries(await repo.countContent(trx)).filter(([, n]) => n > 0);
    if (present.length) {
      // The table names are data (the backup's own words), so the counts stay as they are in every language.
      const counts = present.map(([t, n]) => `${n} ${t}`).join(', ');
      throw new AppError({
        status: 409,
        code: 'site_not_empty',
        message: `The site is not empty (${counts}): a backup is restored only into a new, empty database. Nothing was restored.`,
        values: { counts },
      });
    }
    // A new site may have saved its defaults already; the backup's settings replace them.
    await repo.deleteSettings(trx);
    const pins: { id: string; at: string }[] = [];
    for (const { name, own } of repo.BACKUP_TABLES) {
      const rows = tables.get(name) ?? [];
      const parents: [string, string][] = [];
      for (const [i, source] of rows.entries()) {
        const row = { ...source };
        if (name === 'users') row.password_hash = null;
        // Backups written before preview links had their own table carry the raw secret: links do not survive a restore.
        if (name === 'articles') delete row.preview_token;
        for (const column of own ?? []) delete row[column];
        // The database counts the comments as they go in after their articles (its triggers): from zero.
        if (name === 'articles') delete row.comment_count;
        // Backups written before the front page was arranged carry pins: each becomes a top story, in the pins' order.
        if (name === 'articles' && 'sticky' in row) {
          if (Number(row.sticky) === 1 && !tables.has('front_page_slots'))
            pins.push({ id: String(row.id), at: String(row.published_at ?? row.updated_at ?? '') });
          delete row.sticky;
        }
        clean(name, row);
        if (name === 'sections' && typeof row.parent_id === 'string') {
          parents.push([String(row.id), row.parent_id]);
          row.parent_id = null;
        }
        try {
          await repo.insertRow(trx, name, row);
        } catch (error) {
          const detail = (error as Error).message.split('\n')[0];
          throw invalid(input.file, {
            reason: 'row_misfit',
            message: `row ${i + 1} of "${name}" does not fit this database (${detail})`,
            table: name,
            row: String(i + 1),
            detail,
          });
        }
      }
      for (const [id, parentId] of parents) await repo.setSectionParent(trx, id, parentId);
      if (name === 'articles') {
        pins.sort((x, y) => y.at.localeCompare(x.at));
        for (const [position, pin] of pins.entries())
          await repo.insertRow(trx, 'front_page_slots', { article_id: pin.id, position, placed_at: pin.at });
      }
      counts[name] = rows.length;
    }
    // The search index is derived, so a backup does not carry it: it is made again from the restored articles.
    await reindexArticles(trx);
  });
  await retuneSearch(deps, (await getSettings(deps)).language);
  await deps.pageCache.invalidate(['*']);
  return counts;
}
