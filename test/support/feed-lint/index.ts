// A feed checker for Dateline's own feeds: it reports, by feedvalidator's class names, the mistakes the W3C feed
// validator reports, over the classes in CHECKED_CLASSES. test/unit/feed-lint.test.ts holds it to the validator's own
// conformance cases (../shared/testdata/feedvalidator-testcases), so a rule that misses its cases fails there.
import { dangerousStyle, relativeReference, safeStyle, securityRisk } from './html.ts';
import {
  checkAtomId,
  checkRfc3339,
  checkRfc822,
  checkRssContact,
  endTag,
  isAbsoluteUri,
  isAddrSpec,
  isIriReference,
  isLanguage,
  isMime,
  looksLikeHtml,
  poorCharacterData,
} from './values.ts';
import { descendants, kid, kids, parseXml, XmlError, type El } from './xml-tree.ts';

export interface FeedProblem {
  /** The validator's class, e.g. InvalidRFC2822Date. */
  kind: string;
  /** Where: the element's path. */
  where: string;
  /** The element at fault (for a missing one, its name) and its parent, as the validator names them. */
  element: string;
  parent: string;
  detail: string;
}

export interface LintOptions {
  /** The time dates are judged against (ImplausibleDate); the app's clock in tests. */
  now?: Date;
  /** The address the feed was fetched from: its self link must name it. */
  location?: string;
}

const ATOM = 'http://www.w3.org/2005/Atom';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';

export const CHECKED_CLASSES = [
  'SAXError',
  'ImplausibleDate',
  'MissingElement',
  'MissingTitle',
  'MissingLink',
  'MissingDescription',
  'ItemMustContainTitleOrDescription',
  'NotBlank',
  'DuplicateElement',
  'InvalidRFC2822Date',
  'ProblematicalRFC822Date',
  'InvalidRFC3339Date',
  'InvalidLink',
  'InvalidFullLink',
  'InvalidURLAttribute',
  'MissingAttribute',
  'InvalidIntegerAttribute',
  'InvalidMIMEAttribute',
  'DuplicateEnclosure',
  'DuplicateValue',
  'InvalidHttpGUID',
  'InvalidPermalink',
  'InvalidContact',
  'InvalidLanguage',
  'ContainsHTML',
  'CharacterData',
  'SecurityRisk',
  'ContainsRelRef',
  'DangerousStyleAttr',
  'MissingSelf',
  'RelativeSelf',
  'SelfDoesntMatchLocation',
  'ImageUrlFormat',
  'DuplicateEntries',
  'DuplicateIds',
  'DuplicateAtomLink',
  'InvalidTAG',
  'InvalidURN',
  'InvalidUUID',
  'NonCanonicalURI',
  'InvalidMIMEType',
  'UnregisteredAtomLinkRel',
  'ContainsUndeclaredHTML',
  'InvalidAddrSpec',
  'AttrNotBlank',
  'MissingContentOrAlternate',
] as const;

/** Reports a problem at `el`; `missing` names a child that should be there (MissingElement and the like). */
type Report = (kind: string, el: El | undefined, detail: string, missing?: string) => void;

const pathOf = (el: El | undefined): string => (el ? `${pathOf(el.parent)}/${el.name}` : '');

/** Every problem found in a feed (RSS 2.0 or Atom 1.0); [] for a clean one. */
export function lintFeed(xml: string, options: LintOptions = {}): FeedProblem[] {
  const problems: FeedProblem[] = [];
  const report: Report = (kind, el, detail, missing) =>
    problems.push({
      kind,
      where: pathOf(el),
      detail,
      element: missing ?? el?.name ?? '',
      parent: missing ? (el?.local ?? '') : (el?.parent?.local ?? ''),
    });
  let root: El;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return [{ kind: 'SAXError', where: '', element: '', parent: '', detail: e.message }];
    throw e;
  }
  const now = options.now ?? new Date();
  for (const el of [root, ...descendants(root)]) {
    const lang = el.attrs['xml:lang'];
    if (lang !== undefined && lang !== '' && !isLanguage(lang)) report('InvalidLanguage', el, `xml:lang="${lang}"`);
  }
  if (root.local === 'rss') lintRss(root, report, now, options);
  else if (root.local === 'feed') lintAtom(root, report, now, options);
  else report('UndefinedElement', root, `root element ${root.name}`);
  return problems;
}

