// All SQL about one-time password links (resets and invitations).
import type { Db } from '../../platform/db/database.ts';
import type { PasswordTokensTable } from '../../platform/db/tables.ts';

export async function insertPasswordLink(db: Db, row: Omit<PasswordTokensTable, 'revoked_at'>): Promise<void> {
  await db.insertInto('password_tokens').values(row).execute();
}

/** Links of one purpose made for a person since a time, whatever became of them (the hourly reset limit). */
export async function countLinksSince(
  db: Db,
  { userId, purpose, since }: { userId: string; purpose: PasswordTokensTable['purpose']; since: string },
): Promise<number> {
  const row = await db
    .selectFrom('password_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The link behind a hash if it is unused, unrevoked, unexpired, and its person is still on the staff. */
export const findLiveLink = (db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('password_tokens')
    .innerJoin('users', 'users.id', 'password_tokens.user_id')
    .select(['password_tokens.id', 'password_tokens.purpose', 'users.id as user_id', 'users.name', 'users.email'])
    .where('password_tokens.token_hash', '=', tokenHash)
    .where('password_tokens.used_at', 'is', null)
    .where('password_tokens.revoked_at', 'is', null)
    .where('password_tokens.expires_at', '>', now)
    .where('users.removed_at', 'is', null)
    .executeTakeFirst();

/** Spends a link; false if another request spent or revoked it first. */
export async function spendLink(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes a person's outstanding links (all, or all but one); returns how many. */
export async function revokeLinksOf(
  db: Db,
  { userId, at, exceptId }: { userId: string; at: string; exceptId?: string },
): Promise<number> {
  let q = db
    .updateTable('password_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
