// The outside corpora (../shared/testdata beside the project, or DATELINE_SHARED_DIR): read in place, never copied.
// A clone of the project alone has none, and the tests that need them skip with the reason this gives.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared folder: DATELINE_SHARED_DIR when set, else ../shared from the project's root. */
export const sharedDir = (): string => path.resolve(PROJECT_ROOT, process.env.DATELINE_SHARED_DIR ?? '../shared');

/** A folder or file under the shared test data, or a reason to skip when it is not there. */
export function sharedTestdata(...parts: string[]): { path: string; skip: false } | { path: undefined; skip: string } {
  const where = path.join(sharedDir(), 'testdata', ...parts);
  return fs.existsSync(where)
    ? { path: where, skip: false }
    : { path: undefined, skip: `${path.join('testdata', ...parts)} is not in ${sharedDir()} (set DATELINE_SHARED_DIR to the shared folder)` };
}
