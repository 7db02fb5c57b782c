// Revalidations answered before routing. Browsers and CDNs ask again for a page they hold (If-None-Match) far more
// often than for a new one, and when their copy is current the answer is a 304 of a few headers. Fastify's request
// lifecycle (routing, four hooks, the reply) cost more than writing that answer: the 304 ran at 0.74 x a bare Node
// server sending the same one. So when a route serves a page from the shared render cache to a request that carries
// no cookie, this map learns which cache key that address names and which headers went with it; the server's request
// listener then answers the next If-None-Match for the address from the cache entry itself, while it is still live.
// Nothing here decides what a page is: a cookie, another method, an address no route has taught, or a page changed or
// evicted since (its cache key gone), and the request goes to Fastify as any other.
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import { BoundedLru } from '../platform/cache/bounded-lru.ts';
import type { CachedPage, PageCache } from '../platform/cache/page-cache.ts';
import { chooseEncoding, matchesEtag, varyNames, varyWithEncoding } from './compression.ts';
import { variantHeaders } from './page-headers.ts';

/** What a route taught about an address: the cache key of its page and the headers the route set around it. */
interface Learned {
  key: string;
  /** The answer's headers before the page's own (security headers, Vary, anything the route added). */
  headers: OutgoingHttpHeaders;
  /**
   * The whole 304's headers, made once for each variant of the page (keyed by the variant's own headers, which the
   * page keeps while it lives): a new object per answer, spread from the route's, cost more than the rest of it.
   */
  answers: WeakMap<object, OutgoingHttpHeaders>;
}

/**
 * What the remembered addresses may take, counted as each address's length and its headers' (about 1 KB): room for
 * thousands of pages, and a bound that a reader inventing addresses (`/?x=…`, served from the cache) cannot pass.
 */
const MAX_BYTES = 8 * 1024 * 1024;
/** A longer address is not remembered: no page of ours needs one, and each would take room from the rest. */
const MAX_ADDRESS_LENGTH = 512;

export class Revalidations {
  private readonly learned = new BoundedLru<Learned>(MAX_BYTES);
  /** Revalidations answered here, before routing, since start. */
  answered = 0;

  constructor(
    private readonly pageCache: PageCache,
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  /**
   * Called as a route sends `key`'s page from the cache: remembers the address when every reader without a cookie
   * gets this same answer from it (a GET with no cookie, no credentials, and nothing set for this reader alone).
   */
  learn(req: FastifyRequest, reply: FastifyReply, key: string): void {
    const { headers, url = '' } = req.raw;
    if (req.raw.method !== 'GET' || headers.cookie !== undefined || headers.authorization !== undefined) return;
    if (url.length > MAX_ADDRESS_LENGTH) return;
    const set = reply.getHeaders();
    // Only what this answer accounts for may choose the page: a route that varies on anything else, or sets a cookie,
    // is left to answer every time (and forgotten, had it been learned before).
    const vary = varyNames(set.vary).map((v) => v.toLowerCase());
    if (set['set-cookie'] !== undefined || vary.some((v) => v !== 'cookie' && v !== 'accept-encoding')) {
      this.learned.delete(url);
      return;
    }
    if (this.learned.get(url)?.key === key) return;
    const learned = { key, headers: { ...set } as OutgoingHttpHeaders, answers: new WeakMap() };
    this.learned.set(url, learned, url.length + JSON.stringify(learned.headers).length);
  }

  /** Answers a current copy's If-None-Match with a 304, as the route would; false to let Fastify answer instead. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    const { headers } = req;
    if (
      headers['if-none-match'] === undefined ||
      req.method !== 'GET' ||
      headers.cookie !== undefined ||
      headers.authorization !== undefined
    )
      return false;
    const known = this.learned.get(req.url ?? '');
    if (!known) return false;
    const page: CachedPage | undefined = this.pageCache.get(known.key, this.clock.now().getTime());
    if (!page) return false;
    const encoding = chooseEncoding(req);
    const own = variantHeaders(page, encoding, true);
    if (matchesEtag(req, own.etag) !== true) return false;
    let headers304 = known.answers.get(own);
    if (!headers304) {
      headers304 = { ...known.headers, vary: varyWithEncoding(known.headers.vary), ...own };
      known.answers.set(own, headers304);
    }
    res.writeHead(304, headers304);
    res.end();
    this.answered++;
    // The access log Fastify would have written for it (at info, as Fastify logs requests).
    if (this.logger?.isLevelEnabled('info'))
      this.logger.info(
        {
          req: {
            method: 'GET',
            url: req.url,
            remoteAddress: req.socket.remoteAddress,
            forwardedFor: headers['x-forwarded-for'],
          },
          res: { statusCode: 304 },
          beforeRouting: true,
        },
        'request completed',
      );
    return true;
  }
}

const byCache = new WeakMap<PageCache, Revalidations>();

/** The revalidations of a page cache: one map per cache, shared by the routes that teach it and the server. */
export function revalidationsOf(deps: { pageCache: PageCache; clock: Clock; logger?: Logger }): Revalidations {
  let found = byCache.get(deps.pageCache);
  if (!found) {
    found = new Revalidations(deps.pageCache, deps.clock, deps.logger);
    byCache.set(deps.pageCache, found);
  }
  return found;
}

/**
 * The HTTP server Fastify would make itself (its timeouts and limits as Fastify sets them), with revalidations it
 * knows answered before Fastify's handler runs. For Fastify's `serverFactory`.
 */
export function serverAnsweringRevalidations(
  revalidations: Revalidations,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: {
    http?: http.ServerOptions;
    keepAliveTimeout: number;
    requestTimeout: number;
    connectionTimeout: number;
    maxRequestsPerSocket: number;
  },
): http.Server {
  // Once closing, every request goes to Fastify, which closes kept-alive connections as it answers.
  const server = http.createServer(options.http ?? {}, (req, res) => {
    if (!server.listening || !revalidations.answer(req, res)) handler(req, res);
  });
  server.keepAliveTimeout = options.keepAliveTimeout;
  server.requestTimeout = options.requestTimeout;
  server.setTimeout(options.connectionTimeout);
  if (options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
  return server;
}
