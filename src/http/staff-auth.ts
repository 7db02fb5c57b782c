// Staff API calls carry "Authorization: Bearer <token>"; the token's user and role act. What a token means is
// the people module's business: app.ts hands its check to installStaffAuth, so the edge imports no module.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Staff } from '../modules/permissions/index.ts';
import { unauthorized } from '../platform/errors.ts';

/** Finds the staff member behind a bearer token; throws 401 for a token that is not valid. */
export type AuthenticateToken = (token: string) => Promise<Staff>;

declare module 'fastify' {
  interface FastifyInstance {
    authenticateToken: AuthenticateToken;
  }
}

/** Gives every route of the app the way to check a bearer token. */
export function installStaffAuth(app: FastifyInstance, authenticate: AuthenticateToken): void {
  app.decorate('authenticateToken', authenticate);
}

/** The staff member behind the request's bearer token; 401 without one. */
export async function requireStaff(req: FastifyRequest): Promise<Staff> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return req.server.authenticateToken(match[1]);
}
