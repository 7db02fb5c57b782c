// The newest approved comments, for the feeds of the site's discussion and of one article's.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import type { Comment } from './comment.ts';
import { listLatestApprovedComments } from './comment.repository.ts';

export interface LatestComment {
  comment: Comment;
  article: { slug: string; headline: string };
}

/** Approved comments on public articles, newest first; of one article when `articleId` is given. */
export const listLatestComments = (
  deps: Pick<Deps, 'db' | 'clock'>,
  query: { articleId?: string; limit: number },
): Promise<LatestComment[]> => listLatestApprovedComments(deps.db, { ...query, publicAt: iso(deps.clock.now()) });