const single = (parent: El, names: string[], report: Report, uri?: string) => {
  for (const name of names)
    if (kids(parent, name, uri).length > 1) report('DuplicateElement', parent, `more than one ${name}`);
};

function checkLinkText(el: El | undefined, report: Report) {
  if (el && !isAbsoluteUri(el.text)) report('InvalidLink', el, `"${el.text.trim()}" is not a full address`);
}

function checkHtml(el: El, html: string, report: Report) {
  if (securityRisk(html)) report('SecurityRisk', el, 'HTML that can run code');
  if (dangerousStyle(html)) report('DangerousStyleAttr', el, 'a style the feed parsers strip');
  const rel = relativeReference(html);
  if (rel) report('ContainsRelRef', el, `relative address: ${rel}`);
}

function lintRss(rss: El, report: Report, now: Date, options: LintOptions) {
  if (rss.attrs.version === undefined) report('MissingAttribute', rss, 'rss has no version');
  const channels = kids(rss, 'channel', '');
  if (channels.length === 0) return report('MissingElement', rss, 'no channel', 'channel');
  if (channels.length > 1) report('DuplicateElement', rss, 'more than one channel');
  const channel = channels[0];
  single(
    channel,
    [
      'title',
      'link',
      'description',
      'language',
      'copyright',
      'managingEditor',
      'webMaster',
      'pubDate',
      'lastBuildDate',
      'generator',
      'docs',
      'cloud',
      'ttl',
      'image',
      'rating',
      'textInput',
      'skipHours',
      'skipDays',
    ],
    report,
    '',
  );
  const title = kid(channel, 'title', '');
  if (!title) report('MissingTitle', channel, 'channel has no title', 'title');
  else {
    if (title.text.trim() === '') report('NotBlank', title, 'blank title');
    if (looksLikeHtml(title.text, title.raw)) report('ContainsHTML', title, title.text);
    if (poorCharacterData(title.raw)) report('CharacterData', title, title.raw);
  }
  const link = kid(channel, 'link', '');
  if (!link) report('MissingLink', channel, 'channel has no link', 'link');
  else checkLinkText(link, report);
  const description = kid(channel, 'description', '');
  if (!description) report('MissingDescription', channel, 'channel has no description', 'description');
  else if (endTag(description.text)) report('ContainsHTML', description, description.text);
  checkLinkText(kid(channel, 'docs', ''), report);
  for (const name of ['pubDate', 'lastBuildDate']) {
    const el = kid(channel, name, '');
    if (el) for (const k of checkRfc822(el.text, now)) report(k, el, el.text);
  }
  for (const name of ['managingEditor', 'webMaster']) {
    const el = kid(channel, name, '');
    if (el) for (const k of checkRssContact(el.text, el.raw)) report(k, el, el.text);
  }
  const language = kid(channel, 'language', '');
  if (language && !isLanguage(language.text)) report('InvalidLanguage', language, language.text);
  const ttl = kid(channel, 'ttl', '');
  if (ttl && ttl.text.trim() === '') report('NotBlank', ttl, 'blank ttl');
  const image = kid(channel, 'image', '');
  if (image) lintRssImage(image, title, link, report);
  const textInput = kid(channel, 'textInput', '');
  if (textInput) lintTextInput(textInput, report);
  const cloud = kid(channel, 'cloud', '');
  if (cloud) {
    for (const attr of ['domain', 'port', 'path', 'registerProcedure', 'protocol'])
      if (cloud.attrs[attr] === undefined) report('MissingAttribute', cloud, `cloud has no ${attr}`);
    const port = cloud.attrs.port;
    if (port !== undefined && (!/^\d+$/.test(port) || Number(port) < 1))
      report('InvalidIntegerAttribute', cloud, `port "${port}"`);
  }
  for (const [list, entry] of [
    ['skipDays', 'day'],
    ['skipHours', 'hour'],
  ] as const) {
    const el = kid(channel, list, '');
    if (!el) continue;
    const values = kids(el, entry, '').map((d) => (entry === 'hour' && d.text.trim() === '24' ? '0' : d.text.trim()));
    if (values.length === 0) report('MissingElement', el, `${list} has no ${entry}`, entry);
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) report('DuplicateValue', el, `${entry} ${v} twice`);
      seen.add(v);
    }
  }
  const selfLinks = kids(channel, 'link', ATOM).filter((l) => l.attrs.rel === 'self');
  if (selfLinks.length === 0) report('MissingSelf', channel, 'no atom:link rel="self"');
  for (const self of selfLinks) checkSelf(self, report, options);
  const guids = new Set<string>();
  for (const item of kids(channel, 'item', '')) lintRssItem(item, report, now, guids);
}

