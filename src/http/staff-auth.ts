// Staff API calls carry "Authorization: Bearer <token>"; the token's user and role act. A staff route declares
// its guard as an onRequest hook, which Fastify runs before it reads, parses or validates the body: a caller
// without the right gets 401/403 whatever it sent, and learns nothing of what the endpoint expects. What a token
// means and what a role may do are the modules' business: app.ts hands both to installStaffAuth.
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Action, Staff } from '../modules/permissions/index.ts';
import { unauthorized } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member the route's guard authenticated (null on routes without one, or a poster's call). */
    staff: Staff | null;
  }
  interface FastifyInstance {
    staffAuth: StaffAuth;
  }
}

/** What checking a staff call needs, handed in from app.ts. */
export interface StaffAuth {
  /** The staff member behind a bearer token; throws 401 for one that is not valid. */
  authenticate(token: string): Promise<Staff>;
  /** Throws 403 unless the role grants the right. */
  authorize(staff: Staff, action: Action): void;
}

/** What a route needs: a role's right, or a check of its own (which may read the unvalidated params). */
export type StaffRight = Action | ((staff: Staff, req: FastifyRequest) => Promise<void> | void);

export interface StaffGuardOptions {
  /** A route that readers also call without a bearer token (a poster editing their comment): let those through. */
  orAnonymous?: boolean;
}

const guards = new WeakSet<object>();

/** The staff member behind the request's bearer token; 401 without one or with a bad one. */
async function bearerStaff(req: FastifyRequest): Promise<Staff> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match)
    throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return req.server.staffAuth.authenticate(match[1]);
}

/** An onRequest hook that authenticates the bearer token (401) and checks the right (403), before any body is read. */
export function staffGuard(right: StaffRight, options: StaffGuardOptions = {}): onRequestAsyncHookHandler {
  const guard: onRequestAsyncHookHandler = async (req) => {
    if (options.orAnonymous && req.headers.authorization === undefined) return;
    const staff = await bearerStaff(req);
    if (typeof right === 'string') req.server.staffAuth.authorize(staff, right);
    else await right(staff, req);
    req.staff = staff;
  };
  guards.add(guard);
  return guard;
}

/** The staff member the route's guard let in; a route that forgot its guard fails closed. */
export function staffOf(req: FastifyRequest): Staff {
  if (!req.staff)
    throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return req.staff;
}

/** Without the modules' checks (an app built for a test of the guard itself), no token is valid: closed, not open. */
const NO_TOKENS: StaffAuth = {
  authenticate: async () => {
    throw unauthorized('The bearer token is not valid.');
  },
  authorize: () => {
    throw unauthorized('The bearer token is not valid.');
  },
};

/**
 * Gives requests their `staff` slot and the app its way to check tokens, and refuses to start with a route that says
 * in its schema it takes a bearer token (so the OpenAPI document promises a guard) but declares no staff guard in its
 * onRequest hooks.
 */
export function installStaffAuth(app: FastifyInstance, auth: StaffAuth = NO_TOKENS): void {
  app.decorate('staffAuth', auth);
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    const security = (route.schema as { security?: Record<string, unknown>[] } | undefined)?.security ?? [];
    if (!security.some((s) => 'bearerAuth' in s)) return;
    const hooks = [route.onRequest ?? []].flat() as object[];
    if (!hooks.some((h) => guards.has(h))) {
      throw new Error(
        `${route.method} ${route.url} takes a bearer token but has no staffGuard in its onRequest hooks.`,
      );
    }
  });
}
