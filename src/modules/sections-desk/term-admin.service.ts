// The desk's care of sections and tags: create, rename (old addresses keep working), merge, delete. Above both
// sections and articles, since a merge files one term's articles under another.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { SLUG_PATTERN, hasControlCharacters, slugify } from '../../platform/text.ts';
import { listArticleIdsShowing, refileArticles, reindexArticles } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import {
  deleteTerm as deleteTermRows,
  getTerm,
  insertTerm,
  listTermsWithCounts,
  renameTerm as renameTermRow,
  retireMergedTerm,
  setSectionCloseDays,
  termSlugFree,
  type TermKind,
  type TermWithCount,
} from '../sections/index.ts';

export type { TermKind, TermWithCount };

function checkName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 120 || hasControlCharacters(n))
    throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  return n;
}

function checkSlug(slug: string): string {
  const s = slug.trim();
  if (!SLUG_PATTERN.test(s) || s.length > 120)
    throw invalid(
      'slug',
      'invalid_slug',
      'The address may hold lowercase letters, digits and single hyphens, e.g. "local-news".',
    );
  return s;
}

type Input = { staff: Staff; ip: string };

/**
 * Runs one change in a transaction with its audit entry; every page may show sections, so all are stale after. Tag
 * names are searched with the articles that carry them: `tagId` names the tag whose articles are indexed again.
 */
async function change(
  deps: Deps,
  input: Input & { tagId?: string },
  run: (trx: Db) => Promise<{ action: string; subject: string; details: Record<string, unknown> }>,
) {
  authorize(input.staff, 'sections.manage');
  const reindex = input.tagId ? await listArticleIdsShowing(deps.db, { tagId: input.tagId }) : [];
  await deps.db.transaction().execute(async (trx) => {
    const { action, subject, details } = await run(trx);
    await recordAudit(trx, { actor: input.staff, action, subject, details, ip: input.ip, at: deps.clock.now() });
  });
  if (reindex.length) await reindexArticles(deps.db, reindex);
  await deps.pageCache.invalidate(['*']);
}

const tagOf = (input: { kind: TermKind; id: string }) => (input.kind === 'tag' ? input.id : undefined);

/** Both lists as the desk shows them, with how many articles each term holds. */
export async function listTerms(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff },
): Promise<{ sections: TermWithCount[]; tags: TermWithCount[] }> {
  authorize(input.staff, 'sections.manage');
  const [sections, tags] = await Promise.all([
    listTermsWithCounts(deps.db, 'section'),
    listTermsWithCounts(deps.db, 'tag'),
  ]);
  return { sections, tags };
}

export async function createTerm(deps: Deps, input: Input & { kind: TermKind; name: string; slug?: string }) {
  authorize(input.staff, 'sections.manage');
  const name = checkName(input.name);
  const slug = input.slug?.trim() ? checkSlug(input.slug) : slugify(name, 100);
  await change(deps, input, async (trx) => {
    if (!(await termSlugFree(trx, { kind: input.kind, slug })))
      throw conflict({
        code: 'slug_taken',
        message: `Another ${input.kind} already has the address "${slug}".`,
        field: 'slug',
        values: { kind: input.kind, slug },
      });
    await insertTerm(trx, { kind: input.kind, name, slug });
    return { action: `${input.kind}.created`, subject: slug, details: { name } };
  });
}

/** Renames; a new address keeps the old one answering with a 301. */
export async function renameTerm(
  deps: Deps,
  input: Input & { kind: TermKind; id: string; name: string; slug: string },
) {
  authorize(input.staff, 'sections.manage');
  const name = checkName(input.name);
  const slug = checkSlug(input.slug);
  await change(deps, { ...input, tagId: tagOf(input) }, async (trx) => {
    const term = await getTerm(trx, input.kind, input.id);
    if (!(await termSlugFree(trx, { kind: input.kind, slug, exceptId: term.id })))
      throw conflict({
        code: 'slug_taken',
        message: `Another ${input.kind} already has the address "${slug}".`,
        field: 'slug',
        values: { kind: input.kind, slug },
      });
    await renameTermRow(trx, { kind: input.kind, current: term, name, slug });
    return {
      action: `${input.kind}.renamed`,
      subject: slug,
      details: { from: { name: term.name, slug: term.slug }, to: { name, slug } },
    };
  });
}

/** Moves every article of one section or tag into another; the old address then leads to the other. */
export async function mergeTerm(deps: Deps, input: Input & { kind: TermKind; id: string; intoId: string }) {
  authorize(input.staff, 'sections.manage');
  if (input.id === input.intoId)
    throw invalid({
      field: 'into',
      code: 'merge_into_itself',
      message: `Choose another ${input.kind} to merge into.`,
      values: { kind: input.kind },
    });
  await change(deps, { ...input, tagId: tagOf(input) }, async (trx) => {
    const from = await getTerm(trx, input.kind, input.id);
    const into = await getTerm(trx, input.kind, input.intoId);
    await refileArticles(trx, { kind: input.kind, fromId: from.id, intoId: into.id });
    await retireMergedTerm(trx, { kind: input.kind, from, into });
    return { action: `${input.kind}.merged`, subject: from.slug, details: { into: into.slug } };
  });
}

/** Deletes a section (its articles stay, without a section) or a tag (taken off its articles). */
export async function deleteTerm(deps: Deps, input: Input & { kind: TermKind; id: string }) {
  await change(deps, { ...input, tagId: tagOf(input) }, async (trx) => {
    const term = await getTerm(trx, input.kind, input.id);
    await deleteTermRows(trx, { kind: input.kind, id: term.id });
    return { action: `${input.kind}.deleted`, subject: term.slug, details: { name: term.name } };
  });
}

/** A section's own number of days before its articles' discussions close; null follows the site. */
export async function setSectionDiscussionDays(deps: Deps, input: Input & { id: string; days: number | null }) {
  authorize(input.staff, 'sections.manage');
  if (input.days !== null && !(Number.isInteger(input.days) && input.days >= 0 && input.days <= 3650)) {
    throw invalid(
      'days',
      'invalid_days',
      'Give a whole number of days (0 keeps discussions open), or leave it empty for the site default.',
    );
  }
  await change(deps, input, async (trx) => {
    const section = await getTerm(trx, 'section', input.id);
    await setSectionCloseDays(trx, section.id, input.days);
    return { action: 'section.discussion_days', subject: section.slug, details: { days: input.days } };
  });
}
