// All SQL of the front page's arrangement: which articles editors placed at the top, in which order.
import { byIds } from '../../platform/db/compiled-once.ts';
import type { Db } from '../../platform/db/database.ts';

/** The placed articles' ids, lead first. */
export async function listPlacedIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('front_page_slots').select('article_id').orderBy('position').execute();
  return rows.map((r) => r.article_id);
}

const placedOf = byIds((db, ids) =>
  db.selectFrom('front_page_slots').select('article_id').where('article_id', 'in', ids),
);

/** Which of these articles are placed. */
export async function findPlaced(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await placedOf(db, ids)).map((r) => r.article_id));
}

/** Writes the whole arrangement: these ids in this order, nothing else; `placedAt` for those newly placed. */
export async function replacePlaced(db: Db, ids: string[], placedAt: string): Promise<void> {
  const before = new Map(
    (await db.selectFrom('front_page_slots').select(['article_id', 'placed_at']).execute()).map((r) => [
      r.article_id,
      r.placed_at,
    ]),
  );
  await db.deleteFrom('front_page_slots').execute();
  if (ids.length === 0) return;
  await db
    .insertInto('front_page_slots')
    .values(ids.map((id, position) => ({ article_id: id, position, placed_at: before.get(id) ?? placedAt })))
    .execute();
}

/** Places an article after the others, unless it is placed already. */
export async function appendPlaced(db: Db, id: string, placedAt: string): Promise<void> {
  const last = await db
    .selectFrom('front_page_slots')
    .select((eb) => eb.fn.max('position').as('n'))
    .executeTakeFirst();
  const position = last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1;
  await db
    .insertInto('front_page_slots')
    .values({ article_id: id, position, placed_at: placedAt })
    .onConflict((oc) => oc.column('article_id').doNothing())
    .execute();
}

/** Takes an article off the arrangement; the others keep their order. */
export async function removePlaced(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('front_page_slots').where('article_id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
