// RSS 2.0 and Atom 1.0 documents from a feed's view data, written by the `feed` library. What it cannot say by
// itself is handled here, before it sees the text: characters XML forbids are dropped, text is escaped for what each
// element means (Atom titles are HTML, RSS titles are the RSS Profile's plain text), and two habits of its XML writer
// (it turns a literal "&amp;" in text back into "&", and splits only the first "]]>" in a CDATA section) are
// worked around, so no headline, name or comment can break a feed or change its meaning.
import { Feed, type Author, type Item } from 'feed';

export const FEED_GENERATOR = 'Dateline';

export interface FeedPerson {
  name: string;
  /** Absolute address of their page, if they have one. */
  url?: string;
}

export interface FeedEnclosure {
  /** Absolute. */
  url: string;
  /** A registered MIME type, e.g. image/jpeg. */
  type: string;
  /** Bytes; 0 when unknown (RSS says so). */
  length: number;
}

export interface FeedEntryView {
  /** A permanent URI (urn:uuid:…): the same entry keeps it whatever its address becomes. */
  id: string;
  /** Plain text. */
  title: string;
  /** Absolute address of the entry's page. */
  url: string;
  published: Date;
  updated: Date;
  /** Plain text. */
  summary: string;
  /** Clean HTML with absolute addresses: the full text, or in a feed of excerpts the excerpt and a link. */
  contentHtml: string;
  authors: FeedPerson[];
  /** A section or tag: its name, a term without markup (its slug) and the scheme it belongs to (an absolute address). */
  categories: { name: string; term: string; scheme: string }[];
  /** The picture, best first: RSS takes the first, Atom the first its library names right. */
  enclosures: FeedEnclosure[];
  /** Absolute address of the entry's discussion. */
  commentsUrl?: string;
}

export interface FeedView {
  /** Plain text. */
  title: string;
  description: string;
  language: string;
  /** Absolute address of the HTML page the feed follows. */
  pageUrl: string;
  rssUrl: string;
  atomUrl: string;
  /** The newest change among the entries: the same content always gives the same document. */
  updated: Date;
  publisher: FeedPerson;
  /** Absolute address of the newsroom's logo (RSS readers take JPEG, PNG or GIF only). */
  logo?: string;
  icon?: string;
  entries: FeedEntryView[];
}

// Characters XML 1.0 does not allow, and lone surrogate halves.
// eslint-disable-next-line no-control-regex
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlSafe = (s: string) => s.replace(NOT_XML, '');

/** For the library's text elements: its writer turns "&amp;" back into "&" before escaping, so say it twice. */
const text = (s: string) => xmlSafe(s).replace(/&amp;/g, '&amp;amp;');

/** For CDATA sections, which the library ends at the first "]]>": HTML says the same with "&gt;". */
const cdataHtml = (html: string) => xmlSafe(html).replace(/]]>/g, ']]&gt;');

const escapeHtml = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS item title as the RSS Profile asks: plain text with "&", "<" and ">" as hexadecimal references. */
const rssTitle = (s: string) => xmlSafe(s).replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;');

/**
 * Names and feed titles are plain text in elements the library writes as text, where readers may take markup
 * for HTML: a "<" that would open a tag and an "&" that would start an entity become look-alikes, so the name
 * reads the same and means nothing else.
 */
const inertChars = (s: string) => s.replace(/<(?=[\p{L}/!?])/gu, '‹').replace(/&(?=#?[\p{L}\p{N}]+;?)/gu, '＆');
const inert = (s: string) => text(inertChars(s));
/** The same for an attribute value, which the library escapes only for "&" and quotes: every "<" becomes its look-alike. */
const inertAttribute = (s: string) => xmlSafe(inertChars(s)).replace(/</g, '‹');

const person = (p: FeedPerson): Author => ({ name: inert(p.name), ...(p.url && { link: p.url }) });

function channel(view: FeedView): Feed {
  return new Feed({
    id: view.atomUrl,
    title: inert(view.title),
    description: inert(view.description),
    link: view.pageUrl,
    language: view.language,
    updated: view.updated,
    generator: FEED_GENERATOR,
    feedLinks: { rss: view.rssUrl, atom: view.atomUrl },
    author: person(view.publisher),
    ...(view.logo && { image: view.logo }),
    ...(view.icon && { favicon: view.icon }),
  });
}

/** RSS 2.0: hexadecimal references in titles, dc:creator for bylines (RSS's author must be an email), one enclosure. */
export function renderRss(view: FeedView): string {
  const feed = channel(view);
  for (const e of view.entries) {
    const item: Item = {
      title: rssTitle(e.title),
      id: e.id,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: cdataHtml(escapeHtml(e.summary)),
      content: cdataHtml(e.contentHtml),
      // Attribute values are written escaping only quotes.
      category: e.categories.map((c) => ({
        name: text(c.name),
        domain: c.scheme.replace(/&/g, '&amp;').replace(/</g, '%3C'),
      })),
      ...(e.enclosures[0] && {
        enclosure: { url: e.enclosures[0].url, type: e.enclosures[0].type, length: e.enclosures[0].length },
      }),
      extensions: [
        ...(e.authors.length > 0
          ? [
              {
                name: 'dc:creator',
                objects: e.authors.map((a) => ({ _text: inert(a.name) })) as unknown as Record<string, unknown>,
              },
            ]
          : []),
        ...(e.commentsUrl ? [{ name: 'comments', objects: { _text: text(e.commentsUrl) } }] : []),
      ],
    };
    feed.addItem(item);
  }
  return feed.rss2();
}

/** The MIME type the library writes for an Atom enclosure: image/ and the address's extension. */
const atomEnclosureType = (url: string) => `image/${new URL(url).pathname.split('.').slice(-1)[0]}`;

/** Atom 1.0: HTML titles and summaries (escaped text), authors with their pages, categories by slug. */
export function renderAtom(view: FeedView): string {
  const feed = channel(view);
  for (const e of view.entries) {
    const enclosure = e.enclosures.find((x) => atomEnclosureType(x.url) === x.type);
    feed.addItem({
      title: cdataHtml(escapeHtml(e.title)),
      id: e.id,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: cdataHtml(escapeHtml(e.summary)),
      content: cdataHtml(e.contentHtml),
      author: e.authors.map(person),
      // The library writes attribute values escaping only "&" and quotes: a term is a slug, a label made inert.
      category: e.categories.map((c) => ({ term: c.term, scheme: c.scheme, name: inertAttribute(c.name) })),
      // It names the type from the extension: only an address whose extension is the right name goes in.
      ...(enclosure && { enclosure: { url: enclosure.url, length: enclosure.length } }),
    });
  }
  return feed.atom1();
}
