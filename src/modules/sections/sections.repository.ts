// All SQL about sections, tags and the old addresses of both.
import type { Db } from '../../platform/db/database.ts';
import type { SectionRow, TagRow } from '../../platform/db/tables.ts';

export const SECTION_COLUMNS = ['id', 'slug', 'name', 'description', 'comments_close_after_days'] as const;
export type Section = Pick<SectionRow, (typeof SECTION_COLUMNS)[number]>;
export type Tag = Pick<TagRow, 'id' | 'slug' | 'name'>;
export type TermKind = 'section' | 'tag';
const TABLE = { section: 'sections', tag: 'tags' } as const;

export const listSections = (db: Db): Promise<Section[]> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).orderBy('position').orderBy('name').execute();

export const findSectionBySlug = (db: Db, slug: string): Promise<Section | undefined> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).where('slug', '=', slug).executeTakeFirst();

export const findSectionById = (db: Db, id: string): Promise<Section | undefined> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).where('id', '=', id).executeTakeFirst();

export const findSectionsByIds = (db: Db, ids: string[]): Promise<Section[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('sections').select(SECTION_COLUMNS).where('id', 'in', ids).execute();

/** A section by its slug, its slug spelled from a name, or its name. */
export const findSectionByKey = (
  db: Db,
  key: { slug: string; slugified: string; name: string },
): Promise<Section | undefined> =>
  db
    .selectFrom('sections')
    .select(SECTION_COLUMNS)
    .where((eb) => eb.or([eb('slug', '=', key.slug), eb('slug', '=', key.slugified), eb('name', '=', key.name)]))
    .executeTakeFirst();

export const findTagBySlug = (db: Db, slug: string): Promise<Tag | undefined> =>
  db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();

export const findTagsBySlugs = (db: Db, slugs: string[]): Promise<Tag[]> =>
  db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', 'in', slugs).execute();

export async function insertSection(
  db: Db,
  row: Pick<SectionRow, 'id' | 'slug' | 'name' | 'description' | 'position' | 'parent_id'>,
): Promise<void> {
  await db.insertInto('sections').values(row).execute();
}

export async function updateSection(
  db: Db,
  id: string,
  changes: Partial<Pick<SectionRow, 'name' | 'description' | 'parent_id' | 'comments_close_after_days'>>,
): Promise<void> {
  await db.updateTable('sections').set(changes).where('id', '=', id).execute();
}

/** Adds a tag unless one with its slug exists (another writer may have added it a moment ago). */
export async function insertTagIfMissing(db: Db, tag: Tag): Promise<void> {
  await db
    .insertInto('tags')
    .values(tag)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

export async function updateTagName(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('id', '=', id).execute();
}

/** Sections or tags with how many articles each holds. */
export async function listTermsWithCounts(db: Db, kind: TermKind) {
  if (kind === 'section') {
    const rows = await db
      .selectFrom('sections')
      .leftJoin('articles', 'articles.section_id', 'sections.id')
      .select([
        'sections.id',
        'sections.slug',
        'sections.name',
        'sections.comments_close_after_days',
        (eb) => eb.fn.count<number>('articles.id').as('n'),
      ])
      .groupBy(['sections.id', 'sections.slug', 'sections.name', 'sections.comments_close_after_days'])
      .orderBy('sections.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      articles: Number(r.n),
      closeAfterDays: r.comments_close_after_days === null ? null : Number(r.comments_close_after_days),
    }));
  }
  const rows = await db
    .selectFrom('tags')
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.count<number>('article_tags.article_id').as('n')])
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, articles: Number(r.n) }));
}

/** The id a retired slug of a section or tag now leads to. */
export const findTermRedirect = (db: Db, kind: TermKind, oldSlug: string) =>
  db
    .selectFrom('term_redirects')
    .select('term_id')
    .where('kind', '=', kind)
    .where('old_slug', '=', oldSlug)
    .executeTakeFirst();

export const findTerm = (db: Db, kind: TermKind, id: string) =>
  db.selectFrom(TABLE[kind]).select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();

/** Whether no other section (or tag) has the slug. */
export async function termSlugFree(
  db: Db,
  term: { kind: TermKind; slug: string; exceptId?: string },
): Promise<boolean> {
  let q = db.selectFrom(TABLE[term.kind]).select('id').where('slug', '=', term.slug);
  if (term.exceptId) q = q.where('id', '!=', term.exceptId);
  return (await q.executeTakeFirst()) === undefined;
}

export async function insertTag(db: Db, tag: Tag): Promise<void> {
  await db.insertInto('tags').values(tag).execute();
}

export async function updateTermNameAndSlug(
  db: Db,
  term: { kind: TermKind; id: string; name: string; slug: string },
): Promise<void> {
  await db.updateTable(TABLE[term.kind]).set({ name: term.name, slug: term.slug }).where('id', '=', term.id).execute();
}

/** Makes an old slug of a section or tag lead to a term (replacing where it led before). */
export async function upsertTermRedirect(
  db: Db,
  redirect: { kind: TermKind; oldSlug: string; termId: string },
): Promise<void> {
  await db
    .insertInto('term_redirects')
    .values({ kind: redirect.kind, old_slug: redirect.oldSlug, term_id: redirect.termId })
    .onConflict((oc) => oc.columns(['kind', 'old_slug']).doUpdateSet({ term_id: redirect.termId }))
    .execute();
}

export async function deleteTermRedirectBySlug(db: Db, kind: TermKind, oldSlug: string): Promise<void> {
  await db.deleteFrom('term_redirects').where('kind', '=', kind).where('old_slug', '=', oldSlug).execute();
}

/** Old addresses that led to one term lead to another. */
export async function retargetTermRedirects(
  db: Db,
  move: { kind: TermKind; fromId: string; intoId: string },
): Promise<void> {
  await db
    .updateTable('term_redirects')
    .set({ term_id: move.intoId })
    .where('kind', '=', move.kind)
    .where('term_id', '=', move.fromId)
    .execute();
}

export async function deleteTermRedirectsTo(db: Db, kind: TermKind, termId: string): Promise<void> {
  await db.deleteFrom('term_redirects').where('kind', '=', kind).where('term_id', '=', termId).execute();
}

/** Subsections of one section become subsections of another. */
export async function moveSubsections(db: Db, fromId: string, intoId: string): Promise<void> {
  await db.updateTable('sections').set({ parent_id: intoId }).where('parent_id', '=', fromId).execute();
}

export async function deleteTerm(db: Db, kind: TermKind, id: string): Promise<void> {
  await db.deleteFrom(TABLE[kind]).where('id', '=', id).execute();
}
