// Reads and rewrites a rendered page for the mirror, with a real HTML parser: which addresses it links to, and
// the same page with links relative to its own file, and the discussion's forms replaced by the live site's.
import { DomUtils, parseDocument } from 'htmlparser2';

type Document = ReturnType<typeof parseDocument>;
export type AddressKind = 'navigation' | 'resource' | 'identity';
type Element = Extract<Document['children'][number], { attribs: Record<string, string> }>;

/** The attributes that hold an address, by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
};
/** `<meta>` whose content is an address of the page or its image (the mirror holds the image itself). */
const URL_META = new Set(['og:url', 'og:image', 'twitter:image']);
const NAVIGATION = new Set(['a', 'area']);

function elements(doc: Document): Element[] {
  return DomUtils.findAll(() => true, doc.children) as Element[];
}

function hasClass(el: Element, name: string): boolean {
  return (el.attribs.class ?? '').split(/\s+/).includes(name);
}

/** Calls `each` on every address the element carries, with a setter for its rewritten value. */
function forEachAddress(el: Element, each: (value: string, set: (v: string) => void, kind: AddressKind) => void) {
  if (el.name === 'meta') {
    const property = el.attribs.property ?? el.attribs.name ?? '';
    const content = el.attribs.content ?? '';
    // Social cards name other addresses too (article:author): any absolute address in a card is the site's to rewrite.
    if (URL_META.has(property))
      each(content, (v) => (el.attribs.content = v), property === 'og:url' ? 'identity' : 'resource');
    else if (/^https?:\/\//i.test(content)) each(content, (v) => (el.attribs.content = v), 'identity');
    return;
  }
  for (const attribute of URL_ATTRIBUTES[el.name] ?? []) {
    const value = el.attribs[attribute];
    if (value === undefined || value === '') continue;
    if (attribute === 'srcset') {
      const candidates = value.split(',').map((c) => c.trim().split(/\s+/));
      // biome-ignore lint/suspicious/useIterableCallbackReturn: each() returns nothing worth keeping
      candidates.forEach((candidate, i) =>
        each(
          candidate[0],
          (v) => {
            candidates[i][0] = v;
            el.attribs.srcset = candidates.map((c) => c.join(' ')).join(', ');
          },
          'resource',
        ),
      );
      continue;
    }
    const rel = (el.attribs.rel ?? '').split(/\s+/);
    const kind =
      NAVIGATION.has(el.name) ||
      (el.name === 'link' && rel.some((r) => r === 'alternate' || r === 'prev' || r === 'next'))
        ? 'navigation'
        : el.name === 'link' && rel.includes('canonical')
          ? 'identity'
          : 'resource';
    each(value, (v) => (el.attribs[attribute] = v), kind);
  }
}

/** The site's own addresses a page links to or loads, resolved against the page's address. */
export function linkedAddresses(html: string, pageUrl: URL): { url: URL; kind: AddressKind }[] {
  const found: { url: URL; kind: AddressKind }[] = [];
  for (const el of elements(parseDocument(html))) {
    forEachAddress(el, (value, _set, kind) => {
      if (value.startsWith('#')) return;
      try {
        const url = new URL(value, pageUrl);
        if (url.origin === pageUrl.origin) found.push({ url, kind });
      } catch {
        /* not an address: nothing to follow */
      }
    });
  }
  return found;
}

export interface RewriteOptions {
  /** The page's address on the live site. */
  pageUrl: URL;
  /** How one of the site's addresses is written from this page: a relative link, or an absolute one. */
  link(url: URL, kind: AddressKind): string;
  /** Rewrites an absolute address of the live site inside structured data (JSON-LD), or leaves it. */
  absolute(value: string): string;
}

/** A snippet `<p class=...><a>text</a></p>` made through the parser, so its link is set as data, never as markup. */
function liveLink(className: string, href: string, text: string): Element {
  const p = parseDocument('<p><a></a></p>').children[0] as Element;
  p.attribs.class = className;
  const a = p.children[0] as Element;
  a.attribs.href = href;
  a.children = parseDocument(text).children;
  a.children[0].parent = a;
  return p;
}

/** The page as the mirror writes it. */
export function rewritePage(html: string, options: RewriteOptions): string {
  const doc = parseDocument(html);
  const live = (path: string) => new URL(path, options.pageUrl).href;
  for (const el of elements(doc)) {
    if (!el.parent) continue;
    // Replying, reporting, editing and deleting take a reader's input: only the live site can.
    if (hasClass(el, 'comment-actions') || hasClass(el, 'replying-to')) {
      DomUtils.removeElement(el);
      continue;
    }
    if (el.name === 'div' && hasClass(el, 'respond')) {
      const pagePath = options.pageUrl.pathname;
      el.children = [
        liveLink('mirror-discussion', live(`${pagePath}#respond`), 'Join the discussion on the live site'),
      ];
      el.children[0].parent = el;
      continue;
    }
    if (el.name === 'form') {
      const search = el.attribs.role === 'search';
      const target = search ? live('/search') : live(el.attribs.action || options.pageUrl.pathname);
      DomUtils.replaceElement(
        el,
        liveLink(
          search ? 'mirror-search' : 'mirror-form',
          target,
          search ? 'Search on the live site' : 'Continue on the live site',
        ),
      );
      continue;
    }
    if (
      el.name === 'script' &&
      el.attribs.type === 'application/ld+json' &&
      el.children[0] &&
      'data' in el.children[0]
    ) {
      const text = el.children[0] as { data: string };
      try {
        text.data = JSON.stringify(mapStrings(JSON.parse(text.data), options.absolute)).replace(/</g, '\\u003c');
      } catch {
        /* not JSON: left as rendered */
      }
      continue;
    }
    forEachAddress(el, (value, set, kind) => {
      if (value.startsWith('#')) return;
      let url: URL;
      try {
        url = new URL(value, options.pageUrl);
      } catch {
        return;
      }
      if (url.origin === options.pageUrl.origin) set(options.link(url, kind));
    });
  }
  return DomUtils.getOuterHTML(doc, { encodeEntities: 'utf8' });
}

function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}
