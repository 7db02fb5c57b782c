// A built app on a test database, for app.inject() calls and for real listening sockets.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { createTestDb, createTestDeps, type TestDb, type TestDepsOptions, type TestDialect } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  db: TestDb;
  close(): Promise<void>;
}

export async function createTestApp(dialect: TestDialect, options: TestDepsOptions = {}): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const { deps } = await createTestDeps(db, options);
  const app = await buildApp(deps);
  await app.ready();
  return {
    app, deps, db,
    async close() {
      await app.close();
      await deps.close();
      await db.drop();
    },
  };
}

/** A form POST as a browser on the same site sends it. */
export const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://news.test' };

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
