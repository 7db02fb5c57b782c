// Sends public pages so browsers, this process and a CDN can all cache them safely:
// the same bytes for every anonymous reader, validated by ETag and Last-Modified.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import type { CachedPage } from '../platform/cache/page-cache.ts';
import { chooseEncoding, encode, matchesEtag, variantEtag, varyOnEncoding } from './compression.ts';
import { CACHE_CONTROL, HTML, variantHeaders } from './page-headers.ts';
import { revalidationsOf } from './revalidation.ts';

export interface RenderedPage {
  /** The page's text, or its bytes when it was put together from bytes (an article page's comments). */
  body: string | Buffer;
  tags: string[];
  /** When the page stops being true by itself (a discussion closes, a scheduled story appears). */
  expiresAt?: Date | null;
  /** Defaults to HTML; feeds and sitemaps name their own. */
  contentType?: string;
  /**
   * When what the page says last changed (a feed's newest entry), for Last-Modified; defaults to the render time.
   * Re-rendering the same content then keeps both validators, so pollers keep getting 304s.
   */
  lastModified?: Date;
}

function notModified(req: FastifyRequest, page: CachedPage, etag: string): boolean {
  const byEtag = matchesEtag(req, etag);
  if (byEtag !== undefined) return byEtag;
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(page.lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/**
 * Sends the variant the reader accepts. A stored page carries its compressed variants already; a page that is not
 * stored (the cache is off) is compressed here, for this reader's encoding alone.
 */
function send(
  deps: Pick<Deps, 'pageCache' | 'clock'>,
  { req, reply, key }: { req: FastifyRequest; reply: FastifyReply; key: string },
  served: { page: CachedPage; hit: boolean },
) {
  const { page, hit } = served;
  // The shared copy, stored under `key`: the server may answer this address's next revalidation itself.
  if (deps.pageCache.enabled) revalidationsOf(deps).learn(req, reply, key);
  const encoding = chooseEncoding(req);
  if (encoding && !page.encoded[encoding]) page.encoded[encoding] = encode(page.body, encoding);
  const headers = variantHeaders(page, encoding, hit);
  varyOnEncoding(reply);
  reply.headers(headers);
  if (notModified(req, page, headers.etag)) return reply.code(304).send();
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(encoding ? page.encoded[encoding] : page.body);
}

/**
 * A page that can name its validator before rendering: `validator` reads only what says the page changed (versions,
 * revisions) and returns a digest of it, or undefined when there is no page; `render` then makes the page it names.
 */
export interface ValidatedPage {
  validator: () => Promise<string | undefined>;
  render: () => Promise<RenderedPage | undefined>;
}

/** The strong ETag of a validator's digest. */
const etagOf = (digest: string) => `"${digest}"`;

/**
 * A 304 answered from the validator alone, with no render, when the reader's copy is still what the page would be.
 * Last-Modified is unknown without a page, so only If-None-Match is answered here.
 */
function notModifiedWithoutRender(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  const encoding = chooseEncoding(req);
  if (matchesEtag(req, variantEtag(etag, encoding)) !== true) return false;
  varyOnEncoding(reply);
  reply.headers({ 'cache-control': CACHE_CONTROL, etag: variantEtag(etag, encoding) });
  reply.code(304).send();
  return true;
}

/** Serves a page from the render cache, or renders, stores and serves it; false when there is nothing to render. */
export async function sendCachedPage(
  deps: Pick<Deps, 'pageCache' | 'clock'>,
  { req, reply, key }: { req: FastifyRequest; reply: FastifyReply; key: string },
  source: (() => Promise<RenderedPage | undefined>) | ValidatedPage,
): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const cached = deps.pageCache.get(key, now);
  if (cached) {
    send(deps, { req, reply, key }, { page: cached, hit: true });
    return true;
  }
  const started = deps.pageCache.begin();
  const validated = typeof source === 'function' ? undefined : source;
  let digest: string | undefined;
  if (validated) {
    digest = await validated.validator();
    if (digest === undefined) return false;
    if (notModifiedWithoutRender(req, reply, etagOf(digest))) return true;
  }
  const rendered = await (validated ? validated.render() : (source as () => Promise<RenderedPage | undefined>)());
  if (!rendered) return false;
  const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body;
  const page: CachedPage = {
    body,
    encoded: deps.pageCache.enabled ? { br: encode(body, 'br'), gzip: encode(body, 'gzip') } : {},
    // A page that names its validator is known by it; any other by a digest of its bytes.
    etag: etagOf(digest ?? createHash('sha1').update(body).digest('base64url')),
    lastModified:
      rendered.lastModified && rendered.lastModified.getTime() <= now ? rendered.lastModified : new Date(now),
    expiresAt: rendered.expiresAt ? rendered.expiresAt.getTime() : Number.POSITIVE_INFINITY,
    tags: rendered.tags,
    ...(rendered.contentType && { contentType: rendered.contentType }),
  };
  deps.pageCache.set(key, page, { startedAt: started, now });
  send(deps, { req, reply, key }, { page, hit: false });
  return true;
}

/** Sends an HTML page with its status (desk pages, forms shown again with their errors). */
export const sendHtml = (reply: FastifyReply, status: number, body: string) => reply.code(status).type(HTML).send(body);
