// The one question the demo newsroom asks the database: is this a new, empty site?
import type { Db } from '../../platform/db/database.ts';

/** No staff and no articles yet: a site that was never used. */
export async function isEmptySite(db: Db): Promise<boolean> {
  const [someone, something] = await Promise.all([
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
  ]);
  return !someone && !something;
}
