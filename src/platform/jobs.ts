// Periodic jobs that must run once per interval however many processes run them: the last run is kept in
// the database, and a run is claimed by a compare-and-set on it, so exactly one of several callers wins.
import { iso } from './clock.ts';
import type { Db } from './db/database.ts';

/** When the named job last ran, or undefined if it never did. */
export async function lastJobRun(db: Db, name: string): Promise<Date | undefined> {
  const row = await db.selectFrom('job_runs').select('last_run_at').where('name', '=', name).executeTakeFirst();
  return row && new Date(row.last_run_at);
}

/** Records a run at `now` if the last run is still `previous` (what the caller read); true for the one caller that did. */
export async function claimJobRun(
  db: Db,
  name: string,
  { previous, now }: { previous: Date | undefined; now: Date },
): Promise<boolean> {
  if (!previous) {
    const inserted = await db
      .insertInto('job_runs')
      .values({ name, last_run_at: iso(now) })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('job_runs')
    .set({ last_run_at: iso(now) })
    .where('name', '=', name)
    .where('last_run_at', '=', iso(previous))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
