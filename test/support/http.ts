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
    app,
    deps,
    db,
    async close() {
      await app.close();
      await deps.close();
      await db.drop();
    },
  };
}

/** A form POST as a browser on the same site sends it. */
export const formHeaders = {
  'content-type': 'application/x-www-form-urlencoded',
  'sec-fetch-site': 'same-origin',
  origin: 'http://news.test',
};

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A multipart body as a browser sends a form with one file. */
export function multipart(
  fields: Record<string, string | string[]>,
  file?: { name: string; type: string; bytes: Buffer; field?: string },
) {
  const boundary = `----dateline${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const one of [v].flat())
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