function lintRssImage(image: El, channelTitle: El | undefined, channelLink: El | undefined, report: Report) {
  single(image, ['url', 'title', 'link', 'width', 'height', 'description'], report, '');
  const url = kid(image, 'url', '');
  if (!url) report('MissingElement', image, 'image has no url', 'url');
  else {
    checkLinkText(url, report);
    if (!/\.(jpe?g|gif|png)$/i.test(url.text.trim())) report('ImageUrlFormat', url, url.text);
  }
  const title = kid(image, 'title', '');
  if (!title) report('MissingTitle', image, 'image has no title', 'title');
  else {
    if (title.text.trim() === '') report('NotBlank', title, 'blank image title');
    if (endTag(title.text)) report('ContainsHTML', title, title.text);
    if (channelTitle && title.text.trim() !== channelTitle.text.trim())
      report('ImageTitleDoesntMatch', title, title.text);
  }
  const link = kid(image, 'link', '');
  if (!link) report('MissingLink', image, 'image has no link', 'link');
  else {
    checkLinkText(link, report);
    if (channelLink && link.text.trim() !== channelLink.text.trim()) report('ImageLinkDoesntMatch', link, link.text);
  }
  const description = kid(image, 'description', '');
  if (description && endTag(description.text)) report('ContainsHTML', description, description.text);
}

function lintTextInput(input: El, report: Report) {
  single(input, ['title', 'description', 'name', 'link'], report, '');
  const title = kid(input, 'title', '');
  if (!title) report('MissingTitle', input, 'textInput has no title', 'title');
  else if (endTag(title.text)) report('ContainsHTML', title, title.text);
  if (!kid(input, 'description', ''))
    report('MissingDescription', input, 'textInput has no description', 'description');
  if (!kid(input, 'name', '')) report('MissingElement', input, 'textInput has no name', 'name');
  const link = kid(input, 'link', '');
  if (!link) report('MissingLink', input, 'textInput has no link', 'link');
  else checkLinkText(link, report);
}

