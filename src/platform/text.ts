// Checks and clean-ups shared by every field a person types.

// C0/C1 controls other than tab, newline and carriage return; plus Unicode noncharacters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);

// Invisible format characters: bidirectional controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C), zero-width
// spaces and joiners, the soft hyphen, U+FEFF, tag characters, Hangul fillers (Cf and the default-ignorable code
// points). Combining marks among them (variation selectors, Mongolian selectors) are not: they only shape the
// character before them.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const MARK = /\p{Mn}/u;
// Scripts whose spelling needs ZWJ/ZWNJ between letters (Persian می‌خواهم, Devanagari क्‍ष, Malayalam chillus...).
// Not Latin, Greek or Cyrillic, where a joiner changes nothing visible and only makes one name look like another.
const JOINING_SCRIPT = new RegExp(
  `[${[
    'Arabic',
    'Syriac',
    'Nko',
    'Mongolian',
    'Thaana',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Oriya',
    'Tamil',
    'Telugu',
    'Kannada',
    'Malayalam',
    'Sinhala',
    'Tibetan',
    'Myanmar',
    'Khmer',
  ]
    .map((s) => `\\p{scx=${s}}`)
    .join('')}]`,
  'u',
);
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each is one code point on its own (a variation selector is meant)
const EMOJI_BEFORE_ZWJ = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
// A subdivision flag (🏴 + tag letters + cancel tag: England, Scotland, Wales) is the one use of tag characters.
const FLAG_TAGS = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,8}\u{E007F}/u;
const ZWJ = '\u200D';
const ZWNJ = '\u200C';

/** Whether a joiner between `before` and `after` does a job (an emoji sequence, or letters of a joining script). */
function joins(joiner: string, before: string | undefined, after: string | undefined): boolean {
  if (!before || !after) return false;
  if (joiner === ZWJ && EMOJI_BEFORE_ZWJ.test(before) && EMOJI.test(after)) return true;
  return JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after);
}

/**
 * Removes invisible format characters, so that a name cannot reorder the text around it or pass for another name
 * that looks the same. Keeps the ones legitimate writing needs: ZWJ in emoji sequences (👩‍💻), ZWJ and ZWNJ between
 * letters of scripts that use them, variation selectors, and the tags of a subdivision flag.
 */
export function removeInvisibleFormatting(value: string): string {
  const chars = Array.from(value);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\u{1F3F4}') {
      const tags = FLAG_TAGS.exec(chars.slice(i + 1, i + 10).join(''));
      if (tags) {
        out.push(c + tags[0]);
        i += Array.from(tags[0]).length;
        continue;
      }
    }
    if (!INVISIBLE.test(c) || MARK.test(c)) out.push(c);
    else if ((c === ZWJ || c === ZWNJ) && joins(c, out.at(-1), chars[i + 1])) out.push(c);
  }
  return out.join('');
}

/** Normalizes line endings and trims; keeps everything else exactly as typed. */
export const cleanText = (value: string): string => value.replace(/\r\n?/g, '\n').trim();

/** A URL-friendly version of a title; keeps letters of any script. */
export function slugify(title: string, maxLength = 100): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'article';
}

export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/** Escapes text for HTML made by hand (mail bodies); pages escape through JSX. */
export const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The start of a text, cut at a word boundary near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
