// Posting, reading and moderating the discussion under an article.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CommentKind, CommentStatus } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { htmlToText } from '../../platform/html/sanitizer.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { isId, newId } from '../../platform/ids.ts';
import {
  findArticleForStaff,
  findDiscussionToPost,
  findPublicArticle,
  isDiscussionOpen,
  type Article,
} from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  addReport,
  getModerationHistory,
  loadModerationContext,
  lockCommenter,
  recordDecisions,
  runModerationPipeline,
  type CommentDecision,
  type CommenterHistorySource,
} from '../moderation/index.ts';
import { prepareReplyNotification } from '../notifications/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { queueMails, type QueuedMail } from '../../platform/mail/outbox.ts';
import { currentSettings } from '../settings/index.ts';
import {
  buildThread,
  commentNode,
  discussionPage,
  pageNumbers,
  pageOfComment,
  type Comment,
  type CommentNode,
  type CommentOutline,
  type DiscussionPage,
} from './comment.ts';
import { checkCommentSubmission, type CommentSubmission } from './comment-input.ts';
import { formatCommentText, formatImportedText, type FormattedComment } from '../../platform/html/comment-text.ts';
import { cleanText, hasControlCharacters } from '../../platform/text.ts';
import * as repo from './comment.repository.ts';
import * as idempotency from './idempotency.repository.ts';
import {
  IDEMPOTENCY_TTL_MS,
  idempotencyKeyHash,
  idempotencyKeyReused,
  postFingerprint,
  replayAnswer,
  storedAnswer,
  type PostedComment,
} from './comment-idempotency.ts';

/** A discussion changed: its article page, and the lists that show its comment count, are stale. */
export const discussionChanged = (deps: Pick<Deps, 'pageCache'>, articleId: string) =>
  deps.pageCache.invalidate([`article:${articleId}`, 'lists']);

/** A commenter's earlier comments, read from this module's table for the moderation rules (in the caller's transaction). */
export const commenterHistory = (db: Db): CommenterHistorySource => ({
  historyParts: (questions) => repo.commenterHistoryParts(db, questions),
});

export const discussionClosed = () => new AppError(403, 'discussion_closed', 'Comments are closed on this article.');

export interface PostCommentInput extends CommentSubmission {
  slug: string;
  /** Filled only by bots: a field people never see. */
  honeypot?: string;
  /** Milliseconds from first touching the form to sending it, when the page's script measured them. */
  typingMs?: number;
  /** Mail the commenter when someone replies. */
  notifyReplies?: boolean;
  ip: string;
  userAgent: string;
  /** Hash of the poster's commenter key (see commenter-token.ts): lets that browser see and change its comment. */
  authorKeyHash?: string;
  /** The client's Idempotency-Key: sent again with the same post, it gets the first answer (see comment-idempotency.ts). */
  idempotencyKey?: string;
}

async function publicArticle(deps: Pick<Deps, 'db' | 'clock'>, slug: string): Promise<Article> {
  const found = await findPublicArticle(deps, slug);
  if (!found || !('article' in found)) throw notFound('There is no published article at that address.');
  return found.article;
}

/**
 * Posts a reader's comment: checks it, threads it, runs the moderation pipeline on it, and stores it, why it got
 * its status in one transaction (the article's count and discussion revision move with it, by the database's
 * triggers, at commit on PostgreSQL). Throws the pipeline's refusal (ban, flood) without storing, and after storing,
 * what the poster should be told about a comment filed as spam (a repeat).
 * Round trips to the database, for a comment shown at once: the article, the settings and the comment replied to
 * (at the same time), then the transaction: begin, lock, the moderation context (one query), the comment, its
 * decision, commit. With an Idempotency-Key, the key is looked up after the lock and stored with the
 * comment: a post sent again with its key, even to another process at the same moment, is answered, not stored, again.
 */
