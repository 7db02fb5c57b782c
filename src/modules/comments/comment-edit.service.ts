// Changing a comment after posting: its author, from the browser that posted it and for a few minutes, may edit
// or delete it; a moderator may correct its text at any time. Every earlier text is kept as a revision.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import type { CommentStatus } from '../../platform/db/tables.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { contentPhases, loadModerationContext, recordDecisions, runModerationPipeline } from '../moderation/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { currentSettings } from '../settings/index.ts';
import type { Comment } from './comment.ts';
import { checkCommentBody } from './comment-input.ts';
import { formatCommentText } from '../../platform/html/comment-text.ts';
import { verifyCommenterToken } from './commenter-token.ts';
import { commenterHistory } from './comment.service.ts';
import * as repo from './comment.repository.ts';
import * as edits from './comment-revision.repository.ts';

export type { CommentRevision } from './comment-revision.repository.ts';

const discussionChanged = (deps: Pick<Deps, 'pageCache'>, articleId: string) =>
  deps.pageCache.invalidate([`article:${articleId}`, 'lists']);

/** The instant after which the author can no longer change a comment. */
export const editableUntil = (createdAt: Date, minutes: number): Date =>
  new Date(createdAt.getTime() + minutes * 60_000);

const tokenMissing = () =>
  new AppError(
    403,
    'comment_token_missing',
    'Only the browser that posted a comment can change it, and this request did not say which browser it came from.',
  );
const tokenInvalid = () =>
  new AppError(
    403,
    'comment_token_invalid',
    'This comment was not posted from this browser, so it cannot be changed here.',
  );
const windowExpired = (minutes: number) =>
  new AppError({
    status: 403,
    code: 'comment_edit_window_expired',
    message:
      minutes > 0
        ? `A comment can be edited or deleted for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} after it is posted; that time is over for this one.`
        : 'Comments cannot be edited or deleted after they are posted on this site.',
    values: { minutes },
  });

/** Refuses a poster's request that says nothing of which browser it comes from, before its body is looked at. */
export function assertCommenterTokenSent(token: string | undefined): void {
  if (!token) throw tokenMissing();
}

/** A comment of its author's, with what changing it needs; refuses a missing or foreign token and a closed window. */
/**
 * When an edit of the text is recorded: now, or just after the last edit if that is not earlier (a clock that did
 * not move, or one behind another process's). Each change of a comment's text thus names a new edited_at, which the
 * rendered comments kept by pages are keyed by (src/web/discussion.tsx, fragmentKey).
 */
const editTime = (now: Date, last: Date | null | undefined): Date =>
  last && last.getTime() >= now.getTime() ? new Date(last.getTime() + 1) : now;

async function ownComment(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  input: { id: string; token: string | undefined },
) {
  if (!input.token) throw tokenMissing();
  const who = await verifyCommenterToken(deps, input.token);
  if (!who) throw tokenInvalid();
  const comment = isId(input.id) ? await edits.findCommentForEdit(deps.db, input.id) : undefined;
  // Spam stays unexplained to its poster, like at posting time; trash is gone.
  if (!comment || (comment.status !== 'approved' && comment.status !== 'pending'))
    throw notFound('There is no such comment: it may have been removed.');
  if (comment.authorKeyHash !== who.keyHash) throw tokenInvalid();
  const settings = await currentSettings(deps);
  const until = editableUntil(comment.createdAt, settings.commentEditMinutes);
  if (deps.clock.now().getTime() >= until.getTime()) throw windowExpired(settings.commentEditMinutes);
  return { comment, settings, until };
}

/** The author's comment for the edit and delete pages: its text as typed, its article, and until when it can change. */
export async function getOwnComment(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  input: { id: string; token: string | undefined },
) {
  const { comment, until } = await ownComment(deps, input);
  return { comment: comment as Comment, bodyText: comment.bodyText, article: comment.article, editableUntil: until };
}

const RANK: Record<CommentStatus, number> = { approved: 0, pending: 1, spam: 2, trash: 3 };

/**
 * The author changes their comment's text within the window. The new words go through the content rules again: a
 * comment they would hold or file as spam leaves the discussion (and its count) in the same transaction; an edit
 * never frees a comment a rule already held. The earlier text is kept as a revision.
 */
