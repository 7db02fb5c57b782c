// The article page as the discussion shapes it: which comments it shows (one page of a long thread, the reader's
// own waiting ones), the editors' picks, the reply target, and until when the page stays true.
import type { Deps } from '../../deps.ts';
import { type Article, discussionClosesAt, isDiscussionOpen } from '../articles/index.ts';
import type { SiteSettings } from '../settings/index.ts';
import { type CommentNode, type DiscussionPage, discussionPage, editorsPicks, pageOfComment } from './comment.ts';
import { getDiscussion } from './comment.service.ts';
import { getOwnerDiscussion, type OwnerView } from './comment-edit.service.ts';

export interface DiscussionView {
  /** The top-level comments of the page shown, replies nested. */
  comments: CommentNode[];
  picks: CommentNode[];
  open: boolean;
  paging: DiscussionPage;
  /** The comment a reader is replying to, if it is in the thread. */
  replyTo?: { id: string; authorName: string };
  /** When the page stops being true by itself (the discussion closes). */
  expiresAt: Date | null;
}

const findInThread = (nodes: CommentNode[], id: string): CommentNode | undefined => {
  for (const n of nodes) {
    const found = n.id === id ? n : findInThread(n.replies, id);
    if (found) return found;
  }
  return undefined;
};

/**
 * The discussion under an article. With an owner's view (their pending comments, their Edit and Delete links) it
 * is one reader's and must never be cached; replying shows the page the comment answered is on.
 */
export async function loadDiscussionView(
  deps: Pick<Deps, 'db' | 'clock'>, input: { article: Article; settings: SiteSettings; owner?: OwnerView; replyTo?: string; cpage?: number },
): Promise<DiscussionView> {
  const { article, settings, owner } = input;
  const all = owner ? await getOwnerDiscussion(deps, { articleId: article.id, view: owner }) : await getDiscussion(deps, article.id);
  const open = isDiscussionOpen(article, settings, deps.clock.now());
  const replyTo = input.replyTo ? findInThread(all, input.replyTo) : undefined;
  const perPage = settings.commentsPerPage;
  const page = replyTo ? pageOfComment(all, replyTo.id, perPage) : input.cpage;
  const paging = discussionPage(all, { perPage, newestFirst: settings.commentsNewestPageFirst, page });
  return {
    comments: paging.roots, picks: editorsPicks(all), open, paging,
    replyTo: replyTo && { id: replyTo.id, authorName: replyTo.authorName },
    expiresAt: open ? discussionClosesAt(article, settings) : null,
  };
}
