// Old WordPress addresses answer with a 301 to their new home. Paths are looked up only on the way to a
// 404, so a normal page costs nothing; the front page's ?p=/?page_id= links are caught before it renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { findLegacyRedirect } from './wordpress-import.service.ts';
import { servedSegments } from './wordpress-urls.ts';

const FRONT = /^\/(?:index\.php)?(?:\?|$)/;
const LEGACY_QUERY = /[?&](?:p|page_id|attachment_id|feed)=/;

// The first path segments the app serves, read from its route list once all routes are registered.
const served = new WeakMap<readonly unknown[], Set<string>>();
const servedBy = (req: FastifyRequest) => {
  const routes = req.server.routeList;
  return served.get(routes) ?? served.set(routes, servedSegments(routes)).get(routes)!;
};

/** Answers a request for an old address with a 301; returns whether it did. */
export async function redirectLegacyUrl(
  deps: Pick<Deps, 'db' | 'clock'>,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const target = await findLegacyRedirect(deps, req.url, servedBy(req));
  if (!target) return false;
  await reply.header('cache-control', 'public, max-age=3600').redirect(target, 301);
  return true;
}

/** Catches WordPress's query links on the front page, which would otherwise show the front page itself. */
export function registerLegacyRedirects(app: FastifyInstance, deps: Pick<Deps, 'db' | 'clock'>): void {
  app.addHook('onRequest', async (req, reply) => {
    if (FRONT.test(req.url) && LEGACY_QUERY.test(req.url)) {
      if (await redirectLegacyUrl(deps, req, reply)) return reply;
    }
    return undefined;
  });
}
