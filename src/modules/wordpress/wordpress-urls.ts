// Old WordPress addresses: which ones an imported thing answered at, and how a request is matched
// against them. Keys are normalized the same way on both sides: decoded, lowercase, no trailing slash;
// query links are kept as their one meaningful parameter ("?p=12").

/** One old address and how sure we are of it: the item's own link beats a guessed permalink structure. */
export interface LegacyPath {
  path: string;
  priority: number;
}

const EXACT = 2;
const GUESSED = 1;
const QUERY_KEYS = ['p', 'page_id', 'attachment_id'];

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The lookup key of a path: percent-decoded, lowercase, single slashes, no trailing slash. */
export function normalizePath(path: string): string {
  const clean = path
    .split('/')
    .map(decode)
    .filter((s) => s !== '')
    .join('/')
    .toLowerCase();
  return `/${clean}`;
}

/** The keys an old URL (absolute or a path with a query) is known by. */
export function keysOfUrl(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://wordpress.invalid');
  } catch {
    return [];
  }
  const keys: string[] = [];
  for (const key of QUERY_KEYS) {
    const value = parsed.searchParams.get(key);
    if (value && /^\d+$/.test(value)) keys.push(`?${key}=${value}`);
  }
  // A query link's path is the site's own address, not the item's.
  if (keys.length) return keys;
  const path = normalizePath(parsed.pathname.replace(/\/index\.php$/i, '/'));
  if (path !== '/') keys.push(path);
  return keys;
}

/** The path part of the site's address (e.g. "/blog"), '' at the root. */
export function basePath(baseUrl: string): string {
  try {
    const path = normalizePath(new URL(baseUrl).pathname);
    return path === '/' ? '' : path;
  } catch {
    return '';
  }
}

export interface PermalinkInput {
  id: string;
  type: 'post' | 'page' | 'attachment';
  /** The decoded post_name; empty for drafts that never had one. */
  slug: string;
  /** WordPress's local post_date, "YYYY-MM-DD HH:MM:SS". */
  date: string;
  link: string;
  guid: string;
  category: string;
  base: string;
}

/** Every address an item may have been reached at: its own link, ?p=ID, and the common permalink structures. */
export function permalinksOf(item: PermalinkInput): LegacyPath[] {
  const out: LegacyPath[] = [];
  const add = (path: string, priority: number) => out.push({ path, priority });
  for (const key of keysOfUrl(item.link)) add(key, EXACT);
  for (const key of keysOfUrl(item.guid)) if (key.startsWith('?')) add(key, EXACT);
  if (item.type === 'attachment') add(`?attachment_id=${item.id}`, EXACT);
  else add(`?p=${item.id}`, EXACT);
  if (item.type === 'page') add(`?page_id=${item.id}`, EXACT);
  if (item.slug && item.type === 'post') {
    const slug = normalizePath(item.slug).slice(1);
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.date);
    if (m && m[1] !== '0000') {
      add(`${item.base}/${m[1]}/${m[2]}/${m[3]}/${slug}`, GUESSED);
      add(`${item.base}/${m[1]}/${m[2]}/${slug}`, GUESSED);
    }
    add(`${item.base}/archives/${item.id}`, GUESSED);
    add(`${item.base}/${slug}`, GUESSED);
    if (item.category) add(`${item.base}/${normalizePath(item.category).slice(1)}/${slug}`, GUESSED);
  } else if (item.slug && item.type === 'page') {
    add(`${item.base}/${normalizePath(item.slug).slice(1)}`, GUESSED);
  }
  return out;
}

export interface RequestMatch {
  /** Keys to look up, best first. */
  keys: string[];
  /** A feed address that names no item (the site's own feed, or its comments'). */
  siteFeed: boolean;
  /** The request was for a feed: its format, and whether of comments (the site's latest, or one post's). */
  feed?: { format: 'rss' | 'atom'; comments: boolean };
  /** The path without the feed and paging suffixes (normalized), for matching by slug. */
  path: string;
  /** WordPress's /page/N suffix on lists, carried over as ?page=N. */
  page?: number;
}