function lintRssItem(item: El, report: Report, now: Date, guids: Set<string>) {
  single(item, ['title', 'link', 'description', 'author', 'comments', 'guid', 'pubDate', 'source'], report, '');
  const title = kid(item, 'title', '');
  const description = kid(item, 'description', '');
  if (!title && !description)
    report('ItemMustContainTitleOrDescription', item, 'an item needs a title or a description');
  if (title) {
    if (title.text.trim() === '') report('NotBlank', title, 'blank title');
    if (looksLikeHtml(title.text, title.raw)) report('ContainsHTML', title, title.text);
    if (poorCharacterData(title.raw)) report('CharacterData', title, title.raw);
  }
  if (description) checkHtml(description, description.text, report);
  const encoded = kid(item, 'encoded', CONTENT);
  if (encoded) checkHtml(encoded, encoded.text, report);
  checkLinkText(kid(item, 'link', ''), report);
  checkLinkText(kid(item, 'comments', ''), report);
  const pubDate = kid(item, 'pubDate', '');
  if (pubDate) for (const k of checkRfc822(pubDate.text, now)) report(k, pubDate, pubDate.text);
  const author = kid(item, 'author', '');
  if (author) for (const k of checkRssContact(author.text, author.raw)) report(k, author, author.text);
  for (const category of kids(item, 'category', ''))
    if (category.text.trim() === '') report('NotBlank', category, 'blank category');
  const source = kid(item, 'source', '');
  if (source) {
    if (source.attrs.url === undefined) report('MissingAttribute', source, 'source has no url');
    else if (!isAbsoluteUri(source.attrs.url)) report('InvalidFullLink', source, source.attrs.url);
    if (endTag(source.text)) report('ContainsHTML', source, source.text);
  }
  const enclosures = kids(item, 'enclosure', '');
  if (enclosures.length > 1) report('DuplicateEnclosure', item, 'more than one enclosure');
  for (const e of enclosures) {
    for (const attr of ['url', 'length', 'type'])
      if (e.attrs[attr] === undefined) report('MissingAttribute', e, `enclosure has no ${attr}`);
    if (e.attrs.url !== undefined && !/^https?:\/\/[^\s]+$/i.test(e.attrs.url))
      report('InvalidURLAttribute', e, e.attrs.url);
    if (e.attrs.length !== undefined && !/^\d+$/.test(e.attrs.length))
      report('InvalidIntegerAttribute', e, `length "${e.attrs.length}"`);
    if (e.attrs.type !== undefined && !isMime(e.attrs.type))
      report('InvalidMIMEAttribute', e, `type "${e.attrs.type}"`);
  }
  const guid = kid(item, 'guid', '');
  if (guid) {
    const value = guid.text.trim();
    const flag = guid.attrs.isPermaLink;
    if (flag !== undefined && flag !== 'true' && flag !== 'false')
      report('InvalidBooleanAttribute', guid, `isPermaLink="${flag}"`);
    const permalink = flag !== 'false';
    if (value === '') report('InvalidHttpGUID', guid, 'blank guid');
    else if (permalink && /^(tag|urn):/i.test(value)) report('InvalidPermalink', guid, value);
    else if (permalink && !/^https?:\/\/[^\s]+$/i.test(value)) report('InvalidHttpGUID', guid, value);
    if (value !== '' && guids.has(value)) report('DuplicateValue', guid, value);
    guids.add(value);
  }
}

/** The xml:base in effect at an element, if any is absolute. */
function baseOf(el: El | undefined): string | undefined {
  for (let e = el; e; e = e.parent)
    if (e.attrs['xml:base'] && /^[a-z][a-z0-9+.-]*:/i.test(e.attrs['xml:base'])) return e.attrs['xml:base'];
  return undefined;
}

function checkSelf(self: El, report: Report, options: LintOptions) {
  const href = self.attrs.href ?? '';
  if ((href.trim() === '' || !/^[a-z][a-z0-9+.-]*:/i.test(href)) && !baseOf(self))
    report('RelativeSelf', self, `self link "${href}"`);
  else if (options.location && href !== options.location)
    report('SelfDoesntMatchLocation', self, `${href} is not ${options.location}`);
}

const ATOM_LINK_RELS = new Set([
  'alternate',
  'related',
  'self',
  'enclosure',
  'via',
  'first',
  'last',
  'next',
  'previous',
  'prev',
  'replies',
  'license',
  'edit',
  'edit-media',
  'service',
  'hub',
  'payment',
  'search',
  'current',
  'up',
  'help',
  'icon',
  'index',
  'contents',
  'describedby',
  'copyright',
  'author',
]);
const TEXT_TYPES = new Set(['text', 'html', 'xhtml']);

function lintAtomText(el: El, report: Report) {
  const type = el.attrs.type;
  if (type !== undefined && type.trim() === '') report('AttrNotBlank', el, 'blank type');
  else if (type !== undefined && !TEXT_TYPES.has(type) && !isMime(type))
    report('InvalidMIMEType', el, `type "${type}"`);
  if (type === undefined || type === 'text' || type === 'text/plain') {
    if (looksLikeHtml(el.text, el.raw)) report('ContainsUndeclaredHTML', el, el.text.trim());
  } else if (type === 'html' || type === 'text/html') {
    checkHtml(el, el.text, report);
  } else if (type === 'xhtml') {
    checkXhtml(el, report);
  }
}

/** XHTML content: its elements and attributes are in the tree itself. */
function checkXhtml(el: El, report: Report) {
  for (const d of descendants(el)) {
    if (securityRisk(`<${d.local}>`)) report('SecurityRisk', el, `<${d.local}> in XHTML`);
    for (const [name, value] of Object.entries(d.attrs)) {
      if (/^on/i.test(name) || (/^(href|src)$/i.test(name) && /^\s*(javascript|vbscript):/i.test(value)))
        report('SecurityRisk', el, `${name} in XHTML`);
      if (name === 'style' && !safeStyle(value)) report('DangerousStyleAttr', el, `style="${value}"`);
    }
  }
}

