// The comments as the moderation desk reads them: the queues, their counts, and each commenter's record. Reads only,
// with no right checked here: the desk's services check the moderator's right before they ask.
import type { Deps } from '../../deps.ts';
import * as repo from './comment-queue.repository.ts';
import { QUEUE_COUNT_CAP, QUEUES, type Queue, type QueueFilter } from './comment-queue.repository.ts';

export { QUEUE_COUNT_CAP, QUEUES, type Queue, type QueueFilter };

/** How many comments each queue holds, up to QUEUE_COUNT_CAP + 1. */
export const countCommentQueues = (deps: Pick<Deps, 'db'>, filter: QueueFilter = {}) =>
  repo.countQueues(deps.db, filter);

/** How many comments joined the pending or reported queue from a time on (posted and held, or reported). */
export const countQueueArrivalsSince = (deps: Pick<Deps, 'db'>, since: Date) => repo.countArrivalsSince(deps.db, since);

/** One page of a queue, newest first, with the article and the parent comment each answers. */
export const listQueueComments = (
  deps: Pick<Deps, 'db'>,
  input: { queue: Queue; limit: number; offset: number; filter?: QueueFilter },
) => repo.listQueue(deps.db, input);

/** The ids on one page of a queue, in the order listQueueComments gives them. */
export const listQueueCommentIds = (
  deps: Pick<Deps, 'db'>,
  input: { queue: Queue; limit: number; offset: number; filter?: QueueFilter },
) => repo.listQueueIds(deps.db, input);

/** Each email's record: comments in all, how many were approved, and when it first commented. */
export const listCommenterRecords = (deps: Pick<Deps, 'db'>, emails: string[]) =>
  repo.listCommenterHistory(deps.db, emails);

/** Each article's pending and approved comments, for the desk's list of articles. */
export const countCommentsByArticle = (deps: Pick<Deps, 'db'>, articleIds: string[]) =>
  repo.countByArticle(deps.db, articleIds);
