// Writing WXR 1.2 by hand: text made valid for XML 1.0, CDATA that survives a `]]>` inside it, dates
// as WordPress writes them.

// Everything XML 1.0 allows in a document; the rest (most C0 controls, lone surrogates, U+FFFE/FFFF) is dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML 1.0 forbids. */
export const xmlChars = (text: string): string => text.replace(NOT_XML, '');

/** Text for an element's content or an attribute's value. */
export const xmlText = (text: string): string =>
  xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A CDATA section; a `]]>` inside is split across two sections, as WordPress's own exporter does. */
export const cdata = (text: string): string => `<![CDATA[${xmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** WordPress stores titles, names and comments as HTML: plain text is escaped to stay the same text. */
export const html = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WordPress's "YYYY-MM-DD HH:MM:SS", in UTC. */
export const wpDateTime = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

/** RSS's RFC 822 date, as WordPress writes pubDate. */
export const rssDate = (iso: string): string => new Date(iso).toUTCString().replace('GMT', '+0000');

/** `<name>text</name>` with the text in CDATA, or escaped when `plain`. */
export const el = (name: string, value: string | number, plain = false): string =>
  `<${name}>${typeof value === 'number' || plain ? xmlText(String(value)) : cdata(value)}</${name}>`;

export const WXR_HEADER = `<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS (WXR) file written by Dateline: import it with WordPress's Tools > Import > WordPress. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
`;
export const WXR_FOOTER = '</channel>\n</rss>\n';