function lintAtomPerson(person: El, report: Report) {
  single(person, ['name', 'uri', 'email'], report, ATOM);
  const name = kid(person, 'name', ATOM);
  if (!name) report('MissingElement', person, `${person.local} has no name`, 'name');
  else {
    if (name.text.trim() === '') report('NotBlank', name, 'blank name');
    if (endTag(name.text)) report('ContainsHTML', name, name.text);
  }
  const uri = kid(person, 'uri', ATOM);
  if (uri && !isIriReference(uri.text.trim())) report('InvalidLink', uri, uri.text);
  const email = kid(person, 'email', ATOM);
  if (email && !isAddrSpec(email.text)) {
    report('InvalidContact', email, email.text);
    report('InvalidAddrSpec', email, email.text);
  }
}

function lintAtomLinks(parent: El, report: Report, options: LintOptions) {
  const alternates = new Set<string>();
  for (const link of kids(parent, 'link', ATOM)) {
    const { href, type, hreflang, title } = link.attrs;
    const rel = (link.attrs.rel ?? 'alternate').replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, '');
    if (href === undefined) report('MissingAttribute', link, 'link has no href');
    else if (!isIriReference(href.trim()) || /\s/.test(href)) report('InvalidLink', link, href);
    if (link.attrs.rel !== undefined && link.attrs.rel.trim() === '') report('AttrNotBlank', link, 'blank rel');
    else if (!ATOM_LINK_RELS.has(rel) && !/^[a-z][a-z0-9+.-]*:/i.test(rel))
      report('UnregisteredAtomLinkRel', link, rel);
    if (title !== undefined && title.trim() === '') report('AttrNotBlank', link, 'blank title');
    if (title !== undefined && endTag(title)) report('ContainsHTML', link, title);
    if (type !== undefined && !isMime(type)) report('InvalidMIMEType', link, `type "${type}"`);
    if (hreflang !== undefined && !isLanguage(hreflang)) report('InvalidLanguage', link, hreflang);
    if (rel === 'self') checkSelf(link, report, options);
    if (rel === 'alternate') {
      const key = `${type ?? ''}|${hreflang ?? ''}`;
      if (alternates.has(key)) report('DuplicateAtomLink', link, `two alternate links of type "${type ?? ''}"`);
      alternates.add(key);
    }
  }
}

function lintAtomCommon(el: El, report: Report, now: Date, options: LintOptions, required = true) {
  single(
    el,
    [
      'id',
      'title',
      'updated',
      'published',
      'subtitle',
      'rights',
      'icon',
      'logo',
      'generator',
      'summary',
      'content',
      'source',
    ],
    report,
    ATOM,
  );
  const id = kid(el, 'id', ATOM);
  if (!id) {
    if (required) report('MissingElement', el, `${el.local} has no id`, 'id');
  } else {
    if (id.text.trim() === '' && el.local === 'entry') report('NotBlank', id, 'blank id');
    for (const k of checkAtomId(id.text)) report(k, id, id.text);
  }
  const title = kid(el, 'title', ATOM);
  if (!title) {
    if (required) report('MissingElement', el, `${el.local} has no title`, 'title');
  } else {
    if (title.text.trim() === '' && title.children.length === 0) report('NotBlank', title, 'blank title');
    lintAtomText(title, report);
  }
  const updated = kid(el, 'updated', ATOM);
  if (!updated && required) report('MissingElement', el, `${el.local} has no updated`, 'updated');
  for (const name of ['updated', 'published']) {
    const date = kid(el, name, ATOM);
    if (date) for (const k of checkRfc3339(date.text, now)) report(k, date, date.text);
  }
  for (const name of ['subtitle', 'rights', 'summary']) {
    const t = kid(el, name, ATOM);
    if (t) {
      if (name === 'subtitle' && t.text.trim() === '' && t.children.length === 0)
        report('NotBlank', t, 'blank subtitle');
      lintAtomText(t, report);
    }
  }
  for (const name of ['icon', 'logo']) {
    const u = kid(el, name, ATOM);
    if (u && !isIriReference(u.text.trim())) report('InvalidLink', u, u.text);
  }
  const generator = kid(el, 'generator', ATOM);
  if (generator) {
    if (generator.text.trim() === '') report('NotBlank', generator, 'blank generator');
    if (endTag(generator.text)) report('ContainsHTML', generator, generator.text);
    if (generator.attrs.uri !== undefined && !isIriReference(generator.attrs.uri))
      report('InvalidLink', generator, generator.attrs.uri);
  }
  for (const person of [...kids(el, 'author', ATOM), ...kids(el, 'contributor', ATOM)]) lintAtomPerson(person, report);
  for (const category of kids(el, 'category', ATOM)) {
    const { term, scheme, label } = category.attrs;
    if (term === undefined) report('MissingAttribute', category, 'category has no term');
    else if (term.trim() === '') report('NotBlank', category, 'blank term');
    if (scheme !== undefined && !isAbsoluteUri(scheme)) report('InvalidFullLink', category, scheme);
    if (label !== undefined && looksLikeHtml(label, '')) report('ContainsHTML', category, label);
  }
  lintAtomLinks(el, report, options);
}

