// Secrets the server makes for itself (the key that signs unsubscribe links): created once in the database,
// so every process, and every restart, signs and checks with the same key.
import type { Db } from './db/database.ts';
import { iso, type Clock } from './clock.ts';
import { newSecret } from './ids.ts';

const known = new WeakMap<Db, Map<string, string>>();

/** The named secret, made on first use; concurrent first uses agree (the first insert wins). */
export async function getServerSecret(deps: { db: Db; clock: Clock }, name: string): Promise<string> {
  const cached = known.get(deps.db)?.get(name);
  if (cached) return cached;
  await deps.db.insertInto('server_secrets').values({ name, value: newSecret(32), created_at: iso(deps.clock.now()) })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await deps.db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  if (!known.has(deps.db)) known.set(deps.db, new Map());
  known.get(deps.db)!.set(name, row.value);
  return row.value;
}