export async function postComment(deps: Deps, input: PostCommentInput): Promise<PostedComment> {
  const now = deps.clock.now();
  const keyHash = idempotencyKeyHash(input.idempotencyKey);
  const answered = input.parentId && isId(input.parentId) ? input.parentId : undefined;
  const [article, settings, parent] = await Promise.all([
    findDiscussionToPost(deps, input.slug),
    currentSettings(deps),
    answered ? repo.findReplyTarget(deps.db, answered) : undefined,
  ]);
  if (!article) throw notFound('There is no published article at that address.');
  if (!isDiscussionOpen(article, settings, now)) throw discussionClosed();
  const submission = checkCommentSubmission(input);

  let parentId: string | null = null;
  let depth = 0;
  if (submission.parentId) {
    if (!parent || parent.comment.articleId !== article.id || parent.comment.status !== 'approved') {
      throw invalid('parentId', 'unknown_parent', 'The comment you are replying to does not exist on this article.');
    }
    ({ parentId, depth } = await placeReply(deps.db, parent.comment, settings.threadDepth));
  }

  const bodyHtml = formatCommentText(submission.body);
  const ip = input.ip.slice(0, 45);
  const id = newId();
  // Mail goes to the reader who was answered, even when the reply was threaded higher up (past the deepest level).
  // Prepared before the transaction (it reads through the pool) and queued in it only if the reply is shown at once.
  const mail = parent
    ? await prepareReplyNotification(deps, {
        reply: { id, authorName: submission.name, authorEmail: submission.email, bodyText: submission.body },
        parent: parent.notify,
        headline: article.headline,
        language: article.language,
      })
    : undefined;
  const posted = (status: CommentStatus): PostedComment => ({
    id,
    articleId: article.id,
    parentId,
    depth,
    authorName: submission.name,
    authorUrl: submission.website,
    bodyHtml,
    status,
    createdAt: now,
    featured: false,
    byStaff: false,
    editedAt: null,
    editableUntil: new Date(now.getTime() + settings.commentEditMinutes * 60_000),
  });
  const fingerprint = keyHash && postFingerprint({ slug: input.slug, ...submission });
  // Judged and stored in one transaction, so a post sent at the same moment by the same reader sees this one.
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockCommenter(
      { db: trx, dialect: deps.dialect },
      { email: submission.email, ip, also: keyHash ? [`idempotency:${keyHash}`] : [] },
    );
    if (keyHash) {
      const earlier = await idempotency.findIdempotentAnswer(
        trx,
        keyHash,
        iso(new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
      );
      if (earlier && earlier.fingerprint !== fingerprint) throw idempotencyKeyReused();
      if (earlier) return { replay: earlier.answer };
    }
    const context = await loadModerationContext(
      { db: trx },
      { email: submission.email, ip, settings, now, history: commenterHistory(trx) },
    );
    const verdict = runModerationPipeline(
      {
        name: submission.name,
        email: submission.email,
        website: submission.website,
        body: submission.body,
        bodyHtml,
        ip,
        honeypot: input.honeypot ?? '',
        typingMs: input.typingMs,
      },
      context,
    );
    const status = verdict.status;
    await repo.insertComment(trx, {
      id,
      article_id: article.id,
      parent_id: parentId,
      depth,
      author_name: submission.name,
      author_email: submission.email,
      author_url: submission.website,
      body_text: submission.body,
      body_html: bodyHtml,
      status,
      created_at: iso(now),
      ip,
      user_agent: input.userAgent.slice(0, 500),
      notify_replies: input.notifyReplies === true && submission.email !== '' ? 1 : 0,
      author_key_hash: input.authorKeyHash ?? null,
    });
    await recordDecisions(trx, { commentId: id, decisions: verdict.decisions, at: now });
    if (mail && status === 'approved') await queueMails(trx, [mail], now);
    if (keyHash && fingerprint) {
      await idempotency.saveIdempotentAnswer(trx, {
        key_hash: keyHash,
        fingerprint,
        comment_id: id,
        answer: storedAnswer(posted(status), verdict.tell),
        created_at: iso(now),
      });
    }
    return { verdict };
  });
  if (outcome.replay !== undefined) return replayAnswer(outcome.replay);
  const { verdict } = outcome;
  const status = verdict.status;
  if (mail && status === 'approved') deps.mailOutbox.kick();
  if (status === 'approved') await discussionChanged(deps, article.id);
  if (verdict.tell) throw verdict.tell;
  return posted(status);
}

/** Forgets idempotency keys older than their day; returns how many (main.ts runs it every hour). */
export async function pruneIdempotencyKeys(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  return idempotency.deleteIdempotencyKeysBefore(
    deps.db,
    iso(new Date(deps.clock.now().getTime() - IDEMPOTENCY_TTL_MS)),
  );
}

