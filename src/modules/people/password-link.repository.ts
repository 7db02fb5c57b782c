// All SQL about one-time password links (a reset, an invitation): only the secret's hash is stored.
import type { Db } from '../../platform/db/database.ts';
import type { PasswordTokensTable } from '../../platform/db/tables.ts';

export async function insertPasswordLink(db: Db, row: PasswordTokensTable): Promise<void> {
  await db.insertInto('password_tokens').values(row).execute();
}

/** Reset links made for an account since a time. */
export async function countResetLinksSince(db: Db, userId: string, since: string): Promise<number> {
  const row = await db.selectFrom('password_tokens').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId).where('purpose', '=', 'reset').where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The unused, unexpired link behind a secret's hash, with its account. */
export const findLiveLink = (db: Db, tokenHash: string, now: string) =>
  db.selectFrom('password_tokens').innerJoin('users', 'users.id', 'password_tokens.user_id')
    .select(['password_tokens.id', 'password_tokens.purpose', 'users.id as user_id', 'users.name', 'users.email'])
    .where('password_tokens.token_hash', '=', tokenHash).where('password_tokens.used_at', 'is', null)
    .where('password_tokens.expires_at', '>', now).executeTakeFirst();

/** Marks a link used if it still was not; returns whether this call spent it. */
export async function spendLink(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('password_tokens').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
