import { Migrator, type Migration } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { createTestDb } from '../test/support/databases.ts';
import { makeArticle } from '../test/support/newsroom.ts';
const db = await createTestDb('sqlite');
const deps = await buildDeps(loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://news.test', DEMO_CONTENT: 'off', ...db.env }), { logger: pino({ level: 'silent' }) });
const dir = 'src/platform/db/migrations';
const out: Record<string, Migration> = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) out[f.replace(/\.ts$/, '')] = await import(path.resolve(dir, f));
const m = new Migrator({ db: deps.db, provider: { getMigrations: async () => out } });
console.log((await m.migrateTo('2026-12-01-account-access')).error);
try { await makeArticle(deps, { headline: 'x', status: 'draft' }); } catch (e) { console.log(String(e)); }
await deps.close(); await db.drop();
