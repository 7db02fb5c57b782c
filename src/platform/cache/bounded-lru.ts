// The one least-recently-used store behind the in-memory caches (pages, comment fragments, discussions): each entry
// counted for the bytes its cache says it takes, the least recently used dropped past the bound. What an entry
// means, when it expires and what invalidates it stay with each cache. The order of use is a linked list, so a hit
// costs one lookup and a few pointers (re-inserting into the Map to move an entry cost three hash operations, on a
// page that looks up two hundred comment fragments).

interface Entry<V> {
  key: string;
  value: V;
  bytes: number;
  /** Toward the least recently used. */
  older: Entry<V> | undefined;
  /** Toward the most recently used. */
  newer: Entry<V> | undefined;
}

export class BoundedLru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private oldest: Entry<V> | undefined;
  private newest: Entry<V> | undefined;
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** Entries held, and the bytes they count for. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  /** The keys held, least recently used first. */
  keys(): string[] {
    return [...this].map(([key]) => key);
  }

  /** Every entry, least recently used first; deleting while iterating is safe. */
  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (let entry = this.oldest; entry; ) {
      const next = entry.newer;
      yield [entry.key, entry.value];
      entry = next;
    }
  }

  /** The value, now the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry !== this.newest) {
      this.unlink(entry);
      this.append(entry);
    }
    return entry.value;
  }

  /**
   * Keeps a value counted for `bytes`, then drops the least recently used past the bound. One bigger than the whole
   * bound is not kept (it would only empty the cache for nothing): false.
   */
  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
    this.delete(key);
    const entry: Entry<V> = { key, value, bytes, older: undefined, newer: undefined };
    this.entries.set(key, entry);
    this.append(entry);
    this.total += bytes;
    while (this.total > this.maxBytes && this.oldest) this.delete(this.oldest.key);
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.unlink(entry);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.newest = undefined;
    this.total = 0;
  }

  private unlink(entry: Entry<V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = undefined;
  }

  private append(entry: Entry<V>): void {
    entry.older = this.newest;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }
}
