// Rendered pages kept in memory, dropped by tag when what they show changes.
// With Redis, every process hears every invalidation, so several app processes stay consistent.
import type { Redis } from 'ioredis';

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
}

const CHANNEL = 'dateline:page-cache:invalidate';

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  /** Bumped on every invalidation; a render that began before one must not be stored. */
  private generation = 0;
  private subscriber: Redis | undefined;

  constructor(
    private readonly options: { enabled: boolean; maxEntries: number; maxAgeMs: number },
    private readonly publisher?: Redis,
  ) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Listens for invalidations from other processes. */
  async listen(subscriber: Redis): Promise<void> {
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.dropLocal(JSON.parse(message) as string[]));
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
    // Refresh recency for LRU eviction.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage, startedAt: number, now: number): void {
    if (!this.options.enabled || startedAt !== this.generation) return;
    page.expiresAt = Math.min(page.expiresAt, now + this.options.maxAgeMs);
    this.pages.set(key, page);
    if (this.pages.size > this.options.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
  }

  /** Drops every page carrying one of the tags, here and in every other process. */
  async invalidate(tags: string[]): Promise<void> {
    this.dropLocal(tags);
    if (this.publisher) await this.publisher.publish(CHANNEL, JSON.stringify(tags));
  }

  private dropLocal(tags: string[]): void {
    this.generation++;
    if (tags.includes('*')) {
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
