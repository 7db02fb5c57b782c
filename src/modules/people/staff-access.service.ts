// What an admin changes about someone's access: their role, or removing them from the desk. Either revokes the
// person's API tokens, which were made for what the person could do before.
import type { Deps } from '../../deps.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/clock.ts';
import { isId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { endSessions } from '../sessions/index.ts';
import { type ApiToken, listApiTokens, revokeTokensOf } from './api-token.service.ts';
import { revokePasswordLinks } from './password-link.service.ts';
import * as repo from './people.repository.ts';
import { authorize, type Staff } from '../permissions/index.ts';

async function findStaffMember(deps: Pick<Deps, 'db'>, userId: string) {
  const user = isId(userId) ? await repo.findUserById(deps.db, userId) : undefined;
  if (!user || user.removed_at) throw notFound('There is no such member of staff.', 'person');
  return user;
}

const lastAdmin = () =>
  new AppError({
    status: 409,
    code: 'last_admin',
    message: 'The newsroom needs at least one admin: make someone else admin first.',
    field: 'role',
  });

/** An admin changes someone's role; the newsroom always keeps at least one admin. The person's API tokens are revoked. */
export async function changeRole(
  deps: Deps,
  input: { staff: Staff; userId: string; role: StaffRole; ip: string },
): Promise<void> {
  authorize(input.staff, 'users.manage');
  const user = await findStaffMember(deps, input.userId);
  if (user.role === input.role) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (user.role === 'admin' && (await repo.countActiveAdmins(trx)) <= 1) throw lastAdmin();
    await repo.updateRole(trx, user.id, input.role);
    const tokens = await revokeTokensOf(trx, {
      userId: user.id,
      email: user.email,
      actor: input.staff,
      reason: 'role changed',
      ip: input.ip,
      at: now,
    });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'user.role_changed',
      subject: user.email,
      details: { from: user.role, to: input.role, tokensRevoked: tokens },
      ip: input.ip,
      at: now,
    });
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
    await endSessions(trx, { userId: user.id });
    const tokens = await revokeTokensOf(trx, {
      userId: user.id,
      email: user.email,
      actor: input.staff,
      reason: 'removed from the desk',
      ip: input.ip,
      at: now,
    });
    const links = await revokePasswordLinks(trx, { userId: user.id, at: now });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'user.removed',
      subject: user.email,
      details: { role: user.role, tokensRevoked: tokens, linksRevoked: links },
      ip: input.ip,
      at: now,
    });
  });
}

export interface StaffListEntry {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  /** Removed from the desk: their bylines stay, they no longer sign in. */
  removed: boolean;
  tokens: number;
}

/** The staff list as admins manage it, with how many API tokens each person holds. */
export async function listPeople(deps: Pick<Deps, 'db'>, input: { staff: Staff }): Promise<StaffListEntry[]> {
  authorize(input.staff, 'users.manage');
  const [people, tokens] = await Promise.all([repo.listUsers(deps.db), repo.countTokensByUser(deps.db)]);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    removed: p.removed_at !== null,
    tokens: tokens.get(p.id) ?? 0,
  }));
}

export interface PersonView {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  removed: boolean;
  tokens: ApiToken[];
  /** The admin looking is this person: no reset or removal of oneself. */
  self: boolean;
}

/** One member of staff as an admin sees them: their access and their API tokens. */
export async function getPerson(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string },
): Promise<PersonView> {
  authorize(input.staff, 'users.manage');
  const person = isId(input.id) ? await repo.findUserById(deps.db, input.id) : undefined;
  if (!person) throw notFound('There is no such member of staff.', 'person');
  const tokens = await listApiTokens(deps, { userId: person.id });
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    role: person.role,
    removed: person.removed_at !== null,
    tokens,
    self: person.id === input.staff.id,
  };
}
