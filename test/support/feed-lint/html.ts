// What a validator looks for inside the HTML of a description, a summary or a content element: elements and
// attributes that run code, styles that can, and relative addresses a reader cannot resolve away from the site.

interface Tag {
  name: string;
  attrs: { name: string; value: string }[];
}

const decodeAttr = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The start tags of some HTML, with their attributes (a tolerant scan, as browsers read it). */
export function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of html.matchAll(
    /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g,
  )) {
    const attrs = [...m[2].matchAll(/([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((a) => ({
      name: a[1].toLowerCase(),
      value: decodeAttr((a[2] ?? '').replace(/^["']|["']$/g, '')),
    }));
    tags.push({ name: m[1].toLowerCase(), attrs });
  }
  return tags;
}

const RISKY_ELEMENTS = new Set([
  'script',
  'applet',
  'embed',
  'object',
  'iframe',
  'frame',
  'frameset',
  'meta',
  'link',
  'base',
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'background',
  'cite',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'usemap',
  'poster',
  'formaction',
]);

/** SecurityRisk: an element or attribute that runs code, or a script address. */
export function securityRisk(html: string): boolean {
  if (/<\?import/i.test(html)) return true;
  for (const tag of startTags(html)) {
    if (RISKY_ELEMENTS.has(tag.name)) return true;
    for (const a of tag.attrs) {
      if (/^on/.test(a.name)) return true;
      if (
        URL_ATTRS.has(a.name) &&
        /^\s*(javascript|vbscript|livescript|data):/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))
      )
        return true;
    }
  }
  return false;
}

/** ContainsRelRef: a link or image address that only resolves on the site itself. */
export function relativeReference(html: string): string | undefined {
  for (const tag of startTags(html)) {
    for (const a of tag.attrs) {
      if ((a.name === 'href' || a.name === 'src') && !/^\s*[a-z][a-z0-9+.-]*:/i.test(a.value))
        return `${tag.name} ${a.name}="${a.value}"`;
    }
  }
  return undefined;
}

// The style filter of the Universal Feed Parser, which the feed validator uses to judge style attributes.
const CSS_PROPERTIES = new Set(
  (
    'azimuth background-color border-bottom-color border-collapse border-color border-left-color border-right-color ' +
    'border-top-color clear color cursor direction display elevation float font font-family font-size font-style font-variant font-weight height ' +
    'letter-spacing line-height overflow pause pause-after pause-before pitch pitch-range richness speak speak-header speak-numeral ' +
    'speak-punctuation speech-rate stress text-align text-decoration text-indent unicode-bidi vertical-align voice-family volume white-space width'
  ).split(' '),
);
const CSS_KEYWORDS = new Set(
  (
    'auto aqua black block blue bold both bottom brown center collapse dashed dotted fuchsia gray green !important italic ' +
    'left lime maroon medium none navy normal nowrap olive pointer purple red right solid silver teal top transparent underline white yellow'
  ).split(' '),
);
const CSS_VALUE = /^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$/;

/** Whether a style attribute's value would be kept by that filter. */
export function safeStyle(style: string): boolean {
  const s = style.replace(/url\s*\(\s*[^\s)]+?\s*\)\s*/g, ' ');
  if (!/^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$/.test(s)) return false;
  if (!/^(\s*[-\w]+\s*:\s*[^:;]*(;|$))*$/.test(s)) return false;
  for (const [, prop, value] of s.toLowerCase().matchAll(/([-\w]+)\s*:\s*([^:;]*)/g)) {
    if (!CSS_PROPERTIES.has(prop)) {
      if (['background', 'border', 'margin', 'padding'].includes(prop.split('-')[0])) {
        if (
          !value
            .split(/\s+/)
            .filter(Boolean)
            .every((k) => CSS_KEYWORDS.has(k) || CSS_VALUE.test(k))
        )
          return false;
      } else return false;
    }
  }
  return true;
}

/** DangerousStyleAttr: a style attribute the filter would not keep. */
export const dangerousStyle = (html: string) =>
  startTags(html).some((t) => t.attrs.some((a) => a.name === 'style' && !safeStyle(a.value)));
