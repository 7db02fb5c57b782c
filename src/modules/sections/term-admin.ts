// The desk's care of sections and tags: create, rename (old addresses keep working), merge, delete.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters, SLUG_PATTERN, slugify } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';

export type TermKind = 'section' | 'tag';
const TABLE = { section: 'sections', tag: 'tags' } as const;

export interface TermWithCount {
  id: string;
  slug: string;
  name: string;
  articles: number;
  /** Sections only: days before discussions close, when it differs from the site's. */
  closeAfterDays?: number | null;
}

/** Sections or tags with how many articles each holds. */
export async function listTermsWithCounts(db: Db, kind: TermKind): Promise<TermWithCount[]> {
  if (kind === 'section') {
    const rows = await db.selectFrom('sections').leftJoin('articles', 'articles.section_id', 'sections.id')
      .select(['sections.id', 'sections.slug', 'sections.name', 'sections.comments_close_after_days', (eb) => eb.fn.count<number>('articles.id').as('n')])
      .groupBy(['sections.id', 'sections.slug', 'sections.name', 'sections.comments_close_after_days']).orderBy('sections.name').execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, articles: Number(r.n), closeAfterDays: r.comments_close_after_days === null ? null : Number(r.comments_close_after_days) }));
  }
  const rows = await db.selectFrom('tags').leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.count<number>('article_tags.article_id').as('n')])
    .groupBy(['tags.id', 'tags.slug', 'tags.name']).orderBy('tags.name').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, articles: Number(r.n) }));
}

/** The current slug of a section or tag that once had `oldSlug`. */
export async function findMovedTerm(db: Db, kind: TermKind, oldSlug: string): Promise<string | undefined> {
  const row = await db.selectFrom('term_redirects').select('term_id').where('kind', '=', kind).where('old_slug', '=', oldSlug).executeTakeFirst();
  if (!row) return undefined;
  const term = await db.selectFrom(TABLE[kind]).select('slug').where('id', '=', row.term_id).executeTakeFirst();
  return term?.slug;
}

function checkName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 120 || hasControlCharacters(n)) throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  return n;
}

function checkSlug(slug: string): string {
  const s = slug.trim();
  if (!SLUG_PATTERN.test(s) || s.length > 120) throw invalid('slug', 'invalid_slug', 'The address may hold lowercase letters, digits and single hyphens, e.g. "local-news".');
  return s;
}

async function getTerm(db: Db, kind: TermKind, id: string) {
  const term = await db.selectFrom(TABLE[kind]).select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
  if (!term) throw notFound(`There is no such ${kind}.`);
  return term;
}

async function slugFree(db: Db, kind: TermKind, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom(TABLE[kind]).select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) === undefined;
}

type Input = { staff: Staff; ip: string };

async function afterChange(deps: Deps, input: Input, action: string, subject: string, details: Record<string, unknown>, trx: Db) {
  await recordAudit(trx, { actor: input.staff, action, subject, details, ip: input.ip, at: deps.clock.now() });
}

export async function createTerm(deps: Deps, input: Input & { kind: TermKind; name: string; slug?: string }) {
  authorize(input.staff, 'sections.manage');
  const name = checkName(input.name);
  const slug = input.slug?.trim() ? checkSlug(input.slug) : slugify(name, 100);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await slugFree(trx, input.kind, slug))) throw conflict('slug_taken', `Another ${input.kind} already has the address "${slug}".`, 'slug');
    if (input.kind === 'section') await trx.insertInto('sections').values({ id: newId(), slug, name, description: '', position: 0 }).execute();
    else await trx.insertInto('tags').values({ id: newId(), slug, name }).execute();
    await afterChange(deps, input, `${input.kind}.created`, slug, { name }, trx);
  });
  await deps.pageCache.invalidate(['*']);
}

