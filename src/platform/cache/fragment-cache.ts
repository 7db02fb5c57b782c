// Pieces of pages kept in memory: a comment's markup as bytes, so a page the render cache does not hold is put
// together from them instead of rendering and encoding every piece again; and what a discussion's page reads, by
// the discussion's revision. A key names everything a piece is made
// of, so a change makes a new key and nothing is invalidated piece by piece: the old piece is no longer asked for
// and ages out. What a key cannot name (an import or a restore rewriting comments in place) comes with a site-wide
// change, which empties the cache here and, through Redis, in every process. Bounded by bytes, least recently used
// first, and by age.
import { BoundedLru } from './bounded-lru.ts';

/** What an entry costs beyond its bytes: the map's entry, the key's string, the record. A rough figure. */
const ENTRY_OVERHEAD = 96;

export interface FragmentCacheOptions<V> {
  /** The most bytes the kept pieces may take, keys included; 0 keeps none. */
  maxBytes: number;
  maxAgeMs: number;
  /** A count that moves on every site-wide change (PageCache.siteWideChanges): when it moves, everything goes. */
  era: () => number;
  /** What a piece takes in memory, roughly; bytes by their length when not given. */
  bytesOf?: (piece: V) => number;
}

export class FragmentCache<V = Buffer> {
  private readonly entries: BoundedLru<{ piece: V; until: number }>;
  private readonly bytesOf: (piece: V) => number;
  private era: number;

  constructor(private readonly options: FragmentCacheOptions<V>) {
    this.entries = new BoundedLru(options.maxBytes);
    this.bytesOf = options.bytesOf ?? ((piece) => (piece as Buffer).length);
    this.era = options.era();
  }

  /** What the cache holds now: pieces, and the bytes they count for. */
  get size(): { fragments: number; bytes: number } {
    const { entries, bytes } = this.entries.size;
    return { fragments: entries, bytes };
  }

  get(key: string, now: number): V | undefined {
    this.checkEra();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.piece;
  }

  /** Keeps a piece, then drops the least recently used past the bound. */
  set(key: string, piece: V, now: number): void {
    this.checkEra();
    this.entries.set(
      key,
      { piece, until: now + this.options.maxAgeMs },
      this.bytesOf(piece) + 2 * key.length + ENTRY_OVERHEAD,
    );
  }

  private checkEra(): void {
    const era = this.options.era();
    if (era === this.era) return;
    this.era = era;
    this.entries.clear();
  }
}
