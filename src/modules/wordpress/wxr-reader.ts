// Streams a WXR file through saxes and yields one typed record per author, term and item, so memory
// holds one item at a time whatever the file's size. Elements are matched by namespace URI, not by
// prefix: an export may bind `wp` to anything, and an element in a foreign namespace is ignored.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import {
  WxrError,
  type WxrRefusal,
  type WxrAuthor,
  type WxrComment,
  type WxrItem,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
} from './wxr.ts';

const WP = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/;
const WP_EXCERPT = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
const NAMESPACES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};
export const SUPPORTED_VERSIONS = ['1.0', '1.1', '1.2'];

/** The element's name as `prefix:local` with our own prefixes, or undefined for a foreign namespace. */
function canonical(tag: SaxesTagNS): string | undefined {
  const uri = tag.uri ?? '';
  if (uri === '') return tag.local;
  if (WP.test(uri)) return `wp:${tag.local}`;
  if (WP_EXCERPT.test(uri)) return `excerpt:${tag.local}`;
  const prefix = NAMESPACES[uri];
  return prefix ? `${prefix}:${tag.local}` : undefined;
}

const emptyItem = (line: number): WxrItem => ({
  title: '',
  link: '',
  pubDate: '',
  creator: '',
  guid: '',
  description: '',
  content: '',
  excerpt: '',
  id: '',
  date: '',
  dateGmt: '',
  commentStatus: '',
  pingStatus: '',
  name: '',
  status: '',
  parent: '',
  menuOrder: '',
  type: '',
  password: '',
  sticky: '',
  attachmentUrl: '',
  terms: [],
  meta: [],
  comments: [],
  line,
});
const emptyComment = (line: number): WxrComment => ({
  id: '',
  author: '',
  authorEmail: '',
  authorUrl: '',
  authorIp: '',
  date: '',
  dateGmt: '',
  content: '',
  approved: '',
  type: '',
  parent: '',
  userId: '',
  agent: '',
  meta: [],
  line,
});

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  guid: 'guid',
  description: 'description',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'id',
  'wp:post_date': 'date',
  'wp:post_date_gmt': 'dateGmt',
  'wp:comment_status': 'commentStatus',
  'wp:ping_status': 'pingStatus',
  'wp:post_name': 'name',
  'wp:status': 'status',
  'wp:post_parent': 'parent',
  'wp:menu_order': 'menuOrder',
  'wp:post_type': 'type',
  'wp:post_password': 'password',
  'wp:is_sticky': 'sticky',
  'wp:attachment_url': 'attachmentUrl',
  // Some exporters write the author's login as <wp:author> inside the item.
  'wp:author': 'creator',
};
const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'authorEmail',
  'wp:comment_author_url': 'authorUrl',
  'wp:comment_author_IP': 'authorIp',
  'wp:comment_date': 'date',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
  'wp:comment_user_id': 'userId',
  'wp:comment_agent': 'agent',
};
const AUTHOR_FIELDS: Record<string, keyof WxrAuthor> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
};
const TERM_FIELDS: Record<string, keyof WxrTerm> = {
  'wp:term_id': 'id',
  'wp:category_nicename': 'slug',
  'wp:category_parent': 'parent',
  'wp:cat_name': 'name',
  'wp:category_description': 'description',
  'wp:tag_slug': 'slug',
  'wp:tag_name': 'name',
  'wp:tag_description': 'description',
  'wp:term_taxonomy': 'taxonomy',
  'wp:term_slug': 'slug',
  'wp:term_parent': 'parent',
  'wp:term_name': 'name',
  'wp:term_description': 'description',
};
const SITE_FIELDS: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  language: 'language',
  'wp:wxr_version': 'version',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
};
// Identifiers and single-word fields: WordPress sometimes wraps them in newlines; content keeps its own.
const TRIMMED = new Set(['content', 'excerpt', 'description']);
const keep = (field: string, text: string) => (TRIMMED.has(field) ? text : text.trim());

/**
 * A copy of the text that shares no memory with the parser's input. V8 keeps a small string cut from a
 * large one as a slice of it: a note or an id kept for the report would keep a whole chunk of the file
 * (half a megabyte) alive, and memory would grow with the file.
 */
const detached = (s: string): string => (s === '' ? '' : Buffer.from(s, 'utf8').toString('utf8'));

export interface ReadOptions {
  /** Called with the bytes read so far after each chunk. */
  onProgress?: (bytesRead: number) => void;
}

/**
 * Yields the site (once, before anything else), then authors, terms and items in file order.
 * Throws a WxrError with the line number for malformed XML, a file that is not WXR, or an unknown version.
 */
