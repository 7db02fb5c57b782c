// The mirror's record of what it wrote: each file's content hash, so a second run writes only what changed and
// deletes what the site no longer has, and never touches a file it did not write.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';

export const MANIFEST_FILE = '.dateline-mirror.json';

export interface MirrorManifest {
  generator: 'dateline export static';
  publicUrl: string;
  baseUrl: string | null;
  exportedAt: string;
  /** Relative path ('/'-separated) to the sha256 of its content, in hex. */
  files: Record<string, string>;
}

/** The last run's manifest, or an empty one for a new directory; refuses a non-empty directory that is not a mirror. */
export function readManifest(dir: string): Record<string, string> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(dir)) return {};
  if (!fs.statSync(dir).isDirectory()) throw invalidDir(`${dir} is not a directory`);
  if (!fs.existsSync(file)) {
    if (fs.readdirSync(dir).length > 0)
      throw invalidDir(`${dir} is not empty and holds no mirror (${MANIFEST_FILE}); choose an empty or new directory`);
    return {};
  }
  try {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as MirrorManifest;
    if (manifest.generator !== 'dateline export static' || typeof manifest.files !== 'object')
      throw new Error('not a mirror manifest');
    return manifest.files;
  } catch (error) {
    throw invalidDir(`${file} cannot be read (${(error as Error).message}); remove the directory to export afresh`);
  }
}

export function writeManifest(dir: string, manifest: MirrorManifest): void {
  writeFileAtomically(path.join(dir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 1)));
}

/** Writes through a temporary file and a rename, so a reader of the mirror never sees half a file. */
export function writeFileAtomically(file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Deletes a file the mirror wrote, then the directories it leaves empty (up to the mirror's root). */
export function deleteWritten(dir: string, relative: string): void {
  fs.rmSync(path.join(dir, relative), { force: true });
  let parent = path.dirname(path.join(dir, relative));
  while (parent.startsWith(dir + path.sep) && fs.existsSync(parent) && fs.readdirSync(parent).length === 0) {
    fs.rmdirSync(parent);
    parent = path.dirname(parent);
  }
}

function invalidDir(message: string): AppError {
  return new AppError(400, 'mirror_directory_invalid', message);
}