/** The mail to the author of the comment a reply answers, if they asked for one (see prepareReplyNotification). */
export async function replyMail(
  deps: Deps,
  input: {
    reply: { id: string; authorName: string; authorEmail: string; bodyText: string };
    parentId: string;
    headline: string;
    /** The article's language, which the mail speaks (null: the site's default). */
    language?: string | null;
    /** The parent is approved in the same transaction as the reply (a pending comment answered from the queue). */
    parentApprovedWithIt?: boolean;
  },
): Promise<QueuedMail | undefined> {
  const found = await repo.findReplyParent(deps.db, input.parentId);
  const parent = found && input.parentApprovedWithIt ? { ...found, status: 'approved' as const } : found;
  return prepareReplyNotification(deps, {
    reply: input.reply,
    parent,
    headline: input.headline,
    language: input.language,
  });
}

/** Where a reply to this comment goes: past the deepest level, it joins its parent's level instead of nesting further. */
export async function placeReply(
  db: Db,
  to: Comment,
  threadDepth: number,
): Promise<{ parentId: string; depth: number }> {
  let parent = to;
  while (parent.depth >= threadDepth - 1 && parent.parentId) {
    const up = await repo.findComment(db, parent.parentId);
    if (!up) break;
    parent = up;
  }
  return { parentId: parent.id, depth: Math.min(parent.depth + 1, threadDepth - 1) };
}

/** The approved discussion of a published article, threaded. */
export async function getDiscussion(deps: Pick<Deps, 'db' | 'clock'>, articleId: string): Promise<CommentNode[]> {
  return buildThread(await repo.listApprovedComments(deps.db, articleId));
}

/** One of the oldest approved comments, as the page's structured data names it: in plain text. */
export interface FirstComment {
  id: string;
  authorName: string;
  createdAt: Date;
  text: string;
}

const firstComment = (c: Comment): FirstComment => ({
  id: c.id,
  authorName: c.authorName,
  createdAt: c.createdAt,
  text: htmlToText(c.bodyHtml),
});

/** What one page of the public discussion reads besides the text of its comments: the same for every reader. */
export interface DiscussionRead {
  numbers: Omit<DiscussionPage, 'roots'>;
  /** The page's comments in outline (see fillOutline). */
  outline: CommentOutline[];
  picks: Comment[];
  first: FirstComment[];
}

/**
 * One page of an article's public discussion, read alone: the page's threads with their replies, and how many pages
 * there are, exactly as discussionPage cuts the whole thread (see listThreadPageOutline); the editors' picks and the
 * oldest comments (for the structured data), each read by itself. The page is read in outline first, and only the
 * comments whose markup `rendered` says the caller does not hold are read in full; the others come as outlines
 * (`outline`, their text and author empty). With the discussion's `revision` (which the database moves on every
 * change readers could see), all but those full rows come from memory while the revision stands.
 */
export async function getDiscussionPage(
  deps: Pick<Deps, 'db' | 'clock' | 'discussions'>,
  input: {
    articleId: string;
    perPage: number;
    newestFirst: boolean;
    page?: number;
    first: number;
    rendered?: (comment: CommentOutline) => boolean;
    /** The article's discussion revision, as read with the article (Article.discussionRevision). */
    revision?: number;
    /** Whether the caller holds this page's whole comment list as rendered (the page's roots then come empty). */
    listHeld?: boolean;
  },
): Promise<{ paging: DiscussionPage; picks: CommentNode[]; first: FirstComment[] }> {
  // Without `rendered`, the caller holds no comment's markup: every comment shown is read in full.
  const rendered = input.rendered ?? (() => false);
  const read = await heldRead(deps, input);
  // The caller holds the page's whole comment list: none of its comments is needed.
  const shown = input.listHeld
    ? []
    : await fillOutline(deps, { articleId: input.articleId, outline: read.outline }, rendered);
  return {
    paging: { ...read.numbers, roots: buildThread(shown) },
    picks: read.picks.map(commentNode),
    first: read.first,
  };
}

/**
 * The whole approved discussion in outline (oldest first), its picks and its oldest comments: what a commenter's own
 * view and a reply read besides the text of the comments they show. Held by revision like a page's (getDiscussionPage).
 */
