// The moderation desk's use cases: read a queue with everything needed to decide, and decide on many comments at once.
import { isIP } from 'node:net';
import type { Deps } from '../../deps.ts';
import type { CommentStatus } from '../../platform/db/tables.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import {
  countCommentQueues,
  QUEUE_COUNT_CAP,
  getCommentForModeration,
  listCommenterRecords,
  listCommentRevisions,
  listQueueCommentIds,
  listQueueComments,
  moderateComment,
  QUEUES,
  type Queue,
  type QueueFilter,
} from '../comments/index.ts';
import { findArticleForStaff } from '../articles/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { listDecisionsFor, listReportsFor, recordDecisions, type ReasonValues } from '../moderation/index.ts';

export { QUEUES, type Queue };

export interface QueueItem {
  id: string;
  articleId: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  bodyHtml: string;
  /** As typed: what the Edit text form starts from. */
  bodyText: string;
  editedAt: Date | null;
  status: CommentStatus;
  kind: string;
  createdAt: Date;
  ip: string;
  featured: boolean;
  byStaff: boolean;
  article: { headline: string; slug: string };
  /** The comment this one answers, by its author and first words. */
  parent: { id: string; authorName: string; firstWords: string } | null;
  /** The commenter's record by email; null when the comment has no email (old imports). */
  history: { total: number; approved: number; firstSeen: Date } | null;
  /**
   * The latest decision (all rules that fired together): why the comment has its status. `reason` is the English as
   * stored; the page says it in the desk's language from the rule and its `values` (decisionReason).
   */
  why: { rule: string; reason: string; values: ReasonValues | null; staffName: string | null; at: Date }[];
  reports: { reason: string; createdAt: Date }[];
  /** Each change of its text, oldest first: the text before it, and who made it (null name: its author). */
  edits: { before: string; by: string | null; at: Date }[];
}

/** What the moderator narrowed the queue to: one article's comments, and a search. */
export interface QueueFilters {
  /** An article's id. */
  article?: string;
  /** Words in the text or the commenter's name, an email, or an address (IP). */
  q?: string;
}

export interface QueuePage {
  queue: Queue;
  /** The filters as asked, with the article's headline and address when one is named. */
  filters: { article?: { id: string; headline: string; slug: string }; q: string };
  /** Each queue's count, up to countCap + 1: more than countCap is shown as "10,000+". */
  counts: Record<Queue, number>;
  countCap: number;
  items: QueueItem[];
  page: number;
  pages: number;
}

const firstWords = (text: string, n = 12) => {
  const words = text.trim().split(/\s+/);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
};

const MAX_SEARCH_WORDS = 8;

/** A search as typed: an email or an address is matched exactly, anything else as words (all of them). */
export function parseQueueSearch(q: string | undefined): QueueFilter['search'] {
  const text = (q ?? '').trim();
  if (text === '') return undefined;
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { email: text.toLowerCase() };
  if (isIP(text)) return { ip: text };
  return { words: text.toLowerCase().split(/\s+/).slice(0, MAX_SEARCH_WORDS) };
}

const filterOf = (filters: QueueFilters): QueueFilter => ({
  ...(filters.article && { articleId: filters.article }),
  ...(parseQueueSearch(filters.q) && { search: parseQueueSearch(filters.q) }),
});

/** One page of a moderation queue, newest first, each comment with its context, its commenter's record and why it is there. */
export async function listModerationQueue(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; queue: Queue; page: number; limit: number; filters?: QueueFilters },
): Promise<QueuePage> {
  authorize(input.staff, 'comment.moderate');
  const asked = input.filters ?? {};
  const article = asked.article ? await findArticleForStaff(deps, asked.article) : undefined;
  if (asked.article && !article) throw notFound('There is no article with that id: its comments cannot be listed.');
  const filter = filterOf(asked);
  const counts = await countCommentQueues(deps, filter);
  const pages = Math.max(1, Math.ceil(counts[input.queue] / input.limit));
  // Deciding on the last comments of the last page leaves it empty: show the page before instead.
  const page = Math.min(input.page, pages);
  const rows = await listQueueComments(deps, {
    queue: input.queue,
    limit: input.limit,
    offset: (page - 1) * input.limit,
    filter,
  });
  const ids = rows.map((r) => r.id);
  const emails = [...new Set(rows.map((r) => r.authorEmail).filter((e) => e !== ''))];
  const [history, decisions, reports, revisions] = await Promise.all([
    listCommenterRecords(deps, emails),
    listDecisionsFor(deps, ids),
    listReportsFor(deps, ids),
    listCommentRevisions(deps, ids),
  ]);
  const historyOf = new Map(history.map((h) => [h.email, h]));
  const items = rows.map((r): QueueItem => {
    const own = decisions.filter((d) => d.commentId === r.id);
    const latest = own.at(-1)?.createdAt.getTime();
    const h = historyOf.get(r.authorEmail);
    return {
      ...r,
      parent: r.parent && { id: r.parent.id, authorName: r.parent.authorName, firstWords: firstWords(r.parent.text) },
      history: h ? { total: h.total, approved: h.approved, firstSeen: h.firstSeen } : null,
      why: own
        .filter((d) => d.createdAt.getTime() === latest)
        .map((d) => ({ rule: d.rule, reason: d.reason, values: d.values, staffName: d.staffName, at: d.createdAt })),
      reports: reports.filter((x) => x.commentId === r.id).map(({ reason, createdAt }) => ({ reason, createdAt })),
      edits: revisions
        .filter((x) => x.commentId === r.id)
        .map((x) => ({
          before: x.body,
          by: x.editedBy === 'author' ? null : (x.editorName ?? 'a former staff member'),
          at: x.createdAt,
        })),
    };
  });
  const filters = {
    ...(article && { article: { id: article.id, headline: article.headline, slug: article.slug } }),
    q: (asked.q ?? '').trim(),
  };
  return { queue: input.queue, filters, counts, countCap: QUEUE_COUNT_CAP, items, page, pages };
}

