// One schema for the environment: every variable is read and checked here, all problems reported at once.
import path from 'node:path';

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly publicUrl: string;
  /** PostgreSQL connections this process keeps at most. */
  readonly databasePoolSize: number;
  readonly redisUrl: string | undefined;
  readonly mediaDir: string;
  /** Comments one address may post per window; undefined means no limit (trusted deployments, load tests). */
  readonly commentRateLimit: { max: number; windowSeconds: number } | undefined;
  readonly pageCache: boolean;
  /** The render cache's bound in bytes (PAGE_CACHE_MB): the least recently used pages go first. */
  readonly pageCacheBytes: number;
  /** The bound of the rendered comments kept apart from pages (FRAGMENT_CACHE_MB), in bytes; 0 keeps none. */
  readonly fragmentCacheBytes: number;
  readonly demoContent: boolean;
  readonly trustProxy: boolean;
  readonly logLevel: string;
  /** smtp(s)://user:pass@host:port; without it, mail (password links) is written to the log. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Largest image upload accepted, in bytes. */
  readonly mediaMaxBytes: number;
  /** Largest photo accepted, in pixels (width × height), checked from its header before anything is decoded. */
  readonly mediaMaxPixels: number;
  /** Photos decoded at once; more wait their turn (bounded) or are told to retry. */
  readonly mediaConcurrency: number;
  /** Largest WordPress export accepted by the desk's import page, in bytes (the CLI has no limit). */
  readonly importMaxBytes: number;
  /** Days a private preview link works, unless the article is published, unpublished or trashed first. */
  readonly previewLinkDays: number;
  /** A folder of message catalogues (`<language>.json`) the newsroom keeps outside the code: added to the shipped ones, key by key. */
  readonly localesDir: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the configuration from environment variables; throws ConfigError naming every bad value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const port = parsePort(value('PORT') ?? '3000', problems);
  const host = value('HOST') ?? '127.0.0.1';
  const database = parseDatabaseUrl(value('DATABASE_URL'), cwd, problems);
  const publicUrl = parsePublicUrl(value('PUBLIC_URL'), { host, port }, problems);
  const poolSize = value('DATABASE_POOL_SIZE') ?? '10';
  if (!/^\d{1,3}$/.test(poolSize) || Number(poolSize) < 1 || Number(poolSize) > 200) {
    problems.push(`DATABASE_POOL_SIZE must be a whole number of connections from 1 to 200 (got "${poolSize}")`);
  }
  const databasePoolSize = Number(poolSize);
  const redisUrl = value('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  }
  const mediaDir = path.resolve(cwd, value('MEDIA_DIR') ?? 'data/media');
  const commentRateLimit = parseRateLimit(value('COMMENT_RATE_LIMIT') ?? '5/60', problems);
  const pageCache = parseSwitch('PAGE_CACHE', value('PAGE_CACHE') ?? 'on', problems);
  const cacheMb = value('PAGE_CACHE_MB') ?? '64';
  if (!/^\d{1,5}$/.test(cacheMb) || Number(cacheMb) < 1)
    problems.push(`PAGE_CACHE_MB must be a whole number of megabytes, 1 or more (got "${cacheMb}")`);
  const pageCacheBytes = Number(cacheMb) * 1024 * 1024;
  const fragmentMb = value('FRAGMENT_CACHE_MB') ?? '16';
  if (!/^\d{1,5}$/.test(fragmentMb))
    problems.push(`FRAGMENT_CACHE_MB must be a whole number of megabytes, 0 or more (got "${fragmentMb}")`);
  const fragmentCacheBytes = Number(fragmentMb) * 1024 * 1024;
  const demoContent = parseSwitch('DEMO_CONTENT', value('DEMO_CONTENT') ?? 'on', problems);
  const trustProxy = parseSwitch('TRUST_PROXY', value('TRUST_PROXY') ?? 'off', problems);
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);

  const smtpUrl = value('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    problems.push(`SMTP_URL must start with smtp:// or smtps:// (got "${smtpUrl}")`);
  const mailFrom = value('MAIL_FROM') ?? `Dateline <no-reply@${safeHost(publicUrl)}>`;
  const maxMb = value('MEDIA_MAX_MB') ?? '15';
  if (!/^\d{1,4}$/.test(maxMb) || Number(maxMb) < 1)
    problems.push(`MEDIA_MAX_MB must be a whole number of megabytes, 1 or more (got "${maxMb}")`);
  const mediaMaxBytes = Number(maxMb) * 1024 * 1024;
  const maxMegapixels = value('MEDIA_MAX_MEGAPIXELS') ?? '40';
  if (!/^\d{1,4}$/.test(maxMegapixels) || Number(maxMegapixels) < 1) {
    problems.push(`MEDIA_MAX_MEGAPIXELS must be a whole number of megapixels, 1 or more (got "${maxMegapixels}")`);
  }
  const mediaMaxPixels = Number(maxMegapixels) * 1_000_000;
  const concurrency = value('MEDIA_CONCURRENCY') ?? '2';
  if (!/^\d{1,2}$/.test(concurrency) || Number(concurrency) < 1)
    problems.push(`MEDIA_CONCURRENCY must be a whole number from 1 to 99 (got "${concurrency}")`);
  const mediaConcurrency = Number(concurrency);
  const importMb = value('IMPORT_MAX_MB') ?? '256';
  if (!/^\d{1,5}$/.test(importMb) || Number(importMb) < 1)
    problems.push(`IMPORT_MAX_MB must be a whole number of megabytes, 1 or more (got "${importMb}")`);
  const importMaxBytes = Number(importMb) * 1024 * 1024;
  const previewDays = value('PREVIEW_LINK_DAYS') ?? '7';
  if (!/^\d{1,3}$/.test(previewDays) || Number(previewDays) < 1 || Number(previewDays) > 365) {
    problems.push(`PREVIEW_LINK_DAYS must be a whole number of days from 1 to 365 (got "${previewDays}")`);
  }
  const previewLinkDays = Number(previewDays);
  const locales = value('LOCALES_DIR');
  const localesDir = locales === undefined ? undefined : path.resolve(cwd, locales);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    database,
    databasePoolSize,
    publicUrl,
    redisUrl,
    mediaDir,
    commentRateLimit,
    pageCache,
    pageCacheBytes,
    fragmentCacheBytes,
    demoContent,
    trustProxy,
    logLevel,
    smtpUrl,
    mailFrom,
    mediaMaxBytes,
    mediaMaxPixels,
    mediaConcurrency,
    importMaxBytes,
    previewLinkDays,
    localesDir,
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

function parsePort(raw: string, problems: string[]): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
    return 0;
  }
  return n;
}