/** Renames; a new address keeps the old one answering with a 301. */
export async function renameTerm(deps: Deps, input: Input & { kind: TermKind; id: string; name: string; slug: string }) {
  authorize(input.staff, 'sections.manage');
  const name = checkName(input.name);
  const slug = checkSlug(input.slug);
  await deps.db.transaction().execute(async (trx) => {
    const term = await getTerm(trx, input.kind, input.id);
    if (!(await slugFree(trx, input.kind, slug, term.id))) throw conflict('slug_taken', `Another ${input.kind} already has the address "${slug}".`, 'slug');
    await trx.updateTable(TABLE[input.kind]).set({ name, slug }).where('id', '=', term.id).execute();
    if (slug !== term.slug) {
      await trx.deleteFrom('term_redirects').where('kind', '=', input.kind).where('old_slug', '=', slug).execute();
      await trx.insertInto('term_redirects').values({ kind: input.kind, old_slug: term.slug, term_id: term.id })
        .onConflict((oc) => oc.columns(['kind', 'old_slug']).doUpdateSet({ term_id: term.id })).execute();
    }
    await afterChange(deps, input, `${input.kind}.renamed`, slug, { from: { name: term.name, slug: term.slug }, to: { name, slug } }, trx);
  });
  await deps.pageCache.invalidate(['*']);
}

/** Moves every article of one section or tag into another; the old address then leads to the other. */
export async function mergeTerm(deps: Deps, input: Input & { kind: TermKind; id: string; intoId: string }) {
  authorize(input.staff, 'sections.manage');
  if (input.id === input.intoId) throw invalid('into', 'merge_into_itself', `Choose another ${input.kind} to merge into.`);
  await deps.db.transaction().execute(async (trx) => {
    const from = await getTerm(trx, input.kind, input.id);
    const into = await getTerm(trx, input.kind, input.intoId);
    if (input.kind === 'section') {
      await trx.updateTable('articles').set({ section_id: into.id }).where('section_id', '=', from.id).execute();
      await trx.updateTable('sections').set({ parent_id: into.id }).where('parent_id', '=', from.id).execute();
    } else {
      const already = trx.selectFrom('article_tags as t2').select('t2.article_id').where('t2.tag_id', '=', into.id);
      await trx.insertInto('article_tags').columns(['article_id', 'tag_id'])
        .expression(trx.selectFrom('article_tags').select(['article_id', (eb) => eb.val(into.id).as('tag_id')])
          .where('tag_id', '=', from.id).where('article_id', 'not in', already))
        .execute();
    }
    await trx.updateTable('term_redirects').set({ term_id: into.id }).where('kind', '=', input.kind).where('term_id', '=', from.id).execute();
    await trx.insertInto('term_redirects').values({ kind: input.kind, old_slug: from.slug, term_id: into.id })
      .onConflict((oc) => oc.columns(['kind', 'old_slug']).doUpdateSet({ term_id: into.id })).execute();
    await trx.deleteFrom(TABLE[input.kind]).where('id', '=', from.id).execute();
    await afterChange(deps, input, `${input.kind}.merged`, from.slug, { into: into.slug }, trx);
  });
  await deps.pageCache.invalidate(['*']);
}

/** Deletes a section (its articles stay, without a section) or a tag (taken off its articles). */
export async function deleteTerm(deps: Deps, input: Input & { kind: TermKind; id: string }) {
  authorize(input.staff, 'sections.manage');
  await deps.db.transaction().execute(async (trx) => {
    const term = await getTerm(trx, input.kind, input.id);
    await trx.deleteFrom('term_redirects').where('kind', '=', input.kind).where('term_id', '=', term.id).execute();
    await trx.deleteFrom(TABLE[input.kind]).where('id', '=', term.id).execute();
    await afterChange(deps, input, `${input.kind}.deleted`, term.slug, { name: term.name }, trx);
  });
  await deps.pageCache.invalidate(['*']);
}


/** A section's own number of days before its articles' discussions close; null follows the site. */
export async function setSectionDiscussionDays(deps: Deps, input: Input & { id: string; days: number | null }) {
  authorize(input.staff, 'sections.manage');
  if (input.days !== null && !(Number.isInteger(input.days) && input.days >= 0 && input.days <= 3650)) {
    throw invalid('days', 'invalid_days', 'Give a whole number of days (0 keeps discussions open), or leave it empty for the site default.');
  }
  await deps.db.transaction().execute(async (trx) => {
    const section = await getTerm(trx, 'section', input.id);
    await trx.updateTable('sections').set({ comments_close_after_days: input.days }).where('id', '=', section.id).execute();
    await afterChange(deps, input, 'section.discussion_days', section.slug, { days: input.days }, trx);
  });
  await deps.pageCache.invalidate(['*']);
}
