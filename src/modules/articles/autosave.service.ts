// Autosave: with scripts, the editor keeps each person's unsaved text in a slot of their own every few seconds, apart
// from the article and its version (two people never overwrite each other, and no save is refused as stale). Opening
// the article again offers the text back; saving the article empties the slot.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import type { Article } from './article.ts';
import { assertCanEdit, findArticleForStaff } from './article.service.ts';
import * as repo from './autosave.repository.ts';

/** The text fields an autosave keeps, and the most each may hold (a little over what a save takes, so nothing typed is cut). */
export const AUTOSAVED = { headline: 1000, subheadline: 2000, body: 1_000_000, excerpt: 4000, dateline: 500 } as const;
export type AutosavedFields = { -readonly [K in keyof typeof AUTOSAVED]: string };

export interface Autosave {
  fields: AutosavedFields;
  savedAt: Date;
}

/** The slot's key: the article's id, or 'new'. Refuses an article the person may not edit (or that does not exist). */
async function slotKey(
  deps: Pick<Deps, 'db' | 'clock'>,
  staff: Staff,
  articleId: string | undefined,
): Promise<{ key: string; article?: Article }> {
  authorize(staff, 'article.create');
  if (!articleId || articleId === 'new') return { key: 'new' };
  const article = isId(articleId) ? await findArticleForStaff(deps, articleId) : undefined;
  if (!article) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(staff, article);
  return { key: article.id, article };
}

/** Keeps the person's unsaved text of an article (or of a new one); answers when. */
export async function saveAutosave(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; articleId?: string; fields: Partial<AutosavedFields> },
): Promise<{ savedAt: Date }> {
  const { key, article } = await slotKey(deps, input.staff, input.articleId);
  const fields = {} as AutosavedFields;
  for (const [name, max] of Object.entries(AUTOSAVED) as [keyof AutosavedFields, number][]) {
    const value = input.fields[name] ?? '';
    if (value.length > max)
      throw invalid(name, 'autosave_too_long', `The ${name} is longer than an article can hold (${max} characters).`);
    fields[name] = value;
  }
  if (hasControlCharacters(fields.headline))
    throw invalid('headline', 'control_characters', 'The headline contains control characters; remove them.');
  const savedAt = deps.clock.now();
  await repo.upsertAutosave(deps.db, {
    user_id: input.staff.id,
    article_key: key,
    article_id: article?.id ?? null,
    fields: JSON.stringify(fields),
    saved_at: iso(savedAt),
  });
  return { savedAt };
}

/**
 * The person's unsaved text of an article (or of a new one), when it differs from what the article holds: an
 * autosave that says what was saved since is not offered.
 */
export async function findAutosave(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; article?: Article },
): Promise<Autosave | undefined> {
  const row = await repo.findAutosave(deps.db, input.staff.id, input.article?.id ?? 'new');
  if (!row) return undefined;
  let fields: AutosavedFields;
  try {
    const parsed = JSON.parse(row.fields) as Partial<AutosavedFields>;
    fields = Object.fromEntries(
      Object.keys(AUTOSAVED).map((k) => [k, String(parsed[k as keyof AutosavedFields] ?? '')]),
    ) as AutosavedFields;
  } catch {
    return undefined;
  }
  const a = input.article;
  const same = a
    ? fields.headline === a.headline &&
      fields.body === a.bodySource &&
      fields.subheadline === a.subheadline &&
      fields.excerpt === (a.excerpt ?? '') &&
      fields.dateline === (a.dateline ?? '')
    : Object.values(fields).every((v) => v.trim() === '');
  return same ? undefined : { fields, savedAt: new Date(row.saved_at) };
}

/** Empties the person's slot for an article (or 'new'): after a save, or when they decline the offer. */
export async function discardAutosave(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; articleId?: string },
): Promise<void> {
  const key = !input.articleId || input.articleId === 'new' ? 'new' : input.articleId;
  authorize(input.staff, 'article.create');
  await repo.deleteAutosave(deps.db, input.staff.id, key);
}
