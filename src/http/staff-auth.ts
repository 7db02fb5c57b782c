// Staff API calls carry "Authorization: Bearer <token>"; the token's user and role act. A staff route declares
// its guard as an onRequest hook, which Fastify runs before it reads, parses or validates the body: a caller
// without the right gets 401/403 whatever it sent, and learns nothing of what the endpoint expects.
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Deps } from '../deps.ts';
import { authenticateToken, authorize, type Action, type Staff } from '../modules/people/index.ts';
import { unauthorized } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member the route's guard authenticated (null on routes without one, or a poster's call). */
    staff: Staff | null;
  }
}

/** What a route needs: a role's right, or a check of its own (which may read the unvalidated params). */
export type StaffRight = Action | ((staff: Staff, req: FastifyRequest) => Promise<void> | void);

export interface StaffGuardOptions {
  /** A route that readers also call without a bearer token (a poster editing their comment): let those through. */
  orAnonymous?: boolean;
}

const guards = new WeakSet<object>();

/** The staff member behind the request's bearer token; 401 without one or with a bad one. */
async function bearerStaff(deps: Pick<Deps, 'db' | 'clock'>, req: FastifyRequest): Promise<Staff> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return authenticateToken(deps, match[1]);
}

/** An onRequest hook that authenticates the bearer token (401) and checks the right (403), before any body is read. */
export function staffGuard(deps: Pick<Deps, 'db' | 'clock'>, right: StaffRight, options: StaffGuardOptions = {}): onRequestAsyncHookHandler {
  const guard: onRequestAsyncHookHandler = async (req) => {
    if (options.orAnonymous && req.headers.authorization === undefined) return;
    const staff = await bearerStaff(deps, req);
    if (typeof right === 'string') authorize(staff, right);
    else await right(staff, req);
    req.staff = staff;
  };
  guards.add(guard);
  return guard;
}

/** The staff member the route's guard let in; a route that forgot its guard fails closed. */
export function staffOf(req: FastifyRequest): Staff {
  if (!req.staff) throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return req.staff;
}

/**
 * Gives requests their `staff` slot, and refuses to start with a route that says in its schema it takes a bearer
 * token (so the OpenAPI document promises a guard) but declares no staff guard in its onRequest hooks.
 */
export function installStaffAuth(app: FastifyInstance): void {
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    const security = (route.schema as { security?: Record<string, unknown>[] } | undefined)?.security ?? [];
    if (!security.some((s) => 'bearerAuth' in s)) return;
    const hooks = [route.onRequest ?? []].flat() as object[];
    if (!hooks.some((h) => guards.has(h))) {
      throw new Error(`${route.method} ${route.url} takes a bearer token but has no staffGuard in its onRequest hooks.`);
    }
  });
}
