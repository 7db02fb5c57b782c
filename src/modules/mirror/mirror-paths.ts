// Where each address of the site lands in the mirror's directory, and how one written file links to another.
import path from 'node:path';

/** Query parameters that select another page of a list or of a discussion: each such page gets its own file. */
const PAGE_PARAMETERS = new Set(['page', 'cpage']);

/**
 * Addresses a static host cannot answer: the desk, the API, search, and what takes a reader's input
 * (reporting, editing or deleting a comment, notification settings, password links, previews).
 */
const LIVE_ONLY = [
  /^\/admin(\/|$)/,
  /^\/api(\/|$)/,
  /^\/search(\/|$)/,
  /^\/notifications(\/|$)/,
  /^\/forgot(\/|$)/,
  /^\/preview(\/|$)/,
  /^\/sign-(in|out)(\/|$)/,
  /^\/comments\/[^/]+\/./,
];

/**
 * True when the address can only be served by the live site (never crawled, linked there instead). A page
 * with a query other than a page number is one (a reply form); what a page loads may carry any (`?v=` versions).
 */
export function isLiveOnly(url: URL, kind: 'navigation' | 'resource' | 'identity' = 'navigation'): boolean {
  if (LIVE_ONLY.some((re) => re.test(url.pathname))) return true;
  if (kind === 'resource') return false;
  for (const [key, value] of url.searchParams) if (!PAGE_PARAMETERS.has(key) || !/^\d{1,6}$/.test(value)) return true;
  return false;
}

/** The address's path segments, decoded; undefined when one could escape the directory or name no file. */
function segments(pathname: string): string[] | undefined {
  const parts = pathname.split('/').filter((s) => s !== '');
  const decoded: string[] = [];
  for (const part of parts) {
    let s: string;
    try {
      s = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (s === '.' || s === '..' || /[/\\\0]/.test(s)) return undefined;
    decoded.push(s);
  }
  return decoded;
}

/**
 * The file (relative to the mirror's directory, '/'-separated) that holds the address: a page becomes
 * `its/path/index.html` (another page of a list `its/path/page-2/index.html`), anything else keeps its path
 * (a version query such as `?v=` is left to the link, which static hosts ignore).
 */
export function fileFor(url: URL, isPage: boolean): string | undefined {
  const parts = segments(url.pathname);
  if (!parts) return undefined;
  if (!isPage) return parts.length > 0 && !url.pathname.endsWith('/') ? parts.join('/') : undefined;
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}-${v}`);
  return [...parts, ...query, 'index.html'].join('/');
}

/** A relative link from one written file to another, encoded for an href, with the query and fragment kept. */
export function relativeHref(fromFile: string, toFile: string, suffix = ''): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return (
    relative
      .split('/')
      .map((s) => (s === '..' ? s : encodeURIComponent(s)))
      .join('/') + suffix
  );
}
