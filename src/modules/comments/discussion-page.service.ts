// The article page below the article: what to read next, and the discussion (one page of a long thread, the reader's
// own waiting ones, the editors' picks, the reply target), with the cache tags and the moment the page stops being true.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import {
  type Article,
  discussionClosesAt,
  isDiscussionOpen,
  listMoreToRead,
  nextScheduledChange,
  pageTagsOf,
} from '../articles/index.ts';
import type { SiteSettings } from '../settings/index.ts';
import { type ArticleUpdate, listArticleUpdates } from '../updates/index.ts';
import {
  type Comment,
  type CommentNode,
  type CommentOutline,
  type DiscussionPage,
  buildThread,
  commentNode,
  discussionPage,
  pageOfComment,
} from './comment.ts';
import {
  completeOutline,
  type FirstComment,
  getDiscussionOutline,
  getDiscussionPage,
  outlined,
} from './comment.service.ts';
import type { OwnerView } from './comment-edit.service.ts';

export interface DiscussionView {
  /** The top-level comments of the page shown, replies nested. */
  comments: CommentNode[];
  picks: CommentNode[];
  open: boolean;
  paging: DiscussionPage;
  /** The comment a reader is replying to, if it is in the thread. */
  replyTo?: { id: string; authorName: string };
  /** Updates and corrections, newest first. */
  updates: ArticleUpdate[];
  /** The oldest approved comments, as the page's structured data names them. */
  firstComments: FirstComment[];
  /** What to read next: the newest of the article's section, or articles sharing its tags. */
  more: { section: Article['section']; articles: Article[] };
  /** The cache tags of the page: the article's own, and those of the articles it lists. */
  tags: string[];
  /** When the page stops being true by itself: the discussion closes, or a scheduled article goes public. */
  expiresAt: Date | null;
}

/** How many of the first approved comments the structured data carries. */
const STRUCTURED_COMMENTS = 5;

const findInThread = (nodes: CommentNode[], id: string): CommentNode | undefined => {
  for (const n of nodes) {
    const found = n.id === id ? n : findInThread(n.replies, id);
    if (found) return found;
  }
  return undefined;
};

/** What an article page shows around the article besides its comments, each read from the database. */
export interface Surroundings {
  more: DiscussionView['more'];
  nextScheduled: Date | null;
  updates: ArticleUpdate[];
  open: boolean;
}

async function loadSurroundings(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { article: Article; settings: SiteSettings },
): Promise<Surroundings> {
  const [more, nextScheduled, updates] = await Promise.all([
    listMoreToRead(deps, input.article),
    nextScheduledChange(deps),
    listArticleUpdates(deps, input.article.id),
  ]);
  return { more, nextScheduled, updates, open: isDiscussionOpen(input.article, input.settings, deps.clock.now()) };
}

/**
 * The article page's validator, read without its comments: the article as stored (its version, and the discussion
 * revision the database bumps on every change to a comment readers see), what the page lists around it, whether the
 * discussion is open, and the site's own revision. Anything that changes the public page changes one of them.
 * `shell` names the page without its discussion and structured data (all but the comment count and revision), which
 * a kept page (page-slots.tsx) is named by.
 */
export async function pageValidator(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { article: Article; settings: SiteSettings; siteRevision: string; cpage?: number },
): Promise<{ digest: string; shell: string; around: Surroundings }> {
  const around = await loadSurroundings(deps, input);
  const { commentCount, discussionRevision, ...rest } = input.article;
  const shell = createHash('sha1')
    .update(JSON.stringify([input.siteRevision, rest, around]))
    .digest('base64url');
  const digest = createHash('sha1')
    .update(`${shell}|${commentCount}|${discussionRevision}|${input.cpage ?? ''}`)
    .digest('base64url');
  return { digest, shell, around };
}

/**
 * The discussion under an article. With an owner's view (their pending comments, their Edit and Delete links) it
 * is one reader's and must never be cached; replying shows the page the comment answered is on.
 */
