// The newest approved comments, for the feeds of the site's discussion and of one article's.
import type { EditionLanguage } from '../../platform/db/edition-language.ts';
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import type { Comment } from './comment.ts';
import { listLatestApprovedComments } from './comment.repository.ts';

export interface LatestComment {
  comment: Comment;
  article: { slug: string; headline: string };
}

/**
 * Approved comments on public articles, newest first; of one article when `articleId` is given, else of the articles
 * of one edition's language when `language` is.
 */
export const listLatestComments = (
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
  query: { articleId?: string; language?: EditionLanguage; limit: number },
): Promise<LatestComment[]> =>
  listLatestApprovedComments(deps.db, deps.dialect, { ...query, publicAt: iso(deps.clock.now()) });