function lintAtom(feed: El, report: Report, now: Date, options: LintOptions) {
  lintAtomCommon(feed, report, now, options);
  if (
    !kids(feed, 'link', ATOM).some((l) =>
      /^(http:\/\/www\.iana\.org\/assignments\/relation\/)?self$/.test(l.attrs.rel ?? ''),
    )
  )
    report('MissingSelf', feed, 'no link rel="self"');
  const feedHasAuthor = kids(feed, 'author', ATOM).length > 0;
  const entries = kids(feed, 'entry', ATOM);
  const ids = new Map<string, number>();
  for (const entry of entries) {
    lintAtomCommon(entry, report, now, options);
    if (
      !feedHasAuthor &&
      kids(entry, 'author', ATOM).length === 0 &&
      !kid(kid(entry, 'source', ATOM) ?? entry, 'author', ATOM)
    ) {
      report('MissingElement', entry, 'entry has no author and the feed has none', 'author');
    }
    const content = kid(entry, 'content', ATOM);
    if (content) lintAtomContent(content, report);
    const source = kid(entry, 'source', ATOM);
    if (source) lintAtomCommon(source, report, now, options, false);
    const alternate = kids(entry, 'link', ATOM).some((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    if (!content && !alternate)
      report('MissingContentOrAlternate', entry, 'an entry needs content or an alternate link');
    const id = kid(entry, 'id', ATOM)?.text.trim();
    if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  const repeated = [...ids.values()].filter((n) => n > 1);
  if (repeated.length > 0)
    report(
      entries.length > 2 && repeated.length === 1 && repeated[0] === entries.length
        ? 'DuplicateIds'
        : 'DuplicateEntries',
      feed,
      'entries share an id',
    );
}

function lintAtomContent(content: El, report: Report) {
  const { type, src } = content.attrs;
  if (type !== undefined && type.trim() === '') return report('AttrNotBlank', content, 'blank type');
  if (src !== undefined) {
    if (type !== undefined && TEXT_TYPES.has(type)) report('InvalidMIMEType', content, `type "${type}" with src`);
    if (!isIriReference(src)) report('InvalidLink', content, src);
    return undefined;
  }
  if (content.text.trim() === '' && content.children.length === 0) report('NotBlank', content, 'empty content');
  if (type === undefined || TEXT_TYPES.has(type) || type === 'text/plain' || type === 'text/html')
    return lintAtomText(content, report);
  if (!isMime(type) || /^multipart\//i.test(type)) return report('InvalidMIMEType', content, `type "${type}"`);
  if (/^text\/|[/+]xml$/i.test(type)) return undefined;
  // Any other type is base64.
  const decoded = Buffer.from(content.text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/html/i.test(type)) checkHtml(content, decoded, report);
  return undefined;
}

/** Every element's qualified name, for tests that look for one. */
export const elementNames = (xml: string) => [...descendants(parseXml(xml))].map((e) => e.name);
