// All SQL about staff sessions and sign-in attempts.
import type { Db } from '../../platform/db/database.ts';
import type { SessionsTable, UserRow } from '../../platform/db/tables.ts';

export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export const findSessionUser = (db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'users.id', 'users.name', 'users.email', 'users.role', 'users.language'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.removed_at', 'is', null)
    .executeTakeFirst();

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user, except the one given (the person still at the keyboard). */
export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function insertSignInAttempt(
  db: Db,
  row: { id: string; email: string; ip: string; succeeded: number; created_at: string },
): Promise<void> {
  await db.insertInto('sign_in_attempts').values(row).execute();
}

/** An attempt is stored as failed before its password is checked; this marks the one that proved right. */
export async function markSignInAttemptSucceeded(db: Db, id: string): Promise<void> {
  await db.updateTable('sign_in_attempts').set({ succeeded: 1 }).where('id', '=', id).execute();
}

/** Failed (or not yet checked) attempts since a time, for one email and for one address. */
export async function countRecentFailures(db: Db, { email, ip, since }: { email: string; ip: string; since: string }) {
  const count = (column: 'email' | 'ip', value: string) =>
    db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', value)
      .where('succeeded', '=', 0)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
  const [byEmail, byIp] = await Promise.all([count('email', email), count('ip', ip)]);
  return { byEmail: Number(byEmail.n), byIp: Number(byIp.n) };
}

/** The account an email signs in to, with its password hash (read only: the people module owns accounts). */
export const findUserForSignIn = (db: Db, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
