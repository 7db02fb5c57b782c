// The headers a cached page is answered with: the same for every reader of a variant, so written once per page and
// variant and reused by every hit and 304, whether Fastify sends them (page-response.ts) or the server's early
// answer to a revalidation does (revalidation.ts).
import type { CachedPage } from '../platform/cache/page-cache.ts';
import { type Encoding, variantEtag } from './compression.ts';

export const HTML = 'text/html; charset=utf-8';

// Caches may keep a copy but must ask again each time; a 304 makes asking cheap.
export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The headers of one variant of a page, written once per page and variant, then reused by every hit and 304. */
export function variantHeaders(page: CachedPage, encoding: Encoding | undefined, hit: boolean): Record<string, string> {
  const slot = `${encoding ?? 'identity'}:${hit ? 'hit' : 'miss'}` as const;
  const made = page.headers?.[slot];
  if (made) return made;
  const headers = {
    'cache-control': CACHE_CONTROL,
    etag: variantEtag(page.etag, encoding),
    'last-modified': page.lastModified.toUTCString(),
    'x-page-cache': hit ? 'hit' : 'miss',
    'content-type': page.contentType ?? HTML,
  };
  (page.headers ??= {})[slot] = headers;
  return headers;
}
