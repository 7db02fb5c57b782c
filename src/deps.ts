// Composition root: picks the adapters (SQLite or PostgreSQL, memory or Redis) the configuration asks for.
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Db, type DbOptions, type Dialect } from './platform/db/database.ts';
import { FragmentCache } from './platform/cache/fragment-cache.ts';
import { PageCache } from './platform/cache/page-cache.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { MailOutbox } from './platform/mail/outbox.ts';
import { ImageGate, type ImageGateOptions } from './platform/images/image-gate.ts';
import { configureSharp } from './platform/images/photo.ts';
import type { RemoteFetchPolicy } from './platform/net/remote-fetch.ts';
import { Translations } from './platform/i18n/translator.ts';
import type { DiscussionRead } from './modules/comments/index.ts';

export interface Deps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  logger: Logger;
  pageCache: PageCache;
  /** Rendered comments by everything they are made of, for pages the render cache misses (FRAGMENT_CACHE_MB). */
  fragments: FragmentCache;
  /** What each page of a discussion reads, by the discussion's revision (a quarter of FRAGMENT_CACHE_MB). */
  discussions: FragmentCache<DiscussionRead>;
  /** Present in scale-out mode: shared rate limits and cache invalidation. */
  redis: Redis | undefined;
  mailer: Mailer;
  /** Sends queued mail after commit; main.ts starts it, tests start it when they read mail. */
  mailOutbox: MailOutbox;
  /** Bounds how many photos are decoded at once (uploads and images copied from other sites). */
  imageGate: ImageGate;
  /** How images named by an https:// address in an article are fetched to be copied into the media library. */
  remoteImages: RemoteFetchPolicy;
  /** The message catalogues: a translator for each language the site, an article or a person speaks. */
  translations: Translations;
  close(): Promise<void>;
}

export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  db?: DbOptions;
  /** Tests shorten the wait for a photo slot to see the 503. */
  imageGate?: Partial<ImageGateOptions>;
  /**
   * Tests only: a local HTTPS server's certificate, the loopback addresses it listens on, a made-up resolver.
   * Deliberately not reachable from configuration: production never fetches from non-public addresses.
   */
  remoteImages?: Partial<Pick<RemoteFetchPolicy, 'allowAddress' | 'ca' | 'resolve' | 'timeoutMs'>>;
  /** Folders of catalogues beside the shipped ones (tests add a right-to-left one). */
  localesDirs?: string[];
}

/** Builds everything the app needs from the configuration. */
export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? pino({ level: config.logLevel });
  const db = openDatabase(config.database, { poolSize: config.databasePoolSize, ...overrides.db });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 })
    : undefined;
  let subscriber: Redis | undefined;
  if (redis) {
    await redis.connect();
    subscriber = redis.duplicate();
  }
  // A short ceiling on a page's life in memory bounds staleness if an invalidation message is ever lost.
  const pageCache = new PageCache(
    { enabled: config.pageCache, maxBytes: config.pageCacheBytes, maxAgeMs: redis ? 60_000 : 3_600_000 },
    redis,
  );
  if (subscriber) await pageCache.listen(subscriber);
  // A change makes a fragment a new key; a site-wide change (an import, a restore) empties them all, everywhere.
  const fragments = new FragmentCache({
    maxBytes: config.fragmentCacheBytes,
    maxAgeMs: pageCache.maxAgeMs,
    era: () => pageCache.siteWideChanges,
  });
  // A revision names everything a page's read is made of; a restore, which may bring back an old revision, is a
  // site-wide change.
  const discussions = new FragmentCache<DiscussionRead>({
    maxBytes: config.fragmentCacheBytes / 4,
    maxAgeMs: pageCache.maxAgeMs,
    era: () => pageCache.siteWideChanges,
    // Objects take about twice their JSON in memory: strings of one or two bytes a character, and the objects around.
    bytesOf: (read) => 2 * JSON.stringify(read).length,
  });
  const dialect = config.database.dialect;
  const clock = overrides.clock ?? systemClock;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  const mailOutbox = new MailOutbox({ db, dialect, mailer, clock, logger });
  configureSharp();
  // A photo waits up to 30 s for a slot; eight may wait, a ninth is told to come back.
  const imageGate = new ImageGate({
    slots: config.mediaConcurrency,
    maxWaiting: 8,
    maxWaitMs: 30_000,
    ...overrides.imageGate,
  });
  const remoteImages: RemoteFetchPolicy = {
    maxBytes: config.mediaMaxBytes,
    timeoutMs: 10_000,
    maxRedirects: 3,
    ...overrides.remoteImages,
  };
  return {
    config,
    db,
    dialect,
    clock,
    logger,
    pageCache,
    fragments,
    discussions,
    redis,
    mailer,
    mailOutbox,
    imageGate,
    remoteImages,
    translations: new Translations([
      ...(config.localesDir ? [config.localesDir] : []),
      ...(overrides.localesDirs ?? []),
    ]),
    async close() {
      await mailOutbox.stop();
      await pageCache.close();
      if (redis) await redis.quit().catch(() => undefined);
      await db.destroy();
    },
  };
}
