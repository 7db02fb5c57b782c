// Cross-site request protection that needs no per-reader token in the page (so pages stay cacheable):
// a browser tells us where a state-changing request comes from, and we refuse other sites.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates each request by a signed token in its address and uses no cookies, so another
     * site (a mail provider's one-click unsubscribe) may post to it. Only for such routes. */
    allowCrossSite?: boolean;
  }
}

export function isCrossSite(req: FastifyRequest, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const host = req.headers.host;
    return origin !== publicOrigin && origin !== `${req.protocol}://${host}`;
  }
  // An opaque origin ("null") comes from sandboxed frames and privacy redirects: never trusted.
  if (origin === 'null') return true;
  // No browser signal at all: not a browser carrying a reader's cookies (curl, server-side clients).
  return false;
}

/** Refuses state-changing requests that a browser says come from another site. Bearer-token calls carry no cookies. */
export function installCrossSiteProtection(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method) || /^Bearer /i.test(req.headers.authorization ?? '')) return;
    if (req.routeOptions.config?.allowCrossSite === true) return;
    if (isCrossSite(req, publicOrigin)) {
      throw new AppError(
        403,
        'cross_site_request',
        'This request came from another site and was refused. Post from the page itself.',
      );
    }
  });
}
