// The corpora from outside the project (`testdata/` and `reference/` of the shared folder): read in place, never
// copied in. The folder is DATELINE_SHARED_DIR (relative to the project root, or absolute), by default `../shared`
// beside the project. Where a corpus is absent (a clone of the project alone), the tests that read it skip with a
// visible reason and fixtures of our own in test/ cover the same behaviour; with DATELINE_SHARED_REQUIRED=1
// (.ci/run) a missing corpus fails instead.
import fs from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The shared folder this run reads from. */
export const SHARED_DIR = path.resolve(projectRoot, process.env.DATELINE_SHARED_DIR || '../shared');

export interface SharedCorpus {
  /** A file or folder inside the corpus, as an absolute path. */
  file(...parts: string[]): string;
  /** node:test's `skip` option: false when the corpus is here, otherwise why its tests do not run. */
  skip: string | false;
}

/** One folder of the shared corpora, e.g. sharedCorpus('testdata/naughty-strings'). */
export function sharedCorpus(folder: string): SharedCorpus {
  const dir = path.join(SHARED_DIR, folder);
  const present = fs.existsSync(dir);
  if (!present && process.env.DATELINE_SHARED_REQUIRED === '1') {
    throw new Error(`The shared corpus ${dir} is missing, and DATELINE_SHARED_REQUIRED=1 says this run must have it.`);
  }
  return {
    file: (...parts) => path.join(dir, ...parts),
    skip: present
      ? false
      : `the outside corpus ${folder} is not at ${dir} (set DATELINE_SHARED_DIR); our own fixtures cover this`,
  };
}
