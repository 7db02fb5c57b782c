// All SQL about what came from WordPress: the id map and the old addresses.
import type { Db } from '../../platform/db/database.ts';
import type { WordpressImportsTable } from '../../platform/db/tables.ts';

export type Mapping = WordpressImportsTable;
export type MappingKind = 'author' | 'category' | 'tag' | 'post' | 'attachment' | 'comment';

export const findMapping = (db: Db, source: string, kind: MappingKind, wpId: string): Promise<Mapping | undefined> =>
  db.selectFrom('wordpress_imports').selectAll().where('source', '=', source).where('kind', '=', kind).where('wp_id', '=', wpId)
    .executeTakeFirst();

/** An item known by its GUID (an export whose ids were renumbered, e.g. after a WordPress site migration). */
export const findMappingByGuid = (db: Db, source: string, kind: MappingKind, guid: string): Promise<Mapping | undefined> =>
  db.selectFrom('wordpress_imports').selectAll().where('source', '=', source).where('kind', '=', kind).where('guid', '=', guid)
    .executeTakeFirst();

export async function saveMapping(db: Db, row: Mapping): Promise<void> {
  const { source: _s, kind: _k, wp_id: _w, ...changes } = row;
  await db.insertInto('wordpress_imports').values(row)
    .onConflict((oc) => oc.columns(['source', 'kind', 'wp_id']).doUpdateSet(changes)).execute();
}

/** Whether an imported article is still there (editors may have deleted it since). */
export const articleExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** Whether an imported comment is still there. */
export const commentExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('comments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** Every WordPress id of one kind imported from a site. */
export const listMappedIds = async (db: Db, source: string, kind: MappingKind): Promise<string[]> =>
  (await db.selectFrom('wordpress_imports').select('wp_id').where('source', '=', source).where('kind', '=', kind).orderBy('wp_id').execute())
    .map((r) => r.wp_id);

/** Attachments by WordPress id, for galleries and featured images. */
export const listAttachments = (db: Db, source: string, wpIds: string[]): Promise<Mapping[]> =>
  wpIds.length === 0 ? Promise.resolve([]) : db.selectFrom('wordpress_imports').selectAll()
    .where('source', '=', source).where('kind', '=', 'attachment').where('wp_id', 'in', wpIds).execute();

/** The attachments uploaded to one post, in WordPress id order. */
export const listChildAttachments = (db: Db, source: string, parentWpId: string): Promise<Mapping[]> =>
  db.selectFrom('wordpress_imports').selectAll().where('source', '=', source).where('kind', '=', 'attachment')
    .where('parent_wp_id', '=', parentWpId).orderBy('imported_at').orderBy('wp_id').execute();

export interface LegacyOwner {
  source: string;
  kind: string;
  wpId: string;
}

/**
 * Claims an old address for a new one. A path already claimed by something else is kept by the surer
 * claim (the item's own link over a guessed structure), the first on a tie; its owner may always move it.
 */
export async function claimLegacyUrl(db: Db, input: { path: string; target: string; priority: number; owner: LegacyOwner }): Promise<void> {
  const { owner } = input;
  await db.insertInto('legacy_urls')
    .values({ path: input.path, target: input.target, priority: input.priority, source: owner.source, kind: owner.kind, wp_id: owner.wpId })
    .onConflict((oc) => oc.column('path')
      .doUpdateSet({ target: input.target, priority: input.priority, source: owner.source, kind: owner.kind, wp_id: owner.wpId })
      .where((eb) => eb.or([
        eb('legacy_urls.priority', '<', input.priority),
        eb.and([eb('legacy_urls.source', '=', owner.source), eb('legacy_urls.kind', '=', owner.kind), eb('legacy_urls.wp_id', '=', owner.wpId)]),
      ])))
    .execute();
}

/** Points every old address of the attachments uploaded to a post at that post's new address. */
export async function retargetChildAttachments(db: Db, source: string, parentWpId: string, target: string): Promise<void> {
  await db.updateTable('legacy_urls').set({ target })
    .where('source', '=', source).where('kind', '=', 'attachment')
    .where('wp_id', 'in', (eb) => eb.selectFrom('wordpress_imports').select('wp_id')
      .where('source', '=', source).where('kind', '=', 'attachment').where('parent_wp_id', '=', parentWpId))
    .execute();
}

/** The new address of the first key that has one. */
export async function findLegacyTarget(db: Db, keys: string[]): Promise<string | undefined> {
  if (keys.length === 0) return undefined;
  const rows = await db.selectFrom('legacy_urls').select(['path', 'target']).where('path', 'in', keys).execute();
  const byPath = new Map(rows.map((r) => [r.path, r.target]));
  for (const key of keys) {
    const target = byPath.get(key);
    if (target) return target;
  }
  return undefined;
}

export const countLegacyUrls = async (db: Db, source: string): Promise<number> =>
  Number((await db.selectFrom('legacy_urls').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', source)
    .executeTakeFirstOrThrow()).n);
