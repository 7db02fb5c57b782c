// Staff sign-in: argon2id passwords, server-side sessions, and brute force slowed per account and per address.
import { hash, verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { Staff } from '../permissions/index.ts';
import * as repo from './session.repository.ts';

export const SESSION_DAYS = 14;
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
// Verifying against this when the email is unknown keeps the answer time the same either way.
const DUMMY_HASH = hash('not-a-real-password-only-for-timing');

export interface SignedIn {
  staff: Staff;
  /** The cookie's secret; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const badCredentials = () => new AppError(401, 'bad_credentials', 'That email and password do not match an account.');

/** What an attempt at a secret (a password, the setup code) is counted under, and how many failures each may have. */
export interface AttemptLimits {
  /** The account's email, or a name for a secret that is not an account's (never an email: it has no @). */
  subject: string;
  ip: string;
  maxBySubject: number;
  maxByIp: number;
  /** The 429's words. */
  refusal: string;
}

/**
 * Counts an attempt before its secret is checked, so the limits hold however many arrive at once: under a
 * lock on the subject and on the address (across processes too), the recent failures are counted and, if there
 * is room, this attempt is stored as a failure until its secret proves right (markAttemptSucceeded). Returns
 * the attempt's id. Failures of every kind from one address share its budget.
 */
export async function admitAttempt(
  deps: Pick<Deps, 'db' | 'dialect' | 'logger' | 'clock'>,
  input: AttemptLimits,
): Promise<string> {
  const { subject, ip } = input;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [`sign-in-email:${subject}`, `sign-in-ip:${ip}`]);
    const failures = await repo.countRecentFailures(trx, {
      email: subject,
      ip,
      since: iso(new Date(now.getTime() - WINDOW_MS)),
    });
    if (failures.byEmail >= input.maxBySubject || failures.byIp >= input.maxByIp) {
      deps.logger.warn({ subject, ip, ...failures }, 'attempt refused: too many failures');
      throw new AppError({
        status: 429,
        code: 'too_many_sign_in_attempts',
        message: input.refusal,
        // A password's subject is an email; the setup code's is not.
        values: { kind: subject.includes('@') ? 'password' : 'code', minutes: WINDOW_MS / 60_000 },
        headers: {
          'retry-after': String(WINDOW_MS / 1000),
        },
      });
    }
    const id = newId();
    await repo.insertSignInAttempt(trx, { id, email: subject, ip, succeeded: 0, created_at: iso(now) });
    return id;
  });
}

/** An attempt admitted by admitAttempt whose secret proved right: it no longer counts as a failure. */
export const markAttemptSucceeded = (db: Db, id: string) => repo.markSignInAttemptSucceeded(db, id);

/** Checks the password and opens a session; too many failures answer 429 for a while. */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string; ip: string; userAgent: string },
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const attemptId = await admitAttempt(deps, {
    subject: email,
    ip: input.ip,
    maxBySubject: MAX_FAILURES_PER_ACCOUNT,
    maxByIp: MAX_FAILURES_PER_ADDRESS,
    refusal: 'Too many failed sign-ins. Wait 15 minutes and try again, or reset your password.',
  });
  // argon2 runs outside any transaction: SQLite's one connection must not wait on it.
  const user = email ? await repo.findUserForSignIn(deps.db, email) : undefined;
  const ok = await verify(user?.password_hash ?? (await DUMMY_HASH), input.password).catch(() => false);
  if (!user?.password_hash || !ok) {
    await recordAudit(deps.db, { actor: null, action: 'sign_in.failed', subject: email, ip: input.ip, at: now });
    deps.logger.warn({ email, ip: input.ip }, 'sign-in failed');
    throw badCredentials();
  }
  const token = newSecret(32);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const staff: Staff = { id: user.id, name: user.name, email: user.email, role: user.role };
  await deps.db.transaction().execute(async (trx) => {
    await repo.markSignInAttemptSucceeded(trx, attemptId);
    await repo.insertSession(trx, {
      id: newId(),
      token_hash: sha256(token),
      user_id: user.id,
      created_at: iso(now),
      expires_at: iso(expiresAt),
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 500),
    });
    await recordAudit(trx, { actor: staff, action: 'sign_in.succeeded', subject: email, ip: input.ip, at: now });
  });
  return { staff, token, expiresAt };
}

export interface Session {
  id: string;
  staff: Staff;
  /** The language the desk speaks to this person (BCP 47); null follows the site's. */
  language: string | null;
}

/** The staff member behind a session cookie, if the session is live. */
export async function findSession(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<Session | undefined> {
  const row = await repo.findSessionUser(deps.db, sha256(token), iso(deps.clock.now()));
  return (
    row && {
      id: row.session_id,
      staff: { id: row.id, name: row.name, email: row.email, role: row.role },
      language: row.language,
    }
  );
}

export async function signOut(deps: Deps, input: { token: string; staff: Staff; ip: string }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sha256(input.token));
    await recordAudit(trx, { actor: input.staff, action: 'sign_out', ip: input.ip, at: deps.clock.now() });
  });
}

/**
 * Ends every session of a staff member but the one given, in the caller's transaction: a changed or reset password,
 * a removal from the desk, a sign-out everywhere. Returns how many ended.
 */
export const endSessions = (db: Db, input: { userId: string; exceptSessionId?: string }) =>
  repo.deleteUserSessions(db, input.userId, input.exceptSessionId);