/** WordPress's ?feed= values and old feed files, by the format Dateline answers them with. */
const FEED_QUERY: Record<string, { format: 'rss' | 'atom'; comments: boolean }> = {
  rss2: { format: 'rss', comments: false },
  rss: { format: 'rss', comments: false },
  rdf: { format: 'rss', comments: false },
  atom: { format: 'atom', comments: false },
  'comments-rss2': { format: 'rss', comments: true },
  'comments-atom': { format: 'atom', comments: true },
};
const FEED_FILES: Record<string, { format: 'rss' | 'atom'; comments: boolean }> = {
  '/wp-rss2.php': FEED_QUERY.rss2,
  '/wp-rss.php': FEED_QUERY.rss,
  '/wp-rdf.php': FEED_QUERY.rdf,
  '/wp-atom.php': FEED_QUERY.atom,
  '/wp-commentsrss2.php': FEED_QUERY['comments-rss2'],
  '/rss': FEED_QUERY.rss,
  '/rss2': FEED_QUERY.rss2,
  '/atom': FEED_QUERY.atom,
};

/** What an incoming request may be in the old site's terms: its path, its ?p= style query, feed and paging suffixes. */
export function matchRequest(url: string): RequestMatch {
  const [rawPath, query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  const keys: string[] = [];
  for (const key of QUERY_KEYS) {
    const value = params.get(key);
    if (value && /^\d+$/.test(value)) keys.push(`?${key}=${value}`);
  }
  let path = normalizePath(rawPath.replace(/\/index\.php$/i, '/'));
  let feed = params.has('feed') ? (FEED_QUERY[params.get('feed') ?? ''] ?? FEED_QUERY.rss2) : undefined;
  let siteFeed = feed !== undefined && keys.length === 0 && path === '/';
  const suffix = /\/feed(?:\/(rss2?|atom|rdf))?$/.exec(path);
  if (suffix) {
    path = path.slice(0, suffix.index) || '/';
    feed = { format: suffix[1] === 'atom' ? 'atom' : 'rss', comments: false };
    if (path === '/') siteFeed = true;
  }
  if (FEED_FILES[path]) {
    feed = FEED_FILES[path];
    path = '/';
    siteFeed = true;
  }
  // The site's comments feed: /comments/feed/ (and ?feed=comments-rss2 on the front page).
  if (feed && path === '/comments') {
    feed = { ...feed, comments: true };
    path = '/';
    siteFeed = true;
  }
  let page: number | undefined;
  const paged = /\/page\/(\d{1,6})$/.exec(path);
  if (paged) {
    page = Number(paged[1]);
    path = path.slice(0, paged.index) || '/';
  }
  if (path !== '/') keys.push(path);
  return { keys, siteFeed, feed, path, page };
}

// First path segments no import may take although no route answers them yet: where people and password
// managers look for a sign-in page, and the folder browsers and certificate authorities read.
const RESERVED_SEGMENTS = ['login', 'logout', '.well-known'];

/** The first path segments the site serves ("admin", "api", "media", ...), read from its registered routes. */
export function servedSegments(routes: readonly { url: string }[]): Set<string> {
  const served = new Set(RESERVED_SEGMENTS);
  for (const route of routes) {
    const first = route.url.split('/')[1] ?? '';
    // Only fixed names: a parameter or a wildcard there would claim every address.
    if (first && !first.startsWith(':') && !first.includes('*')) served.add(first.toLowerCase());
  }
  return served;
}

/** Whether a path (normalized, or as requested) lies under an address the site serves. */
export const isServedPath = (path: string, served: ReadonlySet<string>): boolean =>
  !path.startsWith('?') && served.has(normalizePath(path).split('/')[1]);

// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\s\u0000-\u001F\u007F\\]/;

/**
 * Whether an old address may answer with a 301 to `target`: a path on this site, or a file in the uploads
 * folder of the old site itself (`source`, its base URL). Never another host, whatever an export says.
 */
export function isSafeTarget(target: string, source: string): boolean {
  if (UNSAFE_CHARACTERS.test(target)) return false;
  if (target.startsWith('/')) return !target.startsWith('//');
  try {
    const url = new URL(target);
    const site = new URL(source);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username &&
      !url.password &&
      url.host === site.host &&
      url.pathname.includes('/wp-content/uploads/')
    );
  } catch {
    return false;
  }
}
