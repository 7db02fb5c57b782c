// Secrets the app makes for itself (the keys that sign commenter cookies and unsubscribe links), stored in the database so every
// app process, and every restart, signs and checks with the same one. Made on first use; never in a backup.
import type { Db } from './db/database.ts';
import { newSecret } from './ids.ts';

const known = new WeakMap<Db, Map<string, string>>();

/** The named secret, read once per process; created (race-free across processes) when it does not exist. */
export async function getServerSecret(db: Db, name: string, at: Date): Promise<string> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Map()));
  const hit = cache.get(name);
  if (hit) return hit;
  const read = () => db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  let row = await read();
  if (!row) {
    // Two processes racing here both insert; the second does nothing, and both read the winner's.
    await db
      .insertInto('server_secrets')
      .values({ name, value: newSecret(32), created_at: at.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    row = await read();
  }
  if (!row) throw new Error(`The server secret ${name} could not be stored.`);
  cache.set(name, row.value);
  return row.value;
}
