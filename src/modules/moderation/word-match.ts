// Finds listed words and phrases in what a reader wrote: whole words only, any case, any script,
// so "ass" does not catch "class" and a list entry of two words matches across any spacing.

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first list entry that occurs in any of the texts as a whole word or phrase; undefined if none does. */
export function findListedWord(texts: readonly string[], words: readonly string[]): string | undefined {
  if (words.length === 0) return undefined;
  const pattern = words
    .map((w) => escapeRegExp(w.trim()).replace(/\s+/g, '\\s+'))
    .filter(Boolean)
    .join('|');
  if (pattern === '') return undefined;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'iu');
  for (const text of texts) {
    const m = re.exec(text);
    if (m)
      return (
        words.find((w) => new RegExp(`^${escapeRegExp(w.trim()).replace(/\s+/g, '\\s+')}$`, 'iu').test(m[0])) ?? m[0]
      );
  }
  return undefined;
}
