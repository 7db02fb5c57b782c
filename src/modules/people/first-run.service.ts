// First run: on a site where no admin can sign in, the first admin account is made in the browser, guarded by
// a one-time setup code printed in the server's log (and by `dateline setup-code`), so that a stranger who finds
// a fresh site first cannot take it. Only the code's hash is stored, in the database every process shares.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { AppError, conflict, invalid } from '../../platform/errors.ts';
import { sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { Staff } from '../permissions/index.ts';
import { admitAttempt, markAttemptSucceeded } from '../sessions/index.ts';
import * as repo from './people.repository.ts';
import { insertPreparedUser, prepareUser } from './people.service.ts';

// 32 letters and digits nobody confuses when copying from a log (no 0/O, 1/I/L): 16 of them are 80 bits.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LOCK = 'first-admin';
/** Wrong codes allowed in 15 minutes from one address, and from everyone together. */
export const MAX_SETUP_FAILURES_PER_ADDRESS = 5;
const MAX_SETUP_FAILURES = 20;

/** A new code, in groups of four: ABCD-EFGH-JKMN-PQRS. */
function newSetupCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The code as it is hashed: what a person typed, without spaces or dashes, in capitals. */
const normalize = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();
const hashCode = (code: string) => sha256(`setup-code:${normalize(code)}`);

/** Whether the site still waits for its first admin: nobody with the admin role can sign in. */
export async function needsFirstAdmin(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return !(await repo.hasAdminWhoCanSignIn(deps.db));
}

const alreadyDone = () =>
  new AppError({
    status: 404,
    code: 'first_admin_exists',
    message: 'The first admin account has been made already. Sign in at /admin/sign-in.',
    values: { when: 'asked' },
  });

/**
 * At start: makes a setup code if the site waits for its first admin and none is outstanding, and returns it to
 * be logged. Several processes starting at once agree: under one lock, the first makes it and the others find it
 * (and return 'issued'). Once an admin can sign in, any leftover code is spent and this returns 'none'.
 */
export async function prepareFirstRun(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
): Promise<{ code: string } | 'issued' | 'none'> {
  return deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [LOCK]);
    if (await repo.hasAdminWhoCanSignIn(trx)) {
      await repo.deleteSetupCode(trx);
      return 'none';
    }
    if (await repo.findSetupCode(trx)) return 'issued';
    const code = newSetupCode();
    await repo.replaceSetupCode(trx, { code_hash: hashCode(code), created_at: iso(deps.clock.now()) });
    return { code };
  });
}

/** `dateline setup-code`: a new code in place of any earlier one (which stops working), while the site waits. */
export async function issueSetupCode(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [LOCK]);
    if (await repo.hasAdminWhoCanSignIn(trx)) {
      throw conflict({
        code: 'first_admin_exists',
        message: 'An admin account exists already: sign in at /admin, or add staff with `dateline user create`.',
        values: { when: 'creating' },
      });
    }
    const code = newSetupCode();
    await repo.replaceSetupCode(trx, { code_hash: hashCode(code), created_at: iso(deps.clock.now()) });
    return code;
  });
}

export interface FirstAdminInput {
  code: string;
  name: string;
  email: string;
  password: string;
  ip: string;
}

/**
 * Makes the first admin account with the setup code, and spends the code. The fields are checked first, then the
 * attempt is counted (wrong codes are limited per address and in all), then the password hashed; the code is
 * compared and the account stored under one lock, so of two submissions at once only the first makes an admin
 * and the second is told it is done.
 */
export async function createFirstAdmin(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'logger'>,
  input: FirstAdminInput,
): Promise<Staff> {
  if (!(await needsFirstAdmin(deps))) throw alreadyDone();
  if (normalize(input.code) === '')
    throw invalid(
      'code',
      'setup_code_required',
      "Give the setup code from the server's log (or from `dateline setup-code`).",
    );
  // Checks email, name and password and hashes it (argon2, outside any transaction).
  const prepared = await prepareUser(deps, {
    email: input.email,
    name: input.name,
    role: 'admin',
    password: input.password,
  });
  const attemptId = await admitAttempt(deps, {
    subject: 'first-admin-setup-code',
    ip: input.ip,
    maxBySubject: MAX_SETUP_FAILURES,
    maxByIp: MAX_SETUP_FAILURES_PER_ADDRESS,
    refusal: 'Too many wrong setup codes. Wait 15 minutes and try again.',
  });
  const now = deps.clock.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [LOCK]);
    if (await repo.hasAdminWhoCanSignIn(trx)) throw alreadyDone();
    const stored = await repo.findSetupCode(trx);
    const given = Buffer.from(hashCode(input.code), 'hex');
    // Compared in constant time, and against a hash of the same length when no code is outstanding.
    const match =
      timingSafeEqual(given, Buffer.from(stored?.code_hash ?? '0'.repeat(64), 'hex')) && stored !== undefined;
    if (!match) return undefined;
    const staff = await insertPreparedUser(trx, prepared);
    await repo.deleteSetupCode(trx);
    await markAttemptSucceeded(trx, attemptId);
    await recordAudit(trx, {
      actor: staff,
      action: 'first_admin.created',
      subject: staff.email,
      ip: input.ip,
      at: now,
    });
    return staff;
  });
  if (!created) {
    await recordAudit(deps.db, { actor: null, action: 'first_admin.wrong_code', ip: input.ip, at: now });
    deps.logger.warn({ ip: input.ip }, 'first admin refused: wrong setup code');
    throw invalid(
      'code',
      'wrong_setup_code',
      "That is not the setup code. Copy it from the server's log, or print a new one with `dateline setup-code`.",
    );
  }
  return created;
}
