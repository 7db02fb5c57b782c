// Rendered pages kept in memory, dropped by tag when what they show changes, and bounded by bytes: past the bound,
// the least recently used pages go first. With Redis, every process hears every invalidation, so several app
// processes stay consistent.
import type { Redis } from 'ioredis';
import { BoundedLru } from './bounded-lru.ts';

export interface CachedPage {
  /** Encoded once, so a cache hit sends bytes without re-encoding the page. */
  body: Buffer;
  /** The body compressed with brotli and gzip, made when the page is stored, so a hit costs no compression. */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
  etag: string;
  lastModified: Date;
  /** Time-based state (a discussion closing, a scheduled article) makes a page stale at a known instant. */
  expiresAt: number;
  tags: string[];
  /** HTML when absent; feeds and sitemaps are XML. */
  contentType?: string;
  /** The response headers of each variant sent so far (encoding and hit or miss), made once (src/http/page-response.ts). */
  headers?: Partial<Record<`${'br' | 'gzip' | 'identity'}:${'hit' | 'miss'}`, Record<string, string>>>;
}

export interface PageCacheOptions {
  enabled: boolean;
  /** The most bytes the stored pages may take: bodies, their compressed copies, keys and tags. */
  maxBytes: number;
  maxAgeMs: number;
}

const CHANNEL = 'dateline:page-cache:invalidate';
/**
 * A tag no page carries, sent when only settings that no page shows changed (the moderation rules): it drops no
 * page, and tells every process that the settings it keeps in memory are stale (settingsChanges).
 */
export const SETTINGS_CHANGED = '#settings';
/** What a page costs beyond its bytes: the entry, its dates, its headers. A rough figure, on the safe side. */
const ENTRY_OVERHEAD = 1024;

/** The bytes a page is counted for against the bound. */
export function pageBytes(key: string, page: CachedPage): number {
  return (
    page.body.length +
    (page.encoded.br?.length ?? 0) +
    (page.encoded.gzip?.length ?? 0) +
    2 * (key.length + page.tags.reduce((n, t) => n + t.length, 0)) +
    ENTRY_OVERHEAD
  );
}

export class PageCache {
  private readonly pages: BoundedLru<CachedPage>;
  /** Bumped on every invalidation; a render that began before one must not be stored. */
  private generation = 0;
  /**
   * Bumped when everything is dropped ('*': settings, sections, people changed), here or in another process: what
   * every page shows around its content, kept in memory (src/site-view.ts), is stale too.
   */
  siteWideChanges = 0;
  /** Bumped when any setting changed (SETTINGS_CHANGED, or '*'), here or in another process. */
  settingsChanges = 0;
  private subscriber: Redis | undefined;

  constructor(
    private readonly options: PageCacheOptions,
    private readonly publisher?: Redis,
  ) {
    this.pages = new BoundedLru(options.maxBytes);
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** The longest a page is kept, which bounds staleness if an invalidation message is ever lost. */
  get maxAgeMs(): number {
    return this.options.maxAgeMs;
  }

  /** What the cache holds now: pages, and the bytes they count for. */
  get size(): { pages: number; bytes: number } {
    const { entries, bytes } = this.pages.size;
    return { pages: entries, bytes };
  }

  /** The keys held, least recently used first. */
  keys(): string[] {
    return this.pages.keys();
  }

  /** Listens for invalidations from other processes. */
  async listen(subscriber: Redis): Promise<void> {
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === CHANNEL) this.dropLocal(JSON.parse(message) as string[]);
    });
    await subscriber.subscribe(CHANNEL);
  }

  /** Marks the start of a render; pass the result to set(). */
  begin(): number {
    return this.generation;
  }

  get(key: string, now: number): CachedPage | undefined {
    if (!this.options.enabled) return undefined;
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (page.expiresAt <= now) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  /** Stores a page unless an invalidation came since its render began, then evicts the least recently used past the bound. */
  set(key: string, page: CachedPage, { startedAt, now }: { startedAt: number; now: number }): void {
    if (!this.options.enabled || startedAt !== this.generation) return;
    page.expiresAt = Math.min(page.expiresAt, now + this.options.maxAgeMs);
    this.pages.set(key, page, pageBytes(key, page));
  }

  /** Drops every page carrying one of the tags, here and in every other process. */
  async invalidate(tags: string[]): Promise<void> {
    this.dropLocal(tags);
    if (this.publisher) await this.publisher.publish(CHANNEL, JSON.stringify(tags));
  }

  private dropLocal(tags: string[]): void {
    if (tags.includes('*') || tags.includes(SETTINGS_CHANGED)) this.settingsChanges++;
    if (tags.length === 1 && tags[0] === SETTINGS_CHANGED) return;
    this.generation++;
    if (tags.includes('*')) {
      this.siteWideChanges++;
      this.pages.clear();
      return;
    }
    for (const [key, page] of this.pages) {
      if (page.tags.some((t) => tags.includes(t))) this.pages.delete(key);
    }
  }

  async close(): Promise<void> {
    if (this.subscriber) await this.subscriber.quit().catch(() => undefined);
  }
}
