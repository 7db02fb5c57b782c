// Sections (the paper's departments) and tags (topics across them): finding them, making them, and the writes the
// desk's care of them is made of. Functions that take `db` run in the caller's transaction.
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters, slugify } from '../../platform/text.ts';
import * as repo from './sections.repository.ts';
import type { Section, Tag, TermKind } from './sections.repository.ts';

export { SECTION_COLUMNS, type Section, type Tag, type TermKind } from './sections.repository.ts';

/** Every section, in the newsroom's order. */
export const listSections = (db: Db) => repo.listSections(db);
export const findSectionBySlug = (db: Db, slug: string) => repo.findSectionBySlug(db, slug);
export const findSectionById = (db: Db, id: string) => repo.findSectionById(db, id);
export const findSectionsByIds = (db: Db, ids: string[]) => repo.findSectionsByIds(db, ids);
export const findTagBySlug = (db: Db, slug: string) => repo.findTagBySlug(db, slug);

/** Resolves a section named by slug or name; 422 when the newsroom has no such section. */
export async function resolveSection(db: Db, key: string): Promise<Section> {
  const section = await repo.findSectionByKey(db, { slug: key, slugified: slugify(key), name: key });
  if (!section)
    throw invalid({
      field: 'section',
      code: 'unknown_section',
      message: `There is no section "${key}". Create it first or pick an existing one.`,
      values: { slug: key },
    });
  return section;
}

/** Creates a section; used by the demo newsroom and the WordPress import. */
export async function createSection(
  db: Db,
  input: { name: string; slug?: string; description?: string; position?: number; parentId?: string | null },
): Promise<Section> {
  const section = {
    id: newId(),
    slug: input.slug ?? slugify(input.name),
    name: input.name,
    description: input.description ?? '',
  };
  await repo.insertSection(db, { ...section, position: input.position ?? 0, parent_id: input.parentId ?? null });
  return { ...section, comments_close_after_days: null };
}

/** Renames, describes or moves a section under another (null: top level). */
export async function updateSection(
  db: Db,
  id: string,
  changes: { name?: string; description?: string; parentId?: string | null },
): Promise<void> {
  await repo.updateSection(db, id, {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
  });
}

/** Changes a tag's name, keeping its slug (and so its address). */
export const renameTag = (db: Db, id: string, name: string) => repo.updateTagName(db, id, name);

/** Finds the tags by name, creating the ones the newsroom has not used yet. */
export async function ensureTags(db: Db, names: string[]): Promise<Tag[]> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    if (name.length > 60 || hasControlCharacters(name))
      throw invalid({
        field: 'tags',
        code: 'invalid_tag',
        message: `The tag "${name.slice(0, 60)}" must be 1 to 60 printable characters.`,
        values: { name: name.slice(0, 60) },
      });
    const slug = slugify(name, 60);
    if (!wanted.has(slug)) wanted.set(slug, name);
  }
  if (wanted.size === 0) return [];
  const existing = await repo.findTagsBySlugs(db, [...wanted.keys()]);
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const result: Tag[] = [];
  for (const [slug, name] of wanted) {
    let tag = bySlug.get(slug);
    if (!tag) {
      await repo.insertTagIfMissing(db, { id: newId(), slug, name });
      tag = (await repo.findTagBySlug(db, slug))!;
    }
    result.push(tag);
  }
  return result;
}

export interface TermWithCount {
  id: string;
  slug: string;
  name: string;
  articles: number;
  /** Sections only: days before discussions close, when it differs from the site's. */
  closeAfterDays?: number | null;
}

/** Sections or tags with how many articles each holds. */
export const listTermsWithCounts = (db: Db, kind: TermKind): Promise<TermWithCount[]> =>
  repo.listTermsWithCounts(db, kind);

/** The current slug of a section or tag that once had `oldSlug`. */
export async function findMovedTerm(db: Db, kind: TermKind, oldSlug: string): Promise<string | undefined> {
  const redirect = await repo.findTermRedirect(db, kind, oldSlug);
  return redirect && (await repo.findTerm(db, kind, redirect.term_id))?.slug;
}

/** A section or tag by id; 404 when there is none. */
export async function getTerm(db: Db, kind: TermKind, id: string): Promise<Tag> {
  const term = await repo.findTerm(db, kind, id);
  if (!term) throw notFound(`There is no such ${kind}.`);
  return term;
}

export const termSlugFree = (db: Db, term: { kind: TermKind; slug: string; exceptId?: string }) =>
  repo.termSlugFree(db, term);

/** Adds a section (at the top level, first in order) or a tag. */
export async function insertTerm(db: Db, term: { kind: TermKind; name: string; slug: string }): Promise<void> {
  if (term.kind === 'section')
    await repo.insertSection(db, {
      id: newId(),
      slug: term.slug,
      name: term.name,
      description: '',
      position: 0,
      parent_id: null,
    });
  else await repo.insertTag(db, { id: newId(), slug: term.slug, name: term.name });
}

/** Renames a section or tag; a new slug keeps the old one answering (its redirect points here). */
export async function renameTerm(
  db: Db,
  term: { kind: TermKind; current: Tag; name: string; slug: string },
): Promise<void> {
  await repo.updateTermNameAndSlug(db, { kind: term.kind, id: term.current.id, name: term.name, slug: term.slug });
  if (term.slug !== term.current.slug) {
    await repo.deleteTermRedirectBySlug(db, term.kind, term.slug);
    await repo.upsertTermRedirect(db, { kind: term.kind, oldSlug: term.current.slug, termId: term.current.id });
  }
}

/**
 * The taxonomy's half of a merge, once the articles have moved: subsections and old addresses follow to the other
 * term, the merged one's own address leads there too, and the merged term goes.
 */
export async function retireMergedTerm(db: Db, merge: { kind: TermKind; from: Tag; into: Tag }): Promise<void> {
  const { kind, from, into } = merge;
  if (kind === 'section') await repo.moveSubsections(db, from.id, into.id);
  await repo.retargetTermRedirects(db, { kind, fromId: from.id, intoId: into.id });
  await repo.upsertTermRedirect(db, { kind, oldSlug: from.slug, termId: into.id });
  await repo.deleteTerm(db, kind, from.id);
}

/** Deletes a section (its articles stay, without a section) or a tag (taken off its articles), and its old addresses. */
export async function deleteTerm(db: Db, term: { kind: TermKind; id: string }): Promise<void> {
  await repo.deleteTermRedirectsTo(db, term.kind, term.id);
  await repo.deleteTerm(db, term.kind, term.id);
}

/** A section's own number of days before its articles' discussions close; null follows the site. */
export const setSectionCloseDays = (db: Db, id: string, days: number | null) =>
  repo.updateSection(db, id, { comments_close_after_days: days });
