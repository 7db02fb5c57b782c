// The one least-recently-used store behind the in-memory caches (pages, comment fragments, discussions): a Map in
// order of use, each entry counted for the bytes its cache says it takes, the least recently used dropped past the
// bound. What an entry means, when it expires and what invalidates it stay with each cache.

export class BoundedLru<V> {
  /** In order of use, least recent first (a Map keeps insertion order: a hit moves its entry to the end). */
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** Entries held, and the bytes they count for. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  /** The keys held, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Every entry, least recently used first; deleting while iterating is safe. */
  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const [key, entry] of this.entries) yield [key, entry.value];
  }

  /** The value, now the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Keeps a value counted for `bytes`, then drops the least recently used past the bound. One bigger than the whole
   * bound is not kept (it would only empty the cache for nothing): false.
   */
  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.maxBytes) break;
      this.delete(oldest);
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
