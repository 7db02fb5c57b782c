import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { listSitemapFiles, listListsFile, listArticleFile, parseArticleFile } from '../src/modules/syndication/sitemap.service.ts';
import * as repo from '../src/modules/syndication/sitemap.repository.ts';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const deps = await buildDeps(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO_CONTENT: 'off' }), { logger: pino({ level: 'silent' }), db: { searchPath: 'scratch_sitemap' } });
const t = async (label: string, f: () => Promise<unknown>) => { const t0 = performance.now(); await f(); console.log(label, (performance.now() - t0).toFixed(1)); };
const publicAt = new Date().toISOString();
for (let i = 0; i < 2; i++) {
await t('months', () => repo.listArticleMonths(deps.db, { publicAt, fixedBytes: 1050 }));
await t('lists count', () => repo.countPublicLists(deps.db, publicAt)); await t('lists page', () => repo.listPublicLists(deps.db, { publicAt, limit: 20000, offset: 0 }));
await t('last change', () => repo.findLastChange(deps.db, publicAt));
await t('news', () => repo.listRecentArticles(deps.db, { publicAt, since: '2026-01-01', limit: 1000 }));
await t('month', () => listArticleFile(deps, parseArticleFile('articles-2025-06')!));
}
await deps.close();
