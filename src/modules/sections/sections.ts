// Sections (the paper's departments) and tags (topics across them).
import type { Db } from '../../platform/db/database.ts';
import type { SectionRow, TagRow } from '../../platform/db/tables.ts';
import { invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters, slugify } from '../../platform/text.ts';

export const SECTION_COLUMNS = ['id', 'slug', 'name', 'description', 'comments_close_after_days'] as const;
export type Section = Pick<SectionRow, (typeof SECTION_COLUMNS)[number]>;
export type Tag = Pick<TagRow, 'id' | 'slug' | 'name'>;

export const listSections = (db: Db): Promise<Section[]> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).orderBy('position').orderBy('name').execute();

export const findSectionBySlug = (db: Db, slug: string): Promise<Section | undefined> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).where('slug', '=', slug).executeTakeFirst();

export const findSectionById = (db: Db, id: string): Promise<Section | undefined> =>
  db.selectFrom('sections').select(SECTION_COLUMNS).where('id', '=', id).executeTakeFirst();

export const findTagBySlug = (db: Db, slug: string): Promise<Tag | undefined> =>
  db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();

/** Resolves a section named by slug or name; 422 when the newsroom has no such section. */
export async function resolveSection(db: Db, key: string): Promise<Section> {
  const section = await db.selectFrom('sections').select(SECTION_COLUMNS)
    .where((eb) => eb.or([eb('slug', '=', key), eb('slug', '=', slugify(key)), eb('name', '=', key)])).executeTakeFirst();
  if (!section) throw invalid('section', 'unknown_section', `There is no section "${key}". Create it first or pick an existing one.`);
  return section;
}

/** Creates a section; used by the demo newsroom and the WordPress import. */
export async function createSection(db: Db, input: { name: string; slug?: string; description?: string; position?: number; parentId?: string | null }): Promise<Section> {
  const section = { id: newId(), slug: input.slug ?? slugify(input.name), name: input.name, description: input.description ?? '' };
  await db.insertInto('sections').values({ ...section, position: input.position ?? 0, parent_id: input.parentId ?? null }).execute();
  return { ...section, comments_close_after_days: null };
}

/** Renames, describes or moves a section under another (null: top level). */
export async function updateSection(db: Db, id: string, changes: { name?: string; description?: string; parentId?: string | null }): Promise<void> {
  await db.updateTable('sections').set({
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
  }).where('id', '=', id).execute();
}

/** Changes a tag's name, keeping its slug (and so its address). */
export async function renameTag(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('id', '=', id).execute();
}

/** Finds the tags by name, creating the ones the newsroom has not used yet. */
export async function ensureTags(db: Db, names: string[]): Promise<Tag[]> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    if (name.length > 60 || hasControlCharacters(name)) throw invalid('tags', 'invalid_tag', `The tag "${name.slice(0, 60)}" must be 1 to 60 printable characters.`);
    const slug = slugify(name, 60);
    if (!wanted.has(slug)) wanted.set(slug, name);
  }
  if (wanted.size === 0) return [];
  const existing = await db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', 'in', [...wanted.keys()]).execute();
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const result: Tag[] = [];
  for (const [slug, name] of wanted) {
    let tag = bySlug.get(slug);
    if (!tag) {
      tag = { id: newId(), slug, name };
      await db.insertInto('tags').values(tag).onConflict((oc) => oc.column('slug').doNothing()).execute();
      tag = (await findTagBySlug(db, slug))!;
    }
    result.push(tag);
  }
  return result;
}