export function getDiscussionOutline(
  deps: Pick<Deps, 'db' | 'clock' | 'discussions'>,
  input: { articleId: string; first: number; revision?: number },
): Promise<DiscussionRead> {
  return heldRead(deps, { ...input, perPage: 0, newestFirst: false });
}

/**
 * A page's read, from memory while the discussion's revision stands. Read after the article, the discussion is at
 * least as new as its revision says: what is kept under a revision never shows a page older than it. A restore may
 * bring back old revisions: it is a site-wide change, which empties this cache (FragmentCache's era).
 */
async function heldRead(
  deps: Pick<Deps, 'db' | 'clock' | 'discussions'>,
  input: { articleId: string; perPage: number; newestFirst: boolean; page?: number; first: number; revision?: number },
): Promise<DiscussionRead> {
  if (input.revision === undefined) return readPageOutline(deps, input);
  const key = `${input.articleId}:${input.revision}:${input.perPage}:${input.newestFirst}:${input.page ?? ''}:${input.first}`;
  const now = deps.clock.now().getTime();
  const held = deps.discussions.get(key, now);
  if (held) return held;
  const read = await readPageOutline(deps, input);
  deps.discussions.set(key, read, now);
  return read;
}

/** Which threads a page holds: a page that holds every thread holds every approved comment (see listApprovedOutline). */
async function pageRange(
  deps: Pick<Deps, 'db'>,
  input: { articleId: string; perPage: number; newestFirst: boolean; page?: number },
) {
  const threads = await repo.countThreads(deps.db, input.articleId);
  const numbers = pageNumbers(threads, input);
  const all = input.perPage <= 0;
  const offset = all ? 0 : (numbers.page - 1) * input.perPage;
  const limit = all ? Math.max(threads, 1) : input.perPage;
  // A page that holds every thread holds every approved comment (each sits in the thread of its oldest shown
  // ancestor): one range of the article's index, without walking down each thread.
  return { numbers, articleId: input.articleId, offset, limit, whole: offset === 0 && threads <= limit };
}

async function readPageOutline(
  deps: Pick<Deps, 'db'>,
  input: { articleId: string; perPage: number; newestFirst: boolean; page?: number; first: number },
): Promise<DiscussionRead> {
  const range = await pageRange(deps, input);
  const [outline, picks, first] = await Promise.all([
    range.whole ? repo.listApprovedOutline(deps.db, input.articleId) : repo.listThreadPageOutline(deps.db, range),
    repo.listFeaturedComments(deps.db, input.articleId),
    repo.listFirstComments(deps.db, input.articleId, input.first),
  ]);
  return { numbers: range.numbers, outline, picks, first: first.map(firstComment) };
}

/** A comment whose place is all that was read (written out: see commentNode). */
export const outlined = (c: CommentOutline, articleId: string): Comment & { outline: true } => ({
  id: c.id,
  parentId: c.parentId,
  editedAt: c.editedAt,
  articleId,
  depth: 0,
  authorName: '',
  authorUrl: '',
  bodyHtml: '',
  status: 'approved',
  createdAt: c.createdAt,
  featured: false,
  byStaff: false,
  outline: true,
});

/** A page's outline, with in full those `rendered` does not vouch for (one that left meanwhile, left out). */
async function fillOutline(
  deps: Pick<Deps, 'db'>,
  page: { articleId: string; outline: CommentOutline[] },
  rendered: (comment: CommentOutline) => boolean,
): Promise<(Comment & { outline?: true })[]> {
  const { articleId, outline } = page;
  const comments = outline.map((c) => outlined(c, articleId));
  const wanted = new Set(outline.filter((c) => !rendered(c)).map((c) => c.id));
  return wanted.size === 0 ? comments : completeOutline(deps, { articleId, comments, wanted });
}

/** Comments with those `wanted` read in full in their place (one that left meanwhile, left out). */
export async function completeOutline<C extends Comment>(
  deps: Pick<Deps, 'db'>,
  input: { articleId: string; comments: C[]; wanted: Set<string> },
): Promise<(C | Comment)[]> {
  const { wanted } = input;
  const rows = await repo.listApprovedCommentsIn(deps.db, input.articleId, [...wanted]);
  const full = new Map(rows.map((c) => [c.id, c] as const));
  return input.comments.flatMap((c) => (wanted.has(c.id) ? (full.get(c.id) ?? []) : [c]));
}