export async function* readWxr(
  input: AsyncIterable<Buffer | string>,
  options: ReadOptions = {},
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: WxrRecord[] = [];
  // The path of open elements: canonical names, or undefined inside a foreign element.
  const stack: (string | undefined)[] = [];
  let text = '';
  const site: WxrSite = { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', language: '', version: '' };
  let siteSent = false;
  let author: WxrAuthor | undefined;
  let term: WxrTerm | undefined;
  let item: WxrItem | undefined;
  let comment: WxrComment | undefined;
  let meta: { key: string; value: string } | undefined;
  let itemTerm: { domain: string; slug: string } | undefined;
  let recordLine = 0;
  let ended = false;

  const fail = (message: string, refusal: WxrRefusal, line = parser.line): never => {
    throw new WxrError(message, line, refusal);
  };
  const sendSite = (line: number) => {
    if (siteSent) return;
    if (!site.version)
      fail(
        'not a WordPress export (WXR): no <wp:wxr_version> before the first author, term or item',
        { reason: 'no_version', values: { element: '<wp:wxr_version>' } },
        line,
      );
    if (!SUPPORTED_VERSIONS.includes(site.version)) {
      const versions = SUPPORTED_VERSIONS.join(', ');
      fail(
        `unknown WXR version "${site.version}" (Dateline reads versions ${versions})`,
        { reason: 'unknown_version', values: { version: site.version, versions } },
        line,
      );
    }
    siteSent = true;
    out.push({ type: 'site', site: { ...site } });
  };

  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; we say it our own way.
    const detail = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    fail(`the file is not well-formed XML: ${detail}`, { reason: 'not_xml', values: { detail } });
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('opentag', (tag) => {
    const parentForeign = stack.length > 0 && stack[stack.length - 1] === undefined;
    const name = parentForeign ? undefined : canonical(tag as SaxesTagNS);
    const depth = stack.length;
    stack.push(name);
    text = '';
    if (depth === 0 && name !== 'rss')
      fail(`not a WordPress export (WXR): the root element is <${tag.name}>, expected <rss>`, {
        reason: 'root',
        values: { found: `<${tag.name}>`, expected: '<rss>' },
      });
    if (depth === 1 && name !== 'channel')
      fail(`not a WordPress export (WXR): <${tag.name}> inside <rss>, expected <channel>`, {
        reason: 'inside_rss',
        values: { found: `<${tag.name}>`, parent: '<rss>', expected: '<channel>' },
      });
    if (name === undefined) return;
    const line = parser.line;
    if (depth === 2) {
      recordLine = line;
      if (name === 'item') {
        sendSite(line);
        item = emptyItem(line);
      } else if (name === 'wp:author') {
        sendSite(line);
        author = { id: '', login: '', email: '', displayName: '', firstName: '', lastName: '' };
      } else if (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') {
        sendSite(line);
        term = {
          taxonomy: name === 'wp:category' ? 'category' : name === 'wp:tag' ? 'post_tag' : '',
          id: '',
          slug: '',
          name: '',
          parent: '',
          description: '',
        };
      }
    } else if (item && depth === 3 && name === 'wp:comment') {
      comment = emptyComment(line);
    } else if (item && depth === 3 && name === 'category') {
      const attr = (key: string) => {
        const a = tag.attributes[key];
        return detached(typeof a === 'string' ? a : (a?.value ?? ''));
      };
      itemTerm = { domain: attr('domain'), slug: attr('nicename') };
    } else if (name === 'wp:postmeta' || name === 'wp:commentmeta' || name === 'wp:termmeta') {
      meta = { key: '', value: '' };
    }
  });
  parser.on('closetag', () => {
    const name = stack.pop();
    const depth = stack.length;
    const raw = text;
    text = '';
    if (name === undefined) return;
    // Copied (detached) only when kept: most closing tags end a wrapper, whose text is the layout between its
    // children. No closure for it: tsx names every function it makes, which costs more than the copy.
    if (meta) {
      if (name === 'wp:meta_key') meta.key = detached(raw).trim();
      else if (name === 'wp:meta_value') meta.value = detached(raw);
      else if (name === 'wp:postmeta' && item && !comment) {
        item.meta.push(meta);
        meta = undefined;
      } else if (name === 'wp:commentmeta' && comment) {
        comment.meta.push(meta);
        meta = undefined;
      } else if (name === 'wp:termmeta') meta = undefined;
      return;
    }
    if (comment) {
      if (name === 'wp:comment' && depth === 3) {
        item!.comments.push(comment);
        comment = undefined;
      } else if (COMMENT_FIELDS[name]) comment[COMMENT_FIELDS[name]] = detached(raw).trim() as never;
      return;
    }
    if (item) {
      if (depth === 2 && name === 'item') {
        out.push({ type: 'item', item });
        item = undefined;
      } else if (depth === 3 && name === 'category' && itemTerm) {
        // Old exports repeat each category without a domain; WordPress's importer skips those too.
        if (itemTerm.domain) item.terms.push({ ...itemTerm, name: detached(raw).trim() });
        itemTerm = undefined;
      } else if (depth === 3 && ITEM_FIELDS[name]) {
        const field = ITEM_FIELDS[name];
        // The first of two same-named fields wins (an export should not have two; a hostile one might).
        if (item[field] === '') (item as unknown as Record<string, string>)[field] = keep(field, detached(raw));
      }
      return;
    }
    if (author) {
      if (depth === 2 && name === 'wp:author') {
        out.push({ type: 'author', author, line: recordLine });
        author = undefined;
      } else if (AUTHOR_FIELDS[name]) author[AUTHOR_FIELDS[name]] = detached(raw).trim();
      return;
    }
    if (term) {
      if (depth === 2 && (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term')) {
        out.push({ type: 'term', term, line: recordLine });
        term = undefined;
      } else if (TERM_FIELDS[name]) term[TERM_FIELDS[name]] = keep(TERM_FIELDS[name], detached(raw));
      return;
    }
    if (depth === 2 && SITE_FIELDS[name] && !site[SITE_FIELDS[name]]) site[SITE_FIELDS[name]] = detached(raw).trim();
    if (depth === 1 && name === 'channel') sendSite(parser.line);
  });
  parser.on('end', () => {
    ended = true;
  });

  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    parser.write(decoder.write(buffer));
    options.onProgress?.(bytes);
    yield* out.splice(0);
  }
  parser.write(decoder.end());
  parser.close();
  if (!ended) fail('the file ended early', { reason: 'ended_early' });
  if (!siteSent)
    fail('not a WordPress export (WXR): no <channel> with a <wp:wxr_version>', {
      reason: 'no_channel',
      values: { element: '<channel>', inner: '<wp:wxr_version>' },
    });
  yield* out.splice(0);
}
