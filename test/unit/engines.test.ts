// package.json's `engines.node` must be true of every installed package: a dependency that asks for a newer
// Node than the one we promise (cookie 2 and content-disposition 3 want Node 22) fails here, not on a user's machine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

/** Installed packages (the lockfile's entries present on disk) whose engines.node excludes `node`. */
function excluding(node: string): string[] {
  const lock: { packages: Record<string, LockEntry> } = readJson('package-lock.json');
  const out: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    // The root is us; optional packages for other platforms (sharp's, fsevents) are in the lockfile but not on disk.
    if (where === '' || !fs.existsSync(path.join(root, where, 'package.json'))) continue;
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (range && !semver.satisfies(node, range)) out.push(`${where}@${entry.version} wants node ${range}`);
  }
  return out;
}

describe('engines', () => {
  const promised: string = readJson('package.json').engines.node;
  const lowest = semver.minVersion(promised)!.version;

  it('names a Node 20 line, as the project promises', () => {
    assert.ok(semver.satisfies(lowest, '20'), `engines.node ${promised} starts at ${lowest}`);
  });

  it(`every installed package accepts the lowest Node package.json allows (${lowest})`, () => {
    assert.deepEqual(excluding(lowest), []);
  });

  it(`every installed package accepts the Node running the tests (${process.versions.node})`, () => {
    assert.ok(
      semver.satisfies(process.versions.node, promised),
      `engines.node ${promised} excludes this Node ${process.versions.node}`,
    );
    assert.deepEqual(excluding(process.versions.node), []);
  });

  it('the lockfile agrees with package.json (npm ci would refuse otherwise)', () => {
    assert.deepEqual(readJson('package-lock.json').packages[''].engines, readJson('package.json').engines);
  });

  it('finds a package that excludes a Node version (the check can fail)', () => {
    assert.ok(excluding('18.0.0').length > 0, 'some installed packages need Node 20: the check must see them');
  });
});