export async function loadDiscussionView(
  deps: Pick<Deps, 'db' | 'clock' | 'discussions'>,
  input: {
    article: Article;
    settings: SiteSettings;
    owner?: OwnerView;
    replyTo?: string;
    cpage?: number;
    /** What the page's validator already read (pageValidator), so it is not read twice. */
    around?: Surroundings;
    /**
     * Whether the caller holds a comment's markup as readers see it with the discussion open or closed: the shared
     * page then reads only the place of those comments (getDiscussionPage).
     */
    rendered?: (comment: CommentOutline, open: boolean) => boolean;
    /** Whether the caller holds the shared page's whole comment list (its `comments` then come empty). */
    listHeld?: boolean;
  },
): Promise<DiscussionView> {
  const { article, settings, owner } = input;
  // The page every reader shares reads only the page of comments it shows; a reader's own view (their waiting
  // comments) and a reply (which finds the page of the comment it answers) read the whole thread.
  if (!owner && !input.replyTo) {
    const page = {
      articleId: article.id,
      perPage: settings.commentsPerPage,
      newestFirst: settings.commentsNewestPageFirst,
      page: input.cpage,
      first: STRUCTURED_COMMENTS,
      revision: article.discussionRevision,
    };
    const { rendered } = input;
    if (!rendered) {
      const [around, shared] = await Promise.all([
        input.around ?? loadSurroundings(deps, { article, settings }),
        getDiscussionPage(deps, page),
      ]);
      return viewOf({ article, settings, around, paging: shared.paging, picks: shared.picks, first: shared.first });
    }
    // The markup held for a comment depends on whether the discussion is open: that is known first.
    const around = input.around ?? (await loadSurroundings(deps, { article, settings }));
    const shared = await getDiscussionPage(deps, {
      ...page,
      rendered: (c) => rendered(c, around.open),
      listHeld: input.listHeld,
    });
    return viewOf({ article, settings, around, paging: shared.paging, picks: shared.picks, first: shared.first });
  }
  // The whole discussion in outline, the reader's own waiting comments in place: the page shown is cut from it, and
  // only its comments that are not held (or are the reader's to change, or answered) are read in full.
  const around = input.around ?? (await loadSurroundings(deps, { article, settings }));
  const read = await getDiscussionOutline(deps, {
    articleId: article.id,
    first: STRUCTURED_COMMENTS,
    revision: article.discussionRevision,
  });
  const perPage = settings.commentsPerPage;
  const cut = (comments: (Comment & { outline?: true })[]) => {
    const all = buildThread(comments);
    const replyTo = input.replyTo ? findInThread(all, input.replyTo) : undefined;
    const page = replyTo ? pageOfComment(all, replyTo.id, perPage) : input.cpage;
    return { replyTo, paging: discussionPage(all, { perPage, newestFirst: settings.commentsNewestPageFirst, page }) };
  };
  let comments: (Comment & { outline?: true })[] = [
    ...read.outline.map((c) => outlined(c, article.id)),
    ...(owner?.pending ?? []),
  ].sort(byTime);
  let view = cut(comments);
  const wanted = new Set<string>();
  const held = (n: CommentNode) =>
    input.rendered?.(
      { id: n.id, parentId: n.parentId, editedAt: n.editedAt ?? null, createdAt: n.createdAt },
      around.open,
    );
  const want = (nodes: CommentNode[]) =>
    nodes.forEach((n) => {
      if (n.outline && (owner?.editable.has(n.id) || !held(n))) wanted.add(n.id);
      want(n.replies);
    });
  want(view.paging.roots);
  // The comment answered is named on the form: its author is read even when its markup is held.
  if (view.replyTo?.outline) wanted.add(view.replyTo.id);
  if (wanted.size > 0) {
    comments = await completeOutline(deps, { articleId: article.id, comments, wanted });
    view = cut(comments);
  }
  const { replyTo, paging } = view;
  return {
    ...viewOf({ article, settings, around, paging, picks: read.picks.map(commentNode), first: read.first }),
    replyTo: replyTo && { id: replyTo.id, authorName: replyTo.authorName },
  };
}

/** Oldest first, as the database orders a discussion (by time, then id). */
const byTime = (a: Comment, b: Comment) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The view from what was read, however it was read. */
function viewOf(input: {
  article: Article;
  settings: SiteSettings;
  around: Surroundings;
  paging: DiscussionPage;
  picks: CommentNode[];
  first: FirstComment[];
}): DiscussionView {
  const { article, settings, around, paging } = input;
  const { more, nextScheduled, updates, open } = around;
  // Stale when the discussion closes, or when a scheduled article goes public (it may belong under More in …).
  const closes = open ? discussionClosesAt(article, settings) : null;
  return {
    comments: paging.roots,
    picks: input.picks,
    open,
    paging,
    updates,
    firstComments: input.first,
    more,
    tags: [...pageTagsOf(article), ...more.articles.map((a) => `article:${a.id}`)],
    expiresAt:
      [closes, nextScheduled].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
  };
}