export interface QueueSnapshot {
  queue: Queue;
  page: number;
  counts: Record<Queue, number>;
  countCap: number;
  /** The comments on this page of the queue, newest first, as the page would list them now. */
  ids: string[];
}

/** The counts of every queue and the ids on one page of one queue, for the desk's script to notice new comments. */
export async function getQueueSnapshot(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff; queue: Queue; page: number; limit: number; filters?: QueueFilters },
): Promise<QueueSnapshot> {
  authorize(input.staff, 'comment.moderate');
  const filter = filterOf(input.filters ?? {});
  const counts = await countCommentQueues(deps, filter);
  const page = Math.min(input.page, Math.max(1, Math.ceil(counts[input.queue] / input.limit)));
  const ids = await listQueueCommentIds(deps, {
    queue: input.queue,
    limit: input.limit,
    offset: (page - 1) * input.limit,
    filter,
  });
  return { queue: input.queue, page, counts, countCap: QUEUE_COUNT_CAP, ids };
}

export type ModerationAction = 'approve' | 'trash' | 'spam' | 'restore';
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'trash', 'spam', 'restore'];

/**
 * Restore puts a comment back in the pending queue rather than in front of readers: showing a comment
 * always takes an explicit Approve (which also works straight from spam and trash).
 */
const TARGET: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  trash: 'trash',
  spam: 'spam',
  restore: 'pending',
};

export const MAX_BULK = 100;

/**
 * Applies one action to each comment through moderateComment, one by one, so each keeps its article's count
 * exact and gets its decision and audit entry. Comments gone or changed by someone else meanwhile are skipped.
 */
export async function moderateComments(
  deps: Deps,
  input: { staff: Staff; ids: string[]; action: ModerationAction },
): Promise<{ changed: number; skipped: number }> {
  authorize(input.staff, 'comment.moderate');
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw invalid('ids', 'nothing_selected', 'Select at least one comment.');
  if (ids.length > MAX_BULK)
    throw invalid({
      field: 'ids',
      code: 'too_many_selected',
      message: `Select at most ${MAX_BULK} comments at a time.`,
      values: { max: MAX_BULK },
    });
  let changed = 0;
  let skipped = 0;
  for (const id of ids) {
    try {
      if (!isId(id)) throw new AppError(404, 'not_found', 'No such comment.');
      const { status } = await getCommentForModeration(deps, { staff: input.staff, id });
      if (input.action === 'approve' && status === 'approved') await keepComment(deps, input.staff, id);
      else await moderateComment(deps, { staff: input.staff, id, status: TARGET[input.action] });
      changed++;
    } catch (error) {
      if (!(error instanceof AppError) || ![404, 409].includes(error.status)) throw error;
      skipped++;
    }
  }
  return { changed, skipped };
}

/**
 * Approving a comment that is already approved (one readers reported) keeps it: the moderator's decision
 * closes the open reports, so it leaves the reported queue and only new reports count towards a hold.
 */
async function keepComment(deps: Deps, staff: Staff, id: string): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await recordDecisions(trx, {
      commentId: id,
      decisions: [
        {
          status: 'approved',
          rule: 'moderator',
          reason: `${staff.name} kept it after readers' reports.`,
          values: { action: 'kept', name: staff.name },
        },
      ],
      at,
      staff,
    });
    await recordAudit(trx, { actor: staff, action: 'comment.kept', subject: id, details: {}, at });
  });
}
