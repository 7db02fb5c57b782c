// One-time password links: a reset for someone who forgot, an invitation for someone new.
// The link's secret is mailed once; only its hash is stored; it works once and expires.
import { hash } from '@node-rs/argon2';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { endSessions } from '../sessions/index.ts';
import * as links from './password-link.repository.ts';
import * as people from './people.repository.ts';
import { createUser } from './people.service.ts';
import { authorize, type Staff } from '../permissions/index.ts';

const HOUR = 3_600_000;
const LIFETIME = { reset: 1 * HOUR, invite: 7 * 24 * HOUR } as const;
const MAX_RESETS_PER_HOUR = 3;

type Purpose = keyof typeof LIFETIME;

/** Stores a new link in the caller's transaction; returns its address, which holds the only copy of its secret. */
async function issueLink(deps: Pick<Deps, 'clock' | 'config'>, trx: Db, link: { userId: string; purpose: Purpose }): Promise<string> {
  const secret = newSecret(32);
  const now = deps.clock.now();
  await links.insertPasswordLink(trx, {
    id: newId(), token_hash: sha256(secret), user_id: link.userId, purpose: link.purpose,
    created_at: iso(now), expires_at: iso(new Date(now.getTime() + LIFETIME[link.purpose])), used_at: null,
  });
  return `${deps.config.publicUrl}/admin/password/${secret}`;
}

/** Mails a reset link if the account exists; says nothing either way, so emails cannot be probed. */
export async function requestPasswordReset(deps: Deps, input: { email: string; ip: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const user = await people.findUserByEmail(deps.db, email);
  if (!user) {
    deps.logger.info({ email, ip: input.ip }, 'password reset asked for an unknown email');
    return;
  }
  const now = deps.clock.now();
  if ((await links.countResetLinksSince(deps.db, user.id, iso(new Date(now.getTime() - HOUR)))) >= MAX_RESETS_PER_HOUR) {
    deps.logger.warn({ email, ip: input.ip }, 'password reset refused: too many this hour');
    return;
  }
  const link = await deps.db.transaction().execute(async (trx) => {
    const url = await issueLink(deps, trx, { userId: user.id, purpose: 'reset' });
    await recordAudit(trx, { actor: null, action: 'password.reset_requested', subject: email, ip: input.ip, at: now });
    return url;
  });
  await deps.mailer.send({
    to: user.email,
    subject: 'Reset your password',
    text: `Hello ${user.name},\n\nSomeone (we hope you) asked to reset your password. Choose a new one here within the hour:\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
  });
}

/** An admin invites a new member of staff, who sets a password through the mailed link. */
export async function inviteStaff(deps: Deps, input: { staff: Staff; email: string; name: string; role: string; ip: string }): Promise<void> {
  authorize(input.staff, 'users.manage');
  const email = input.email.trim().toLowerCase();
  const existing = await people.findUserByEmail(deps.db, email);
  if (existing?.password_hash) throw new AppError(409, 'already_member', `${email} already has an account.`, 'email');
  const user = existing ?? (await createUser(deps, { email, name: input.name, role: input.role }));
  const link = await deps.db.transaction().execute(async (trx) => {
    const url = await issueLink(deps, trx, { userId: user.id, purpose: 'invite' });
    await recordAudit(trx, { actor: input.staff, action: 'user.invited', subject: email, details: { role: input.role }, ip: input.ip, at: deps.clock.now() });
    return url;
  });
  await deps.mailer.send({
    to: email,
    subject: 'You are invited to the newsroom',
    text: `Hello ${existing?.name ?? input.name},\n\n${input.staff.name} invited you to work at the desk. Choose your password here within 7 days:\n\n${link}\n`,
  });
}

export interface PasswordLink {
  id: string;
  purpose: Purpose;
  user: { id: string; name: string; email: string };
}

/** The link behind a secret, if it is unused and unexpired. */
export async function findPasswordLink(deps: Pick<Deps, 'db' | 'clock'>, secret: string): Promise<PasswordLink | undefined> {
  const row = await links.findLiveLink(deps.db, sha256(secret), iso(deps.clock.now()));
  return row && { id: row.id, purpose: row.purpose, user: { id: row.user_id, name: row.name, email: row.email } };
}

/** Sets the password through a link; the link is spent and every session of the account ends. */
export async function usePasswordLink(deps: Deps, input: { secret: string; password: string; ip: string }): Promise<PasswordLink> {
  const link = await findPasswordLink(deps, input.secret);
  if (!link) throw new AppError(410, 'link_expired', 'This link has expired or was already used. Ask for a new one.');
  if (input.password.length < 10) throw invalid('password', 'password_too_short', 'The password must be at least 10 characters.');
  if (input.password.length > 1000) throw invalid('password', 'password_too_long', 'The password must be at most 1000 characters.');
  const passwordHash = await hash(input.password);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await links.spendLink(trx, link.id, iso(now)))) throw new AppError(410, 'link_expired', 'This link was just used. Ask for a new one.');
    await people.updatePasswordHash(trx, link.user.id, passwordHash);
    await endSessions(trx, { userId: link.user.id });
    await recordAudit(trx, {
      actor: { id: link.user.id, name: link.user.name }, action: link.purpose === 'invite' ? 'user.joined' : 'password.reset',
      subject: link.user.email, ip: input.ip, at: now,
    });
  });
  return link;
}