/** The threaded discussion at a public article's slug (for the API). */
export async function getDiscussionBySlug(deps: Pick<Deps, 'db' | 'clock'>, slug: string) {
  const article = await publicArticle(deps, slug);
  return { article, comments: await getDiscussion(deps, article.id) };
}

/** A moderator's decision on one comment (the article's count moves with it, by the database's triggers). */
export async function moderateComment(
  deps: Deps,
  input: { staff: Staff; id: string; status: CommentStatus },
): Promise<Comment> {
  authorize(input.staff, 'comment.moderate');
  const current = isId(input.id) ? await repo.findComment(deps.db, input.id) : undefined;
  if (!current) throw notFound('There is no comment with that id.', 'comment');
  if (current.status !== input.status) {
    // A reply shown for the first time tells the author of the comment it answers (queued once per reply, ever).
    const mail =
      input.status === 'approved' && current.parentId
        ? await approvedReplyMail(deps, { ...current, parentId: current.parentId })
        : undefined;
    const changed = await deps.db.transaction().execute(async (trx) => {
      // Only the writer that moves the status from what it read records the decision.
      const ok = await repo.updateCommentStatus(trx, { id: current.id, from: current.status, to: input.status });
      if (ok && mail) await queueMails(trx, [mail], deps.clock.now());
      if (ok) {
        await recordAudit(trx, {
          actor: input.staff,
          action: 'comment.moderated',
          subject: current.id,
          details: { articleId: current.articleId, from: current.status, to: input.status },
          at: deps.clock.now(),
        });
        await recordDecisions(trx, {
          commentId: current.id,
          decisions: [
            {
              status: input.status,
              rule: 'moderator',
              reason: `${input.staff.name} changed it from ${current.status} to ${input.status}.`,
              values: { action: 'changed', name: input.staff.name, from: current.status, to: input.status },
            },
          ],
          at: deps.clock.now(),
          staff: input.staff,
        });
      }
      return ok;
    });
    if (!changed)
      throw new AppError(
        409,
        'comment_changed',
        'Someone else moderated this comment at the same moment; reload and try again.',
      );
    if (mail) deps.mailOutbox.kick();
    await discussionChanged(deps, current.articleId);
  }
  return { ...current, status: input.status };
}

/** The mail that tells a comment's author a reply to it is shown now, if they asked; undefined otherwise. */
export async function approvedReplyMail(
  deps: Deps,
  reply: Comment & { parentId: string },
): Promise<QueuedMail | undefined> {
  const [full, article] = await Promise.all([
    repo.findCommentForModeration(deps.db, reply.id),
    findArticleForStaff(deps, reply.articleId),
  ]);
  if (!full || !article) return undefined;
  return replyMail(deps, {
    reply: { id: reply.id, authorName: full.authorName, authorEmail: full.authorEmail, bodyText: full.bodyText },
    parentId: reply.parentId,
    headline: article.headline,
    language: article.language,
  });
}

export const REPORT_REASON_MAX = 500;

/** An approved comment on a public article, with that article: what readers can see, and so report. */
export async function findReportableComment(
  deps: Pick<Deps, 'db' | 'clock'>,
  id: string,
): Promise<{ comment: Comment; article: Article }> {
  const found = isId(id) ? await repo.findCommentWithArticleSlug(deps.db, id) : undefined;
  const article = found && found.comment.status === 'approved' ? await findPublicArticle(deps, found.slug) : undefined;
  // Anything else does not exist for a reader.
  if (!found || !article || !('article' in article))
    throw notFound('There is no such comment to report: it may have been removed.');
  return { comment: found.comment, article: article.article };
}

/**
 * A reader reports an approved comment (one report per reader, known by address). When readers reporting it since a
 * moderator last decided on it reach the threshold, it goes back to pending and leaves the count, in one transaction.
 */
