// All SQL about what came from WordPress: the id map and the old addresses.
import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import { unnestedRows } from '../../platform/db/column-arrays.ts';
import type { WordpressImportsTable } from '../../platform/db/tables.ts';
import { chunksOf } from '../../platform/db/chunks.ts';

export type Mapping = WordpressImportsTable;
export type MappingKind = 'author' | 'category' | 'tag' | 'post' | 'attachment' | 'comment';

/** One item's mapping: which import (`source`), what kind of thing, and its WordPress id. */
export const findMapping = (
  db: Db,
  { source, kind, wpId }: { source: string; kind: MappingKind; wpId: string },
): Promise<Mapping | undefined> =>
  db
    .selectFrom('wordpress_imports')
    .selectAll()
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('wp_id', '=', wpId)
    .executeTakeFirst();

/** Many items of one kind by WordPress id (one item's whole discussion), in a map by id. */
export async function findMappings(
  db: Db,
  { source, kind, wpIds }: { source: string; kind: MappingKind; wpIds: string[] },
): Promise<Map<string, Mapping>> {
  const out = new Map<string, Mapping>();
  for (const chunk of chunksOf(wpIds, 500)) {
    const rows = await db
      .selectFrom('wordpress_imports')
      .selectAll()
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('wp_id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.wp_id, r);
  }
  return out;
}

export async function saveMapping(db: Db, row: Mapping, dialect: Dialect): Promise<void> {
  await saveMappings(db, [row], dialect);
}

const MAPPING_COLUMNS = [
  'source',
  'kind',
  'wp_id',
  'guid',
  'dateline_id',
  'url',
  'label',
  'parent_wp_id',
  'wp_status',
  'content_hash',
  'imported_at',
] as const;

/**
 * Records or updates many mappings in a few statements; the last of two rows with the same key wins. On PostgreSQL
 * they go as one array a column (unnestedRows).
 */
export async function saveMappings(db: Db, rows: Mapping[], dialect: Dialect): Promise<void> {
  const unique = [...new Map(rows.map((r) => [`${r.source}\n${r.kind}\n${r.wp_id}`, r])).values()];
  for (const chunk of chunksOf(unique, dialect === 'postgres' ? 1000 : 200)) {
    const insert = db.insertInto('wordpress_imports');
    await (dialect === 'postgres'
      ? insert.columns(MAPPING_COLUMNS).expression(unnestedRows(chunk, MAPPING_COLUMNS))
      : insert.values(chunk)
    )
      .onConflict((oc) =>
        oc.columns(['source', 'kind', 'wp_id']).doUpdateSet((eb) => ({
          guid: eb.ref('excluded.guid'),
          dateline_id: eb.ref('excluded.dateline_id'),
          url: eb.ref('excluded.url'),
          label: eb.ref('excluded.label'),
          parent_wp_id: eb.ref('excluded.parent_wp_id'),
          wp_status: eb.ref('excluded.wp_status'),
          content_hash: eb.ref('excluded.content_hash'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}

/** Whether an imported article is still there (editors may have deleted it since). */
export const articleExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** Which of these comments are still there (moderators may have deleted some since). */
export async function existingCommentIds(db: Db, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunksOf(ids, 500)) {
    for (const r of await db.selectFrom('comments').select('id').where('id', 'in', chunk).execute()) out.add(r.id);
  }
  return out;
}

/** Every WordPress id of one kind imported from a site. */
export const listMappedIds = async (db: Db, source: string, kind: MappingKind): Promise<string[]> =>
  (
    await db
      .selectFrom('wordpress_imports')
      .select('wp_id')
      .where('source', '=', source)
      .where('kind', '=', kind)
      .orderBy('wp_id')
      .execute()
  ).map((r) => r.wp_id);

/** Attachments by WordPress id, for galleries and featured images. */
export const listAttachments = (db: Db, source: string, wpIds: string[]): Promise<Mapping[]> =>
  wpIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('wordpress_imports')
        .selectAll()
        .where('source', '=', source)
        .where('kind', '=', 'attachment')
        .where('wp_id', 'in', wpIds)
        .execute();

/** The attachments uploaded to each of these posts, by post, each post's in WordPress id order. */
export async function listChildAttachmentsOf(
  db: Db,
  source: string,
  parentWpIds: string[],
): Promise<Map<string, Mapping[]>> {
  const out = new Map<string, Mapping[]>();
  for (const chunk of chunksOf(parentWpIds, 500)) {
    const rows = await db
      .selectFrom('wordpress_imports')
      .selectAll()
      .where('source', '=', source)
      .where('kind', '=', 'attachment')
      .where('parent_wp_id', 'in', chunk)
      .orderBy('parent_wp_id')
      .orderBy('imported_at')
      .orderBy('wp_id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.parent_wp_id);
      if (list) list.push(r);
      else out.set(r.parent_wp_id, [r]);
    }
  }
  return out;
}

/** Which of these articles are still there (editors may have deleted some since an earlier import). */
export async function existingArticleIds(db: Db, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunksOf(ids, 500)) {
    for (const r of await db.selectFrom('articles').select('id').where('id', 'in', chunk).execute()) out.add(r.id);
  }
  return out;
}

/** The attachments uploaded to one post, in WordPress id order. */
export const listChildAttachments = (db: Db, source: string, parentWpId: string): Promise<Mapping[]> =>
  db
    .selectFrom('wordpress_imports')
    .selectAll()
    .where('source', '=', source)
    .where('kind', '=', 'attachment')
    .where('parent_wp_id', '=', parentWpId)
    .orderBy('imported_at')
    .orderBy('wp_id')
    .execute();

export interface LegacyOwner {
  source: string;
  kind: string;
  wpId: string;
}

/**
 * Claims old addresses for new ones. A path already claimed by something else is kept by the surer
 * claim (the item's own link over a guessed structure), the first on a tie; its owner may always move it.
 * Within one call a path named twice keeps the surer claim, the first on a tie, as separate calls would.
 */
export interface LegacyClaim {
  path: string;
  target: string;
  priority: number;
  owner: LegacyOwner;
}

export async function claimLegacyUrls(db: Db, claims: LegacyClaim[]): Promise<void> {
  const byPath = new Map<string, LegacyClaim>();
  for (const c of claims) {
    const known = byPath.get(c.path);
    const sameOwner =
      known &&
      known.owner.source === c.owner.source &&
      known.owner.kind === c.owner.kind &&
      known.owner.wpId === c.owner.wpId;
    if (!known || sameOwner || known.priority < c.priority) byPath.set(c.path, c);
  }
  const rows = [...byPath.values()].map((c) => ({
    path: c.path,
    target: c.target,
    priority: c.priority,
    source: c.owner.source,
    kind: c.owner.kind,
    wp_id: c.owner.wpId,
  }));
  for (const chunk of chunksOf(rows, 500)) {
    await db
      .insertInto('legacy_urls')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('path')
          .doUpdateSet((eb) => ({
            target: eb.ref('excluded.target'),
            priority: eb.ref('excluded.priority'),
            source: eb.ref('excluded.source'),
            kind: eb.ref('excluded.kind'),
            wp_id: eb.ref('excluded.wp_id'),
          }))
          .where((eb) =>
            eb.or([
              eb('legacy_urls.priority', '<', eb.ref('excluded.priority')),
              eb.and([
                eb('legacy_urls.source', '=', eb.ref('excluded.source')),
                eb('legacy_urls.kind', '=', eb.ref('excluded.kind')),
                eb('legacy_urls.wp_id', '=', eb.ref('excluded.wp_id')),
              ]),
            ]),
          ),
      )
      .execute();
  }
}

/** Points every old address of the attachments uploaded to a post at that post's new address. */
export async function retargetChildAttachments(
  db: Db,
  { source, parentWpId, target }: { source: string; parentWpId: string; target: string },
): Promise<void> {
  await db
    .updateTable('legacy_urls')
    .set({ target })
    .where('source', '=', source)
    .where('kind', '=', 'attachment')
    .where('wp_id', 'in', (eb) =>
      eb
        .selectFrom('wordpress_imports')
        .select('wp_id')
        .where('source', '=', source)
        .where('kind', '=', 'attachment')
        .where('parent_wp_id', '=', parentWpId),
    )
    .execute();
}

/** The new address of the first key that has one, with the site whose import claimed it. */
export async function findLegacyTarget(
  db: Db,
  keys: string[],
): Promise<{ target: string; source: string } | undefined> {
  if (keys.length === 0) return undefined;
  const rows = await db
    .selectFrom('legacy_urls')
    .select(['path', 'target', 'source'])
    .where('path', 'in', keys)
    .execute();
  const byPath = new Map(rows.map((r) => [r.path, r]));
  for (const key of keys) {
    const target = byPath.get(key);
    if (target) return target;
  }
  return undefined;
}

export const countLegacyUrls = async (db: Db, source: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('legacy_urls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', source)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The base addresses of the sites imported so far (lowercase, no trailing slash). */
export const listImportSources = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('wordpress_imports').select('source').distinct().execute()).map((r) => r.source);

/** PostgreSQL: counts the import's own rows so far, so its lookups are planned for the tables as they now are. */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await sql`analyze wordpress_imports, articles, article_authors, article_tags, comments, legacy_urls`.execute(db);
}
