// Checks and clean-ups shared by every field a person types.

// C0/C1 controls other than tab, newline and carriage return; plus Unicode noncharacters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);

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
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The start of a text, cut at a word boundary near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
