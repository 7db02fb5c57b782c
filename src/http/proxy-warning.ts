// Behind a proxy or load balancer with TRUST_PROXY off, every request seems to come from the proxy's address: all
// readers share one comment rate limit and one flood budget, and banning that address bans everyone. Requests that
// carry X-Forwarded-For say a proxy is there, so the server says so, once (the README says when to set TRUST_PROXY).
import type { FastifyInstance } from 'fastify';

export const UNTRUSTED_PROXY_WARNING =
  'Requests carry X-Forwarded-For but TRUST_PROXY is off: every reader appears to come from the ' +
  "proxy's address, so they all share one comment rate limit and flood budget, and a ban by address bans them all. " +
  'Behind a proxy or load balancer that sets X-Forwarded-For, set TRUST_PROXY=on (and let only the proxy reach this server).';

/** Logs UNTRUSTED_PROXY_WARNING at the first forwarded request, once for the app (one app per process). */
export function warnOfUntrustedProxy(app: FastifyInstance, trustProxy: boolean): void {
  if (trustProxy) return;
  let warned = false;
  app.addHook('onRequest', async (req) => {
    if (warned || (req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined)) return;
    warned = true;
    req.log.warn({ proxyAddress: req.socket.remoteAddress }, UNTRUSTED_PROXY_WARNING);
  });
}
