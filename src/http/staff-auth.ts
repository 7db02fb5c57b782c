// Staff API calls carry "Authorization: Bearer <token>"; the token's user and role act.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { authenticateToken, type Staff } from '../modules/people/index.ts';
import { unauthorized } from '../platform/errors.ts';

/** The staff member behind the request's bearer token; 401 without one. */
export async function requireStaff(deps: Pick<Deps, 'db' | 'clock'>, req: FastifyRequest): Promise<Staff> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('This needs a staff API token: send "Authorization: Bearer <token>" (dateline token create).');
  return authenticateToken(deps, match[1]);
}
