// The desk's revision history of one article: its revisions, the comparison of two, and restoring one.
import type { Deps } from '../../deps.ts';
import { notFound } from '../../platform/errors.ts';
import type { Staff } from '../permissions/index.ts';
import type { Article } from './article.ts';
import { updateArticle } from './article.service.ts';
import { findEditableArticle } from './article-editor.service.ts';
import { compareRevisions, listRevisions, restoreInput, type FieldChange, type Revision } from './revision.service.ts';

export interface RevisionHistory {
  article: Article;
  /** Newest first. */
  revisions: Revision[];
  /** The two revisions compared (by default the newest and the one before), and what changed between them. */
  from?: Revision;
  to?: Revision;
  changes: FieldChange[];
}

/** An article's revisions for someone who may edit it, with two of them compared (`from` and `to` are revision ids). */
export async function loadRevisionHistory(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string; from?: string; to?: string },
): Promise<RevisionHistory> {
  const article = await findEditableArticle(deps, input);
  const revisions = await listRevisions(deps.db, article.id);
  const to = revisions.find((r) => r.id === input.to) ?? revisions[0];
  const from = revisions.find((r) => r.id === input.from) ?? revisions[revisions.indexOf(to) + 1];
  return { article, revisions, from, to, changes: from && to ? compareRevisions(from.snapshot, to.snapshot) : [] };
}

/** Restores a revision as a new save (so it gets its own revision); returns the article. */
export async function restoreRevision(
  deps: Deps,
  input: { staff: Staff; id: string; revisionId: string },
): Promise<Article> {
  const article = await findEditableArticle(deps, input);
  const revision = (await listRevisions(deps.db, article.id)).find((r) => r.id === input.revisionId);
  if (!revision) throw notFound('There is no such revision of this article.');
  return updateArticle(deps, {
    staff: input.staff,
    id: article.id,
    changes: restoreInput(revision.snapshot, article.version),
  });
}
