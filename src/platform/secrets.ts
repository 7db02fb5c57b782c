// Secrets the app makes for itself (e.g. the key that signs commenter cookies), stored in the database so every
// app process signs and checks with the same one. Made at migration, or on first use if the row is ever missing.
import type { Db } from './db/database.ts';
import { newSecret } from './ids.ts';

const known = new WeakMap<Db, Map<string, string>>();

/** The named secret, read once per process; created (race-free across processes) when it does not exist. */
export async function getSiteSecret(db: Db, name: string, at: Date): Promise<string> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Map()));
  const hit = cache.get(name);
  if (hit) return hit;
  const read = () => db.selectFrom('site_secrets').select('value').where('name', '=', name).executeTakeFirst();
  let row = await read();
  if (!row) {
    // Two processes racing here both insert; the second does nothing, and both read the winner's.
    await db.insertInto('site_secrets').values({ name, value: newSecret(32), created_at: at.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing()).execute();
    row = await read();
  }
  if (!row) throw new Error(`The site secret ${name} could not be stored.`);
  cache.set(name, row.value);
  return row.value;
}
