// What an admin changes about someone's access: their role, or removing them from the desk. Either revokes the
// person's API tokens, which were made for what the person could do before.
import type { Deps } from '../../deps.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/clock.ts';
import { isId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { revokeTokensOf } from './api-tokens.ts';
import { revokePasswordLinks } from './password-links.ts';
import * as repo from './people.repository.ts';
import { authorize, type Staff } from './permissions.ts';

async function findStaffMember(deps: Pick<Deps, 'db'>, userId: string) {
  const user = isId(userId) ? await repo.findUserById(deps.db, userId) : undefined;
  if (!user || user.removed_at) throw notFound('There is no such member of staff.');
  return user;
}

const lastAdmin = () => new AppError(409, 'last_admin', 'The newsroom needs at least one admin: make someone else admin first.', 'role');

/** An admin changes someone's role; the newsroom always keeps at least one admin. The person's API tokens are revoked. */
export async function changeRole(deps: Deps, input: { staff: Staff; userId: string; role: StaffRole; ip: string }): Promise<void> {
  authorize(input.staff, 'users.manage');
  const user = await findStaffMember(deps, input.userId);
  if (user.role === input.role) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (user.role === 'admin' && (await repo.countActiveAdmins(trx)) <= 1) throw lastAdmin();
    await repo.updateRole(trx, user.id, input.role);
    const tokens = await revokeTokensOf(trx, { userId: user.id, email: user.email, actor: input.staff, reason: 'role changed', ip: input.ip, at: now });
    await recordAudit(trx, { actor: input.staff, action: 'user.role_changed', subject: user.email, details: { from: user.role, to: input.role, tokensRevoked: tokens }, ip: input.ip, at: now });
  });
}

/**
 * An admin removes someone from the desk (they left the newsroom): no password, no session, no API token, no
 * outstanding link. Their bylines and author page stay; an invitation brings them back.
 */
export async function removeStaff(deps: Deps, input: { staff: Staff; userId: string; ip: string }): Promise<void> {
  authorize(input.staff, 'users.manage');
  const user = await findStaffMember(deps, input.userId);
  if (user.id === input.staff.id) throw conflict('remove_self', 'You cannot remove yourself: ask another admin.');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (user.role === 'admin' && (await repo.countActiveAdmins(trx)) <= 1) throw lastAdmin();
    await repo.markRemoved(trx, user.id, iso(now));
    await repo.deleteSessionsOf(trx, user.id);
    const tokens = await revokeTokensOf(trx, { userId: user.id, email: user.email, actor: input.staff, reason: 'removed from the desk', ip: input.ip, at: now });
    const links = await revokePasswordLinks(trx, { userId: user.id, at: now });
    await recordAudit(trx, { actor: input.staff, action: 'user.removed', subject: user.email, details: { role: user.role, tokensRevoked: tokens, linksRevoked: links }, ip: input.ip, at: now });
  });
}
