// API tokens: what an integration (a wire feed, a script) acts through as a member of staff. Only a hash is
// stored; a token may expire; its owner or an admin can list and revoke it; every revocation is audited.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/clock.ts';
import { forbidden, invalid, notFound, unauthorized } from '../../platform/errors.ts';
import { isId, newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './people.repository.ts';
import { can, type Staff } from '../permissions/index.ts';

/** A last-used time this fresh is not written again: a busy integration costs one write a minute, not one a call. */
const TOUCH_EVERY_MS = 60_000;
const MAX_LIFETIME_DAYS = 3650;

export interface ApiToken {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | undefined;
  /** Undefined: never expires. */
  expiresAt: Date | undefined;
  expired: boolean;
}

/** Who revokes: a member of staff at the desk, or the server's operator at the command line. */
export type TokenActor = { staff: Staff } | { commandLine: true };

/**
 * Reads a lifetime such as "90d" or "12h" into milliseconds; throws 422 naming the field otherwise.
 * Whole days or hours only, from 1 hour to 10 years.
 */
export function parseTokenLifetime(text: string): number {
  const m = /^(\d{1,6})([dh])$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000) : 0;
  if (!m || ms < 3_600_000 || ms > MAX_LIFETIME_DAYS * 86_400_000) {
    throw invalid({
      field: 'expiresIn',
      code: 'invalid_token_lifetime',
      message: `The token's lifetime must be a whole number of days or hours, such as 90d or 12h, from 1h to ${MAX_LIFETIME_DAYS}d (got "${text}").`,
      values: { max: MAX_LIFETIME_DAYS, value: text },
    });
  }
  return ms;
}

/** Makes an API token for a user; returns the secret once, stores only its hash. */
export async function createApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { email: string; label?: string; expiresIn?: string },
): Promise<string> {
  const lifetime = input.expiresIn === undefined ? undefined : parseTokenLifetime(input.expiresIn);
  const label = (input.label ?? '').trim();
  if (label.length > 120) throw invalid('label', 'invalid_label', 'The label must be at most 120 characters.');
  const user = await repo.findUserByEmail(deps.db, input.email.trim());
  if (!user || user.removed_at) throw notFound(`No user with the email ${input.email}.`);
  const now = deps.clock.now();
  const token = `dl_${newSecret(30)}`;
  await repo.insertToken(deps.db, {
    id: newId(),
    user_id: user.id,
    token_hash: sha256(token),
    label,
    created_at: iso(now),
    expires_at: lifetime === undefined ? null : iso(new Date(now.getTime() + lifetime)),
  });
  return token;
}

/** The staff member a bearer token belongs to; 401 for an unknown, expired or revoked token. */
export async function authenticateToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<Staff> {
  const row = await repo.findTokenWithUser(deps.db, sha256(token));
  const now = deps.clock.now();
  if (!row) throw unauthorized('The bearer token is not valid.');
  if (row.expires_at !== null && row.expires_at <= iso(now))
    throw unauthorized('The bearer token has expired: ask for a new one.');
  const staleBefore = iso(new Date(now.getTime() - TOUCH_EVERY_MS));
  if (row.last_used_at === null || row.last_used_at < staleBefore)
    await repo.touchToken(deps.db, { id: row.token_id, at: iso(now), staleBefore });
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** A person's tokens, newest first, expired ones included (marked) until they are revoked. */
export async function listApiTokens(deps: Pick<Deps, 'db' | 'clock'>, input: { userId: string }): Promise<ApiToken[]> {
  const now = iso(deps.clock.now());
  return (await repo.listTokensOf(deps.db, input.userId)).map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at === null ? undefined : new Date(r.last_used_at),
    expiresAt: r.expires_at === null ? undefined : new Date(r.expires_at),
    expired: r.expires_at !== null && r.expires_at <= now,
  }));
}

/** The tokens of the person with this email (the command line's `token list`). */
export async function listApiTokensByEmail(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { email: string },
): Promise<ApiToken[]> {
  const user = await repo.findUserByEmail(deps.db, input.email.trim());
  if (!user) throw notFound(`No user with the email ${input.email}.`);
  return listApiTokens(deps, { userId: user.id });
}

/**
 * Revokes one token. Staff may revoke their own; admins anyone's. With `ownerId`, the token must belong to that
 * person (a desk form names both), so a made-up pair is a 404, not a revocation of someone else's token.
 */
export async function revokeApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: TokenActor; id: string; ownerId?: string; ip: string },
): Promise<void> {
  const token = isId(input.id) ? await repo.findToken(deps.db, input.id) : undefined;
  if (!token || (input.ownerId !== undefined && token.user_id !== input.ownerId))
    throw notFound('There is no such API token (it may have been revoked already).', 'api_token');
  if ('staff' in input.actor && token.user_id !== input.actor.staff.id && !can(input.actor.staff, 'users.manage')) {
    throw forbidden("Only admins may revoke someone else's API token.", { reason: 'token_owner' });
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteToken(trx, token.id)))
      throw notFound('There is no such API token (it was just revoked).', 'api_token');
    await recordAudit(trx, {
      actor: 'staff' in input.actor ? input.actor.staff : null,
      action: 'api_token.revoked',
      subject: token.email,
      details: { id: token.id, label: token.label, ...('commandLine' in input.actor && { via: 'command line' }) },
      ip: input.ip,
      at: deps.clock.now(),
    });
  });
}

/**
 * Inside the caller's transaction: revokes every token of a person whose access changed (a new role, removal,
 * "sign out everywhere"), auditing each with the reason. Returns how many were revoked.
 */
export async function revokeTokensOf(
  db: Db,
  input: { userId: string; email: string; actor: Staff; reason: string; ip: string; at: Date },
): Promise<number> {
  const revoked = await repo.deleteTokensOf(db, input.userId);
  for (const t of revoked) {
    await recordAudit(db, {
      actor: input.actor,
      action: 'api_token.revoked',
      subject: input.email,
      details: { id: t.id, label: t.label, reason: input.reason },
      ip: input.ip,
      at: input.at,
    });
  }
  return revoked.length;
}
