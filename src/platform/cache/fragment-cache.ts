// Rendered pieces of pages (a comment's markup) kept as bytes, so a page the render cache does not hold is put
// together from them instead of rendering and encoding every piece again. A key names everything a piece is made
// of, so a change makes a new key and nothing is invalidated piece by piece: the old piece is no longer asked for
// and ages out. What a key cannot name (an import or a restore rewriting comments in place) comes with a site-wide
// change, which empties the cache here and, through Redis, in every process. Bounded by bytes, least recently used
// first, and by age.
import { BoundedLru } from './bounded-lru.ts';

/** What an entry costs beyond its bytes: the map's entry, the key's string, the record. A rough figure. */
const ENTRY_OVERHEAD = 96;

export interface FragmentCacheOptions {
  /** The most bytes the kept pieces may take, keys included; 0 keeps none. */
  maxBytes: number;
  maxAgeMs: number;
  /** A count that moves on every site-wide change (PageCache.siteWideChanges): when it moves, everything goes. */
  era: () => number;
}

export class FragmentCache {
  private readonly entries: BoundedLru<{ html: Buffer; until: number }>;
  private era: number;

  constructor(private readonly options: FragmentCacheOptions) {
    this.entries = new BoundedLru(options.maxBytes);
    this.era = options.era();
  }

  /** What the cache holds now: pieces, and the bytes they count for. */
  get size(): { fragments: number; bytes: number } {
    const { entries, bytes } = this.entries.size;
    return { fragments: entries, bytes };
  }

  get(key: string, now: number): Buffer | undefined {
    this.checkEra();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.html;
  }

  /** Keeps a piece, then drops the least recently used past the bound. */
  set(key: string, html: Buffer, now: number): void {
    this.checkEra();
    this.entries.set(key, { html, until: now + this.options.maxAgeMs }, html.length + 2 * key.length + ENTRY_OVERHEAD);
  }

  private checkEra(): void {
    const era = this.options.era();
    if (era === this.era) return;
    this.era = era;
    this.entries.clear();
  }
}
