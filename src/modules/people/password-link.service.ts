// One-time password links: a reset for someone who forgot (or whom an admin reset), an invitation for someone new.
// The link's secret is mailed once; only its hash is stored; it works once and expires. A new password (through
// a link, a change on the Account page, or an admin's reset) revokes every other outstanding link of the person.
import { hash } from '@node-rs/argon2';
import type { Translator } from '../../platform/i18n/translator.ts';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { isId, newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { endSessions } from '../sessions/index.ts';
import * as links from './password-link.repository.ts';
import * as people from './people.repository.ts';
import { createUser } from './people.service.ts';
import { authorize, ROLES, type Staff } from '../permissions/index.ts';

const HOUR = 3_600_000;
const LIFETIME = { reset: 1 * HOUR, invite: 7 * 24 * HOUR, adminReset: 24 * HOUR } as const;
const MAX_RESETS_PER_HOUR = 3;

type Purpose = 'reset' | 'invite';

/** Stores a new one-time link inside `trx` and returns its URL; `lifetime` is in milliseconds. */
async function issueLink(
  deps: Deps,
  trx: Db,
  { userId, purpose, lifetime }: { userId: string; purpose: Purpose; lifetime: number },
): Promise<string> {
  const secret = newSecret(32);
  const now = deps.clock.now();
  await links.insertPasswordLink(trx, {
    id: newId(),
    token_hash: sha256(secret),
    user_id: userId,
    purpose,
    created_at: iso(now),
    expires_at: iso(new Date(now.getTime() + lifetime)),
    used_at: null,
  });
  return `${deps.config.publicUrl}/admin/password/${secret}`;
}

/** Inside the caller's transaction: revokes every outstanding reset or invitation link of a person. */
export async function revokePasswordLinks(db: Db, input: { userId: string; at: Date }): Promise<number> {
  return links.revokeLinksOf(db, { userId: input.userId, at: iso(input.at) });
}

/**
 * The words of a mail to a member of staff: their desk language, else the site's (`siteLanguage`, which the caller
 * reads from the settings, a module beside this one).
 */
function staffMailTranslator(
  deps: Pick<Deps, 'translations'>,
  user: { language: string | null },
  siteLanguage: string,
): Translator {
  const language = user.language && deps.translations.speaks(user.language) ? user.language : siteLanguage;
  return deps.translations.for(language, 'UTC');
}

/** Mails a reset link if the account exists; says nothing either way, so emails cannot be probed. */
export async function requestPasswordReset(
  deps: Deps,
  input: { email: string; ip: string; siteLanguage: string },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const user = await people.findUserByEmail(deps.db, email);
  if (!user || user.removed_at) {
    deps.logger.info({ email, ip: input.ip }, 'password reset asked for an unknown or removed email');
    return;
  }
  const now = deps.clock.now();
  if (
    (await links.countLinksSince(deps.db, {
      userId: user.id,
      purpose: 'reset',
      since: iso(new Date(now.getTime() - HOUR)),
    })) >= MAX_RESETS_PER_HOUR
  ) {
    deps.logger.warn({ email, ip: input.ip }, 'password reset refused: too many this hour');
    return;
  }
  const link = await deps.db.transaction().execute(async (trx) => {
    const url = await issueLink(deps, trx, { userId: user.id, purpose: 'reset', lifetime: LIFETIME.reset });
    await recordAudit(trx, { actor: null, action: 'password.reset_requested', subject: email, ip: input.ip, at: now });
    return url;
  });
  const i18n = staffMailTranslator(deps, user, input.siteLanguage);
  await deps.mailer.send({
    to: user.email,
    subject: i18n.t('desk.mail.reset.subject'),
    text: `${i18n.t('desk.mail.reset.text', { name: user.name, link })}\n`,
  });
}

/**
 * An admin invites a new member of staff, who sets a password through the mailed link. Someone removed from the
 * desk earlier comes back this way, with the role chosen now.
 */
export async function inviteStaff(
  deps: Deps,
  input: { staff: Staff; email: string; name: string; role: string; ip: string; siteLanguage: string },
): Promise<void> {
  authorize(input.staff, 'users.manage');
  const email = input.email.trim().toLowerCase();
  const existing = await people.findUserByEmail(deps.db, email);
  if (existing?.password_hash)
    throw new AppError({
      status: 409,
      code: 'already_member',
      message: `${email} already has an account.`,
      field: 'email',
      values: { email },
    });
  if (existing?.removed_at && !ROLES.includes(input.role as StaffRole))
    throw invalid({
      field: 'role',
      code: 'invalid_role',
      message: `The role must be one of ${ROLES.join(', ')}.`,
      values: { roles: ROLES.join(', ') },
    });
  const user = existing ?? (await createUser(deps, { email, name: input.name, role: input.role }));
  const link = await deps.db.transaction().execute(async (trx) => {
    if (existing?.removed_at) await people.reinstate(trx, existing.id, input.role as StaffRole);
    const url = await issueLink(deps, trx, { userId: user.id, purpose: 'invite', lifetime: LIFETIME.invite });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'user.invited',
      subject: email,
      details: { role: input.role },
      ip: input.ip,
      at: deps.clock.now(),
    });
    return url;
  });
  const i18n = staffMailTranslator(deps, existing ?? { language: null }, input.siteLanguage);
  await deps.mailer.send({
    to: email,
    subject: i18n.t('desk.mail.invite.subject'),
    text: `${i18n.t('desk.mail.invite.text', { name: existing?.name ?? input.name, admin: input.staff.name, link, days: 7 })}\n`,
  });
}