export async function reportComment(
  deps: Deps,
  input: { id: string; reason: string; ip: string },
): Promise<{ held: boolean }> {
  const { comment } = await findReportableComment(deps, input.id);
  const reason = cleanText(input.reason ?? '');
  if (reason === '') throw invalid('reason', 'reason_required', 'Please say what is wrong with this comment.');
  if (reason.length > REPORT_REASON_MAX)
    throw invalid({
      field: 'reason',
      code: 'reason_too_long',
      message: `Please keep the reason to ${REPORT_REASON_MAX} characters (it has ${reason.length}).`,
      values: { max: REPORT_REASON_MAX, length: reason.length },
    });
  if (hasControlCharacters(reason))
    throw invalid('reason', 'control_characters', 'The reason contains control characters; remove them.');
  const settings = await currentSettings(deps);
  const now = deps.clock.now();
  const held = await deps.db.transaction().execute(async (trx) => {
    const { added, openReports } = await addReport(
      { db: trx, dialect: deps.dialect },
      { commentId: comment.id, reporterIp: input.ip.slice(0, 45), reason, at: now },
    );
    if (!added)
      throw conflict(
        'already_reported',
        'You have already reported this comment. Thank you: a moderator will look at it.',
      );
    if (settings.reportThreshold <= 0 || openReports < settings.reportThreshold) return false;
    // Only the report that moves it out of approved records why.
    if (!(await repo.updateCommentStatus(trx, { id: comment.id, from: 'approved', to: 'pending' }))) return false;
    await recordDecisions(trx, {
      commentId: comment.id,
      decisions: [
        {
          status: 'pending',
          rule: 'reports',
          reason: `Reported by ${openReports} different readers; held for review.`,
          values: { count: openReports },
        },
      ],
      at: now,
    });
    return true;
  });
  if (held) await discussionChanged(deps, comment.articleId);
  return { held };
}

export interface ModeratedComment extends Comment {
  authorEmail: string;
  bodyText: string;
  ip: string;
  userAgent: string;
  decisions: CommentDecision[];
  reports: { reason: string; createdAt: Date }[];
}

/** A comment as a moderator sees it: who sent it from where, and why it has had each of its statuses. */
export async function getCommentForModeration(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff; id: string },
): Promise<ModeratedComment> {
  authorize(input.staff, 'comment.moderate');
  const comment = isId(input.id) ? await repo.findCommentForModeration(deps.db, input.id) : undefined;
  if (!comment) throw notFound('There is no comment with that id.', 'comment');
  return { ...comment, ...(await getModerationHistory(deps.db, comment.id)) };
}

export { countApprovedComments } from './comment.repository.ts';

export interface ExistingComment {
  id?: string;
  parentId?: string | null;
  name: string;
  email: string;
  website?: string;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  ip?: string;
  userAgent?: string;
}

/**
 * Brings in comments written elsewhere or earlier (demo content, imports) with their own times and
 * statuses, bypassing the posting rules but not the formatter, in one transaction (the triggers count them).
 */
export async function addExistingComments(
  deps: Pick<Deps, 'db' | 'pageCache'>,
  articleId: string,
  comments: ExistingComment[],
): Promise<string[]> {
  const ids: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const depthOf = new Map<string, number>();
    for (const c of comments) {
      const submission = checkCommentSubmission({ name: c.name, email: c.email, website: c.website, body: c.body });
      const id = c.id ?? newId();
      const parentId = c.parentId ?? null;
      const depth = parentId ? (depthOf.get(parentId) ?? 0) + 1 : 0;
      depthOf.set(id, depth);
      await repo.insertComment(trx, {
        id,
        article_id: articleId,
        parent_id: parentId,
        depth,
        author_name: submission.name,
        author_email: submission.email,
        author_url: submission.website,
        body_text: submission.body,
        body_html: formatCommentText(submission.body),
        status: c.status,
        created_at: iso(c.createdAt),
        ip: c.ip ?? '',
        user_agent: c.userAgent ?? '',
      });
      ids.push(id);
    }
  });
  await discussionChanged(deps, articleId);
  return ids;
}

export interface ImportedComment {
  /** Made by the caller, so replies in the same batch can name their parent. */
  id: string;
  parentId: string | null;
  kind: CommentKind;
  name: string;
  /** May be empty: old systems kept comments without one. */
  email: string;
  website: string;
  /**
   * Plain text, as a reader would have typed it, or that text already formatted by formatImportedText (stored as
   * it is: see FormattedComment).
   */
  text: string | FormattedComment;
  status: CommentStatus;
  createdAt: Date;
  ip: string;
  userAgent: string;
}

const clip = (value: string, max: number) =>
  value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim()
    .slice(0, max);