function parseDatabaseUrl(raw: string | undefined, cwd: string, problems: string[]): DatabaseConfig {
  if (raw === undefined) return { dialect: 'sqlite', file: path.resolve(cwd, 'data/dateline.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') problems.push('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/site.sqlite');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      problems.push(`DATABASE_URL is not a valid postgres:// URL (got "${raw}")`);
    }
    return { dialect: 'postgres', url: raw };
  }
  problems.push(`DATABASE_URL must be sqlite:PATH or postgres://USER@HOST:PORT/DB (got "${raw}")`);
  return { dialect: 'sqlite', file: '' };
}

function parsePublicUrl(raw: string | undefined, listen: { host: string; port: number }, problems: string[]): string {
  const { host, port } = listen;
  if (raw === undefined) return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://news.example.org (got "${raw}")`);
    return '';
  }
}

function parseRateLimit(raw: string, problems: string[]): Config['commentRateLimit'] {
  if (raw === 'off') return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    problems.push(`COMMENT_RATE_LIMIT must be MAX/SECONDS such as 5/60, or off (got "${raw}")`);
    return undefined;
  }
  return { max: Number(m[1]), windowSeconds: Number(m[2]) };
}

function parseSwitch(name: string, raw: string, problems: string[]): boolean {
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be on or off (got "${raw}")`);
  return false;
}