/**
 * An admin resets someone's account (a lost password, a suspected break-in): the password stops working, every
 * session ends, every outstanding link is revoked, and a new reset link, valid for a day, is mailed to the person.
 */
export async function resetStaffPassword(
  deps: Deps,
  input: { staff: Staff; userId: string; ip: string; siteLanguage: string },
): Promise<void> {
  authorize(input.staff, 'users.manage');
  const user = isId(input.userId) ? await people.findUserById(deps.db, input.userId) : undefined;
  if (!user || user.removed_at) throw notFound('There is no such member of staff.', 'person');
  if (user.id === input.staff.id) throw conflict('reset_self', 'Change your own password on your Account page.');
  const now = deps.clock.now();
  const link = await deps.db.transaction().execute(async (trx) => {
    await people.setPasswordHash(trx, user.id, null);
    await endSessions(trx, { userId: user.id });
    const revoked = await revokePasswordLinks(trx, { userId: user.id, at: now });
    const url = await issueLink(deps, trx, { userId: user.id, purpose: 'reset', lifetime: LIFETIME.adminReset });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'password.reset_by_admin',
      subject: user.email,
      details: { linksRevoked: revoked },
      ip: input.ip,
      at: now,
    });
    return url;
  });
  const i18n = staffMailTranslator(deps, user, input.siteLanguage);
  await deps.mailer.send({
    to: user.email,
    subject: i18n.t('desk.mail.adminReset.subject'),
    text: `${i18n.t('desk.mail.adminReset.text', { name: user.name, admin: input.staff.name, link, forgot: i18n.t('desk.password.forgotTitle') })}\n`,
  });
}

export interface PasswordLink {
  id: string;
  purpose: Purpose;
  user: { id: string; name: string; email: string };
}

/** The link behind a secret, if it is unused, unrevoked and unexpired. */
export async function findPasswordLink(
  deps: Pick<Deps, 'db' | 'clock'>,
  secret: string,
): Promise<PasswordLink | undefined> {
  const row = await links.findLiveLink(deps.db, sha256(secret), iso(deps.clock.now()));
  return row && { id: row.id, purpose: row.purpose, user: { id: row.user_id, name: row.name, email: row.email } };
}

/** Sets the password through a link; the link is spent, the person's other links revoked, and every session ends. */
export async function usePasswordLink(
  deps: Deps,
  input: { secret: string; password: string; ip: string },
): Promise<PasswordLink> {
  const link = await findPasswordLink(deps, input.secret);
  if (!link) throw new AppError(410, 'link_expired', 'This link has expired or was already used. Ask for a new one.');
  if (input.password.length < 10)
    throw invalid('password', 'password_too_short', 'The password must be at least 10 characters.');
  if (input.password.length > 1000)
    throw invalid('password', 'password_too_long', 'The password must be at most 1000 characters.');
  const passwordHash = await hash(input.password);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await links.spendLink(trx, link.id, iso(now))))
      throw new AppError(410, 'link_expired', 'This link was just used. Ask for a new one.');
    const revoked = await links.revokeLinksOf(trx, { userId: link.user.id, at: iso(now), exceptId: link.id });
    await people.setPasswordHash(trx, link.user.id, passwordHash);
    await endSessions(trx, { userId: link.user.id });
    await recordAudit(trx, {
      actor: { id: link.user.id, name: link.user.name },
      action: link.purpose === 'invite' ? 'user.joined' : 'password.reset',
      subject: link.user.email,
      details: revoked ? { linksRevoked: revoked } : undefined,
      ip: input.ip,
      at: now,
    });
  });
  return link;
}