/**
 * Writes comments brought over from another system inside the caller's transaction: created or
 * overwritten by id, parents before replies (the caller orders them), through the one formatter
 * (the database's triggers count them). Unlike addExistingComments it takes what the old system
 * accepted (no email, long names are cut to the columns) and leaves cache purging to the caller.
 */
export async function saveImportedComments(
  db: Db,
  input: { articleId: string; comments: ImportedComment[] },
): Promise<void> {
  await saveImportedDiscussions(db, [input]);
}

/**
 * saveImportedComments for the discussions of many articles at once (an import's batch): the same rows in
 * a few multi-row statements.
 */
export async function saveImportedDiscussions(
  db: Db,
  discussions: { articleId: string; comments: ImportedComment[] }[],
  counts?: ImportedCommentCounts,
): Promise<void> {
  const all = discussions.flatMap((d) => d.comments);
  if (all.length === 0) return;
  const depthOf = new Map<string, number>();
  const inBatch = new Set(all.map((c) => c.id));
  const outside = [...new Set(all.flatMap((c) => (c.parentId && !inBatch.has(c.parentId) ? [c.parentId] : [])))];
  for (const [id, depth] of await repo.findCommentDepths(db, outside)) depthOf.set(id, depth);
  const rows = discussions.flatMap(({ articleId, comments }) =>
    comments.map((c) => {
      const depth = c.parentId ? (depthOf.get(c.parentId) ?? 0) + 1 : 0;
      depthOf.set(c.id, depth);
      const { text, html } = typeof c.text === 'string' ? formatImportedText(c.text) : c.text;
      return {
        id: c.id,
        article_id: articleId,
        parent_id: c.parentId,
        depth,
        kind: c.kind,
        author_name: clip(c.name, 120) || 'Anonymous',
        author_email: clip(c.email.toLowerCase(), 254),
        author_url: clip(c.website, 500),
        body_text: text,
        body_html: html,
        status: c.status,
        created_at: iso(c.createdAt),
        ip: clip(c.ip, 45),
        user_agent: clip(c.userAgent, 500),
      };
    }),
  );
  if (!counts) {
    await repo.upsertComments(db, rows);
    return;
  }
  if (!counts.byCaller) {
    await repo.countCreatedCommentsByCaller(db);
    counts.byCaller = true;
  }
  for (const created of await repo.upsertComments(db, rows, { postgresCreated: true }))
    if (created.status === 'approved')
      counts.added.set(created.article_id, (counts.added.get(created.article_id) ?? 0) + 1);
}

/**
 * The approved comments an import's transaction created, by article, to be counted once before it commits
 * (countImportedComments) instead of by a trigger per comment at commit. One per transaction, and only with a
 * transaction (the setting that stops the trigger ends with it). PostgreSQL only: on SQLite the triggers count
 * as the rows go in, in-process, and an import there has none.
 */
export interface ImportedCommentCounts {
  /** Whether the transaction has stopped its insert trigger from counting. */
  byCaller: boolean;
  added: Map<string, number>;
}

export const importedCommentCounts = (): ImportedCommentCounts => ({ byCaller: false, added: new Map() });

/**
 * Adds the counted comments to their articles, in the transaction that created them, as late as it can: the
 * UPDATE locks each article's row until the commit, and a reader posting a comment there meanwhile waits for it.
 */
export async function countImportedComments(db: Db, counts: ImportedCommentCounts): Promise<void> {
  await repo.addCommentCounts(db, counts.added);
  counts.added.clear();
}

/** Where an approved comment of a public article is shown: the article and the page of its discussion. */
export async function locateComment(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  id: string,
): Promise<{ slug: string; page: number; defaultPage: number } | undefined> {
  const comment = isId(id) ? await repo.findComment(deps.db, id) : undefined;
  if (comment?.status !== 'approved') return undefined;
  const article = await findArticleForStaff(deps, comment.articleId);
  if (article?.status !== 'published') return undefined;
  const [settings, roots] = await Promise.all([currentSettings(deps), getDiscussion(deps, article.id)]);
  const page = pageOfComment(roots, id, settings.commentsPerPage);
  if (page === undefined) return undefined;
  const { defaultPage } = discussionPage(roots, {
    perPage: settings.commentsPerPage,
    newestFirst: settings.commentsNewestPageFirst,
  });
  return { slug: article.slug, page, defaultPage };
}
