// All SQL about readers who asked for no more mail.
import type { Db } from '../../platform/db/database.ts';

export async function isOptedOut(db: Db, email: string): Promise<boolean> {
  return (
    (await db.selectFrom('notification_optouts').select('email').where('email', '=', email).executeTakeFirst()) !==
    undefined
  );
}

/** Records an opt-out; saying it twice is harmless. */
export async function insertOptout(db: Db, optout: { email: string; at: string }): Promise<void> {
  await db
    .insertInto('notification_optouts')
    .values({ email: optout.email, created_at: optout.at })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}
