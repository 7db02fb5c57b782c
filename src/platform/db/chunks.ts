// Long lists go to the database in pieces: SQLite binds at most 32,766 values in one statement and PostgreSQL 65,535,
// so an `in (…)` list or a multi-row insert of thousands goes as several statements, each well under the limit.

/** `items` in consecutive pieces of at most `size`, in order. */
export function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  // A size below one would never move on.
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunksOf needs a whole size of at least 1, not ${size}`);
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
