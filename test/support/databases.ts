// Test databases: a fresh SQLite file, and (when TEST_DATABASE_URL is set) a fresh PostgreSQL schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { migrate } from '../../src/platform/db/database.ts';
import { updateSettings, type ModerationSettings } from '../../src/modules/settings/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { DepsOverrides } from '../../src/deps.ts';
import pino from 'pino';

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when the suite is pointed at a server. */
export const dialects: TestDialect[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])];

export const redisUrl = process.env.TEST_REDIS_URL;

export interface TestDb {
  env: Record<string, string>;
  /** For PostgreSQL: the schema this test works in. */
  searchPath?: string;
  tmpDir: string;
  drop(): Promise<void>;
}

/** Makes an empty database for one test file and says how to reach it. */
export async function createTestDb(dialect: TestDialect): Promise<TestDb> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-test-'));
  const media = path.join(tmpDir, 'media');
  if (dialect === 'sqlite') {
    return {
      env: { DATABASE_URL: `sqlite:${path.join(tmpDir, 'test.sqlite')}`, MEDIA_DIR: media },
      tmpDir,
      drop: async () => fs.rmSync(tmpDir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `dl_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    env: { DATABASE_URL: url, MEDIA_DIR: media },
    searchPath: schema,
    tmpDir,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export interface TestDepsOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** 'defaults' keeps the product's moderation rules; otherwise the rules below are off. */
  moderation?: 'defaults' | 'relaxed';
  /** A logger to read what the app logs (silent otherwise). */
  logger?: pino.Logger;
  /** How article images on other sites are fetched: a local HTTPS server's certificate and address. */
  remoteImages?: DepsOverrides['remoteImages'];
  /** Folders of message catalogues beside the shipped ones. */
  localesDirs?: string[];
}

/**
 * Moderation rules that judge a reader by how fast and how often they post, or by whether they posted before.
 * Off in tests, the way COMMENT_RATE_LIMIT is, since tests post quickly as the same reader; the moderation tests
 * turn each one on.
 */
export const relaxedModeration: Partial<ModerationSettings> = {
  holdFirstComments: false,
  floodSeconds: 0,
  duplicateWindowMinutes: 0,
  minTypingSeconds: 0,
};

/** Dependencies on a migrated test database; rate limits and the rules in relaxedModeration off unless a test turns them on. */
export async function createTestDeps(
  db: TestDb,
  options: TestDepsOptions = {},
): Promise<{ deps: Deps; config: Config }> {
  const config = loadConfig({
    COMMENT_RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://news.test',
    DEMO_CONTENT: 'off',
    ...db.env,
    ...options.env,
  });
  const deps = await buildDeps(config, {
    clock: options.clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    remoteImages: options.remoteImages,
    localesDirs: options.localesDirs,
    db: { searchPath: db.searchPath, poolSize: 5 },
  });
  await migrate(deps.db, deps.dialect);
  if (options.moderation !== 'defaults') await updateSettings(deps, relaxedModeration);
  return { deps, config };
}

/**
 * One fresh database for a describe block: made with its deps before the block's tests, closed and dropped
 * after them. `ready` hands both to the block's own variables.
 */
export function useTestDeps(
  dialect: TestDialect,
  options: TestDepsOptions,
  ready: (made: { db: TestDb; deps: Deps }) => void,
): void {
  let made: { db: TestDb; deps: Deps } | undefined;
  before(async () => {
    const db = await createTestDb(dialect);
    made = { db, deps: (await createTestDeps(db, options)).deps };
    ready(made);
  });
  after(async () => {
    await made?.deps.close();
    await made?.db.drop();
  });
}