export async function editOwnComment(
  deps: Deps,
  input: { id: string; token: string | undefined; body: string },
): Promise<Comment & { editableUntil: Date; article: { slug: string; headline: string } }> {
  const { comment, settings, until } = await ownComment(deps, input);
  const body = checkCommentBody(input.body);
  if (body === comment.bodyText) return { ...comment, editableUntil: until };
  const bodyHtml = formatCommentText(body);
  const now = deps.clock.now();
  const editedAt = editTime(now, comment.editedAt);
  const context = await loadModerationContext(deps, {
    email: comment.authorEmail,
    ip: comment.ip,
    settings,
    now,
    history: commenterHistory(deps.db),
  });
  const verdict = runModerationPipeline(
    {
      name: comment.authorName,
      email: comment.authorEmail,
      website: comment.authorUrl,
      body,
      bodyHtml,
      ip: comment.ip,
      honeypot: '',
    },
    context,
    contentPhases,
  );
  const status = RANK[verdict.status] > RANK[comment.status] ? verdict.status : comment.status;
  await deps.db.transaction().execute(async (trx) => {
    const ok = await edits.updateCommentText(trx, {
      id: comment.id,
      from: comment.status,
      to: status,
      bodyText: body,
      bodyHtml,
      at: iso(editedAt),
    });
    if (!ok)
      throw conflict('comment_changed', 'A moderator changed this comment at the same moment; reload and try again.');
    await edits.insertRevision(trx, {
      commentId: comment.id,
      body: comment.bodyText,
      editedBy: 'author',
      at: iso(now),
    });
    if (verdict.status !== 'approved') {
      await recordDecisions(trx, {
        commentId: comment.id,
        decisions: verdict.decisions.map((d) => ({
          ...d,
          reason: `After an edit by its author: ${d.reason}`,
          values: { ...d.values, afterEdit: 'yes' },
        })),
        at: now,
      });
    }
  });
  if (comment.status === 'approved') await discussionChanged(deps, comment.articleId);
  return { ...comment, bodyHtml, status, editedAt, editableUntil: until };
}

/** The author deletes their comment within the window: it goes to the trash, out of the count, in one transaction. */
export async function deleteOwnComment(
  deps: Deps,
  input: { id: string; token: string | undefined },
): Promise<{ articleSlug: string }> {
  const { comment } = await ownComment(deps, input);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCommentStatus(trx, { id: comment.id, from: comment.status, to: 'trash' }))) {
      throw conflict('comment_changed', 'A moderator changed this comment at the same moment; reload and try again.');
    }
    await recordDecisions(trx, {
      commentId: comment.id,
      decisions: [{ status: 'trash', rule: 'author_deleted', reason: 'Deleted by its author.', values: {} }],
      at: now,
    });
  });
  if (comment.status === 'approved') await discussionChanged(deps, comment.articleId);
  return { articleSlug: comment.article.slug };
}

/** A moderator corrects a comment's text; its status stays. The earlier text is kept, and the change audited. */
export async function editCommentText(
  deps: Deps,
  input: { staff: Staff; id: string; body: string; ip?: string },
): Promise<Comment> {
  authorize(input.staff, 'comment.moderate');
  const comment = isId(input.id) ? await edits.findCommentForEdit(deps.db, input.id) : undefined;
  if (!comment) throw notFound('There is no comment with that id.', 'comment');
  const body = checkCommentBody(input.body);
  if (body === comment.bodyText) return comment;
  const bodyHtml = formatCommentText(body);
  const now = deps.clock.now();
  const editedAt = editTime(now, comment.editedAt);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await edits.updateCommentText(trx, {
      id: comment.id,
      from: comment.status,
      to: comment.status,
      bodyText: body,
      bodyHtml,
      at: iso(editedAt),
    });
    if (!ok)
      throw conflict('comment_changed', 'Someone else changed this comment at the same moment; reload and try again.');
    await edits.insertRevision(trx, {
      commentId: comment.id,
      body: comment.bodyText,
      editedBy: input.staff.id,
      at: iso(now),
    });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'comment.edited',
      subject: comment.id,
      details: { articleId: comment.articleId, status: comment.status },
      ip: input.ip,
      at: now,
    });
  });
  if (comment.status === 'approved') await discussionChanged(deps, comment.articleId);
  return { ...comment, bodyHtml, editedAt };
}

/** Earlier texts of these comments, oldest first (for moderators). */
export async function listCommentRevisions(deps: Pick<Deps, 'db'>, commentIds: string[]) {
  return edits.listRevisionsFor(deps.db, commentIds);
}

/** What one reader sees of their own comments on an article, beyond the shared page. */
export interface OwnerView {
  /** Their comments waiting for a moderator: shown to them alone, marked so. */
  pending: Comment[];
  /** Their comments they can still edit or delete. */
  editable: Set<string>;
}

/**
 * The commenter token's own view of an article, or undefined when it would add nothing to the shared page (no valid
 * token, or no comment on this article that is pending or still in its window): then the shared, cached page serves.
 */
export async function findOwnerView(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  input: { articleId: string; token: string | undefined },
): Promise<OwnerView | undefined> {
  const who = await verifyCommenterToken(deps, input.token);
  if (!who) return undefined;
  const own = await edits.listOwnComments(deps.db, { articleId: input.articleId, keyHash: who.keyHash });
  if (own.length === 0) return undefined;
  const { commentEditMinutes } = await currentSettings(deps);
  const now = deps.clock.now().getTime();
  const editable = new Set(
    own.filter((c) => now < editableUntil(c.createdAt, commentEditMinutes).getTime()).map((c) => c.id),
  );
  const pending = own.filter((c) => c.status === 'pending');
  return pending.length > 0 || editable.size > 0 ? { pending, editable } : undefined;
}
