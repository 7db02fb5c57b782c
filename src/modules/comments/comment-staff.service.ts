// What staff do to the discussion from the desk besides moderating: pick comments to feature, and reply as staff.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { isId, newId } from '../../platform/ids.ts';
import { findArticleForStaff } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordDecisions } from '../moderation/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { getSettings } from '../settings/index.ts';
import type { Comment } from './comment.ts';
import { checkCommentBody } from './comment-input.ts';
import { formatCommentText } from '../../platform/html/comment-text.ts';
import { queueMails } from '../../platform/mail/outbox.ts';
import { approvedReplyMail, discussionChanged, placeReply, replyMail } from './comment.service.ts';
import * as repo from './comment.repository.ts';

const findOrFail = async (deps: Pick<Deps, 'db'>, id: string): Promise<Comment> => {
  const comment = isId(id) ? await repo.findComment(deps.db, id) : undefined;
  if (!comment) throw notFound('There is no comment with that id.', 'comment');
  return comment;
};

/**
 * Features a comment among the article's editor's picks, or takes it out; audited, and the article page is
 * rendered again. Only an approved comment can be featured (readers could not see the pick otherwise);
 * unfeaturing always works, so a pick that was later trashed can still be cleared.
 */
export async function featureComment(
  deps: Deps,
  input: { staff: Staff; id: string; featured: boolean; ip?: string },
): Promise<Comment> {
  authorize(input.staff, 'comment.moderate');
  const comment = await findOrFail(deps, input.id);
  if (input.featured && comment.status !== 'approved') {
    throw conflict('comment_not_approved', 'Only an approved comment can be featured: approve it first.');
  }
  if (comment.featured === input.featured) return comment;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateCommentFeatured(trx, comment.id, input.featured ? iso(now) : null);
    await recordAudit(trx, {
      actor: input.staff,
      action: input.featured ? 'comment.featured' : 'comment.unfeatured',
      subject: comment.id,
      details: { articleId: comment.articleId },
      ip: input.ip,
      at: now,
    });
  });
  await discussionChanged(deps, comment.articleId);
  return { ...comment, featured: input.featured };
}

/**
 * A staff member answers a comment in public. The reply bypasses the readers' moderation rules: it is approved,
 * threaded under the comment, signed with the staff member's profile name and marked as theirs (staff_user_id),
 * which is what shows the "Staff" badge. Stored with its decision, the article's count and the audit entry in one transaction.
 */
export async function replyAsStaff(
  deps: Deps,
  input: { staff: Staff; parentId: string; body: string; ip?: string },
): Promise<Comment> {
  return publishStaffReply(deps, { ...input, approveParent: false });
}

/**
 * A moderator answers a comment still waiting in the pending queue: it is approved and the staff reply published in
 * one step (one transaction), as Approve then Reply as staff would, with the same decisions, audit entries and mails.
 */
export async function answerPendingComment(
  deps: Deps,
  input: { staff: Staff; parentId: string; body: string; ip?: string },
): Promise<Comment> {
  return publishStaffReply(deps, { ...input, approveParent: true });
}

async function publishStaffReply(
  deps: Deps,
  input: { staff: Staff; parentId: string; body: string; ip?: string; approveParent: boolean },
): Promise<Comment> {
  authorize(input.staff, 'comment.moderate');
  const parent = await findOrFail(deps, input.parentId);
  if (input.approveParent ? parent.status !== 'pending' : parent.status !== 'approved') {
    throw input.approveParent
      ? new AppError({
          status: 409,
          code: 'comment_not_pending',
          message: `This comment is ${parent.status} now, not pending: reload the queue and answer it from there.`,
          values: { status: parent.status },
        })
      : conflict('parent_not_approved', 'Approve the comment before replying to it in public.');
  }
  const article = await findArticleForStaff(deps, parent.articleId);
  if (article?.status !== 'published')
    throw new AppError({
      status: 409,
      code: 'article_not_published',
      message: 'The article of this comment is not published.',
      // The code is shared with article updates: the catalogue words this one's case apart.
      values: { of: 'comment' },
    });
  const body = checkCommentBody(input.body, 'reply');

  const settings = await getSettings(deps);
  const { parentId, depth } = await placeReply(deps.db, parent, settings.threadDepth);
  const now = deps.clock.now();
  const id = newId();
  const bodyHtml = formatCommentText(body);
  const authorName = input.staff.name.slice(0, 120);
  // The reader answered asked to hear of replies: a reply from the newsroom is one too. A pending comment that is
  // itself a reply tells its own parent's author once it is shown, as an approval does.
  const mails = [
    input.approveParent && parent.parentId
      ? await approvedReplyMail(deps, { ...parent, parentId: parent.parentId })
      : undefined,
    await replyMail(deps, {
      reply: { id, authorName, authorEmail: '', bodyText: body },
      parentId: parent.id,
      headline: article.headline,
      language: article.language,
      parentApprovedWithIt: input.approveParent,
    }),
  ].filter((m) => m !== undefined);
  await deps.db.transaction().execute(async (trx) => {
    if (input.approveParent) {
      if (!(await repo.updateCommentStatus(trx, { id: parent.id, from: 'pending', to: 'approved' }))) {
        throw conflict(
          'comment_changed',
          'Someone else moderated this comment at the same moment; reload and try again.',
        );
      }
      await recordDecisions(trx, {
        commentId: parent.id,
        decisions: [
          {
            status: 'approved',
            rule: 'moderator',
            reason: `${input.staff.name} approved it and replied as staff.`,
            values: { action: 'replied', name: input.staff.name },
          },
        ],
        at: now,
        staff: input.staff,
      });
      await recordAudit(trx, {
        actor: input.staff,
        action: 'comment.moderated',
        subject: parent.id,
        details: { articleId: parent.articleId, from: 'pending', to: 'approved' },
        ip: input.ip,
        at: now,
      });
    }
    await repo.insertComment(trx, {
      id,
      article_id: parent.articleId,
      parent_id: parentId,
      depth,
      // No email and no address: the writer is known by staff_user_id, and a reader's checks that go by email or
      // address (first comment, flood, repeats, bans) must never see the newsroom's own replies.
      author_name: authorName,
      author_email: '',
      author_url: '',
      body_text: body,
      body_html: bodyHtml,
      status: 'approved',
      created_at: iso(now),
      ip: '',
      user_agent: '',
      staff_user_id: input.staff.id,
    });
    await recordDecisions(trx, {
      commentId: id,
      decisions: [
        {
          status: 'approved',
          rule: 'staff',
          reason: `${input.staff.name} replied as staff.`,
          values: { name: input.staff.name },
        },
      ],
      at: now,
      staff: input.staff,
    });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'comment.staff_reply',
      subject: id,
      details: { articleId: parent.articleId, parentId: parent.id },
      ip: input.ip,
      at: now,
    });
    if (mails.length) await queueMails(trx, mails, now);
  });
  if (mails.length) deps.mailOutbox.kick();
  await discussionChanged(deps, parent.articleId);
  return {
    id,
    articleId: parent.articleId,
    parentId,
    depth,
    authorName,
    authorUrl: '',
    bodyHtml,
    status: 'approved',
    createdAt: now,
    featured: false,
    byStaff: true,
  };
}
