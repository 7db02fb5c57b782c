// Figures per month of publication (the sitemap index's byte bounds, the archive's counts) without reading every
// article each time. A month that has ended changes only when one of its articles does, and the database moves that
// month's version when it does (article_months: the 2026-12-17 migration, and 2026-12-19's row per writer on
// PostgreSQL; a month's version is the sum of its rows). So an ended month's figures are kept in month_digests with
// the versions they were computed at, and read back while those versions hold; a month whose versions moved is
// computed again, alone. The months from `liveFrom` on (this month, and scheduled articles' months) are computed on
// every call: what is public in them changes with the clock.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

/** "2026-11" moved by `by` months. */
export function addMonths(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export interface MonthDigests<F> {
  /** What the figures are of, with everything they depend on besides the articles: "sitemap:1038:125". */
  scope: string;
  /** The first month computed on every call; the months before it are kept. */
  liveFrom: string;
  /**
   * The months of publication (UTC, as article_months counts them) that a month's figures read, relative to it: [0]
   * for a UTC month; [-1, 0, 1] for a month on a time zone's wall clock, which starts and ends up to 14 hours away.
   */
  reach: number[];
  /** Computes one month's figures in one statement, selecting `versions` (given) beside them. */
  month(month: string, versions: RawBuilder<string>): Promise<F & { versions: string }>;
  /** The figures of the months from liveFrom on, computed now. */
  live(): Promise<{ month: string; figures: F }[]>;
}

/** Every month's figures, newest first: kept ones while they hold, the others computed (and kept if ended). */
export async function monthFigures<F>(db: Db, q: MonthDigests<F>): Promise<{ month: string; figures: F }[]> {
  // Versions first, then digests: a digest read after a change is older than the versions and is computed again.
  const rows = (
    await sql<{ month: string; version: number | string; writers: number | string }>`select month,
      sum(version) as version, count(*) as writers from article_months group by month`.execute(db)
  ).rows;
  const versions = new Map(rows.map((r) => [r.month, String(r.version)]));
  if (rows.reduce((n, r) => n + Number(r.writers), 0) > rows.length + FOLD_AFTER) await foldWriters(db);
  const kept = new Map(
    (
      await sql<{ month: string; versions: string; figures: string }>`select month, versions, figures from month_digests
        where scope = ${q.scope} and month < ${q.liveFrom}`.execute(db)
    ).rows.map((r) => [r.month, r]),
  );
  const versionsOf = (month: string) => q.reach.map((r) => versions.get(addMonths(month, r)) ?? '0').join('/');
  // Each month of publication can hold articles of the months it reaches back from.
  const months = new Set<string>();
  for (const m of versions.keys()) for (const r of q.reach) months.add(addMonths(m, -r));
  const out: { month: string; figures: F }[] = [];
  const fresh: { month: string; versions: string; figures: string }[] = [];
  for (const month of months) {
    if (month >= q.liveFrom) continue;
    const digest = kept.get(month);
    if (digest && digest.versions === versionsOf(month)) {
      out.push({ month, figures: JSON.parse(digest.figures) as F });
      continue;
    }
    const now = q.reach.map(
      (r) => sql`coalesce((select sum(version) from article_months where month = ${addMonths(month, r)}), 0)`,
    );
    const { versions: at, ...figures } = await q.month(month, sql<string>`(${sql.join(now, sql` || '/' || `)} || '')`);
    out.push({ month, figures: figures as F });
    fresh.push({ month, versions: String(at), figures: JSON.stringify(figures) });
  }
  await keep(db, q.scope, fresh);
  out.push(...(await q.live()));
  return out.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
}

/** How many rows beyond one a month article_months may hold before they are folded. */
export const FOLD_AFTER = 1000;

/**
 * PostgreSQL: folds the rows of writers that have finished into one row a month (writer 0), keeping each month's sum,
 * so reading the versions stays a few hundred rows. A writer still at work is not seen, and keeps its row. On
 * SQLite each month is one row already (its key), so this is never called there. Only upkeep: a fold that cannot run
 * now (a lock or statement timeout) runs on a later read, and the versions are right either way.
 */
export async function foldWriters(db: Db): Promise<void> {
  await sql`with gone as (delete from article_months where writer <> 0 returning month, version)
    insert into article_months (month, writer, version) select month, 0, sum(version) from gone group by month
    order by month on conflict (month, writer) do update set version = article_months.version + excluded.version`
    .execute(db)
    .catch((e: { code?: string }) => {
      // Lock not available, statement cancelled (a timeout), deadlock.
      if (!['55P03', '57014', '40P01'].includes(e.code ?? '')) throw e;
    });
}

/**
 * Stores fresh digests, a few hundred a statement. Only a store: a digest that cannot be written now (SQLite's one
 * writer busy past its timeout) is computed again next time, and the figures just computed are served either way.
 */
async function keep(db: Db, scope: string, rows: { month: string; versions: string; figures: string }[]) {
  for (let i = 0; i < rows.length; i += 300) {
    const values = rows.slice(i, i + 300).map((r) => ({ scope, ...r }));
    try {
      await db
        .insertInto('month_digests')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['scope', 'month']).doUpdateSet((eb) => ({
            versions: eb.ref('excluded.versions'),
            figures: eb.ref('excluded.figures'),
          })),
        )
        .execute();
    } catch (e) {
      if (/SQLITE_BUSY|database is locked/i.test(String((e as { code?: string }).code ?? (e as Error).message))) return;
      throw e;
    }
  }
}
