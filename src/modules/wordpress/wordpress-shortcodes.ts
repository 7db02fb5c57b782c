// WordPress shortcodes, found in one left-to-right pass. WordPress matches them with one regular expression
// whose lazy parts re-scan the rest of the text at every "[": a body of "[caption" repeated, or of many
// unclosed [caption]s, took seconds per hundred kilobytes. This scanner gives the same matches as that
// expression (`\[(\[?)(name)(?![\w-])([^\]]*?)(\/)?\](?:([\s\S]*?)\[\/\2\])?(\]?)`) in linear time: the next
// "]" is found once for every "[" after it, and each name's closing tags are listed once, up front.

export interface ShortcodeMatch {
  /** The whole match as written. */
  whole: string;
  /** The name as written (closing tags match it exactly). */
  rawName: string;
  /** Lowercase name. */
  name: string;
  /** The text between the name and "]" (without a self-closing "/"). */
  attrs: string;
  selfClosing: boolean;
  /** The text up to the first matching [/name], when there is one. */
  inner: string | undefined;
  /** Written as [[name]]: WordPress's way of writing a shortcode as text. */
  escaped: boolean;
  /** A "]" after the match that belongs to it (the second bracket of [[name]]). */
  trailingBracket: boolean;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;

/** Replaces every shortcode in the text with what `replace` returns for it; the text between stays as it is. */
export function replaceShortcodes(text: string, replace: (m: ShortcodeMatch) => string): string {
  // Where each name's closing tags are, in order, with a cursor that only moves forward.
  const closers = new Map<string, { at: number[]; next: number }>();
  for (let i = text.indexOf('[/'); i !== -1; i = text.indexOf('[/', i + 2)) {
    let j = i + 2;
    if (!isNameStart(text.charCodeAt(j))) continue;
    while (isNameChar(text.charCodeAt(++j)));
    if (text.charCodeAt(j) !== 93) continue;
    const name = text.slice(i + 2, j);
    const list = closers.get(name) ?? closers.set(name, { at: [], next: 0 }).get(name)!;
    list.at.push(i);
  }
  const out: string[] = [];
  let done = 0;
  let bracket = -1;
  for (let i = text.indexOf('['); i !== -1; ) {
    const escaped = text.charCodeAt(i + 1) === 91;
    const nameStart = i + (escaped ? 2 : 1);
    if (!isNameStart(text.charCodeAt(nameStart))) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    let nameEnd = nameStart + 1;
    while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    if (bracket < nameEnd) bracket = text.indexOf(']', nameEnd);
    // No "]" after here: no shortcode can end, here or later.
    if (bracket === -1) break;
    const rawName = text.slice(nameStart, nameEnd);
    const selfClosing = bracket > nameEnd && text.charCodeAt(bracket - 1) === 47;
    let end = bracket + 1;
    let inner: string | undefined;
    const list = closers.get(rawName);
    if (list) {
      while (list.next < list.at.length && list.at[list.next] < end) list.next++;
      if (list.next < list.at.length) {
        inner = text.slice(end, list.at[list.next]);
        end = list.at[list.next] + rawName.length + 3;
      }
    }
    const trailingBracket = text.charCodeAt(end) === 93;
    if (trailingBracket) end++;
    out.push(
      text.slice(done, i),
      replace({
        whole: text.slice(i, end),
        rawName,
        name: rawName.toLowerCase(),
        attrs: text.slice(nameEnd, selfClosing ? bracket - 1 : bracket),
        selfClosing,
        inner,
        escaped,
        trailingBracket,
      }),
    );
    done = end;
    i = text.indexOf('[', end);
  }
  out.push(text.slice(done));
  return out.join('');
}

/** A shortcode's attributes, as WordPress's shortcode_parse_atts reads them (one pass: each alternative ends at its own quote). */
export function parseShortcodeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (m[1]) attrs[m[1].toLowerCase()] = m[2];
    else if (m[3]) attrs[m[3].toLowerCase()] = m[4];
    else if (m[5]) attrs[m[5].toLowerCase()] = m[6];
    else attrs[String(n++)] = m[7] ?? m[8] ?? m[9];
  }
  return attrs;
}

/** Attachment ids named by [gallery ids="..."] in a body. */
export function galleryIds(content: string): string[] {
  const ids: string[] = [];
  replaceShortcodes(content, (m) => {
    if (m.name === 'gallery' && !(m.escaped && m.trailingBracket)) {
      const attrs = parseShortcodeAttributes(m.attrs);
      ids.push(
        ...(attrs.ids ?? attrs.include ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    }
    return '';
  });
  return ids;
}
