// A reader's comment as the discussion shows it, and the thread it sits in.
import type { CommentStatus } from '../../platform/db/tables.ts';

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  status: CommentStatus;
  createdAt: Date;
  /** An editor's pick: shown again, first, under "Editor's picks" while approved. */
  featured: boolean;
  /** Written by a staff member at the desk (never inferred from the name typed): shown with a "Staff" badge. */
  byStaff: boolean;
  /** When its text last changed after posting (its author or a moderator); pages mark it "edited". */
  editedAt?: Date | null;
}

export interface CommentNode extends Comment {
  replies: CommentNode[];
  /**
   * Only its place in the thread was read, not its text or its author: the page already holds its rendered markup
   * (getDiscussionPage's `rendered`), and its other fields are empty.
   */
  outline?: true;
}

/**
 * What names an approved comment's rendered markup, with its place in the thread: its author, staff mark and time
 * never change after posting, every change of its text sets a new `editedAt`, and moderation takes it off the page.
 */
export interface CommentOutline {
  id: string;
  parentId: string | null;
  editedAt: Date | null;
  /** Where it stands among comments read in full (a commenter's own, waiting ones). */
  createdAt: Date;
}

/**
 * A comment as a node of its thread, with no replies yet. Written out field by field: on the page's hot path, an
 * object spread (`{ ...c, replies: [] }`) cost ten times as much per comment in V8 as the literal.
 */
export const commentNode = (c: Comment & Pick<CommentNode, 'outline'>): CommentNode => ({
  id: c.id,
  articleId: c.articleId,
  parentId: c.parentId,
  depth: c.depth,
  authorName: c.authorName,
  authorUrl: c.authorUrl,
  bodyHtml: c.bodyHtml,
  status: c.status,
  createdAt: c.createdAt,
  featured: c.featured,
  byStaff: c.byStaff,
  editedAt: c.editedAt,
  replies: [],
  outline: c.outline,
});

/** Nests comments (given oldest first) under their parents; a reply whose parent is not shown stands alone. */
export function buildThread(comments: (Comment & Pick<CommentNode, 'outline'>)[]): CommentNode[] {
  const nodes = new Map<string, CommentNode>(comments.map((c) => [c.id, commentNode(c)]));
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

export interface DiscussionPage {
  roots: CommentNode[];
  page: number;
  pages: number;
  /** The page shown at the article's own address. */
  defaultPage: number;
}

/** The approved comments editors featured, in thread order (oldest first), wherever they sit in the thread. */
export function editorsPicks(roots: CommentNode[]): CommentNode[] {
  const picks: CommentNode[] = [];
  const walk = (nodes: CommentNode[]) => {
    for (const n of nodes) {
      if (n.featured) picks.push(n);
      walk(n.replies);
    }
  };
  walk(roots);
  return picks.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** Splits a thread into pages of top-level comments (oldest first within and across pages). */
export function discussionPage(
  roots: CommentNode[],
  options: { perPage: number; newestFirst: boolean; page?: number },
): DiscussionPage {
  const { page, pages, defaultPage } = pageNumbers(roots.length, options);
  const slice = options.perPage > 0 ? roots.slice((page - 1) * options.perPage, page * options.perPage) : roots;
  return { roots: slice, page, pages, defaultPage };
}

/** Which page of a discussion of `threads` top-level comments is shown, and how many there are (as discussionPage). */
export function pageNumbers(
  threads: number,
  options: { perPage: number; newestFirst: boolean; page?: number },
): Omit<DiscussionPage, 'roots'> {
  const pages = options.perPage > 0 ? Math.max(1, Math.ceil(threads / options.perPage)) : 1;
  const defaultPage = options.newestFirst ? pages : 1;
  const page = options.page && options.page >= 1 && options.page <= pages ? options.page : defaultPage;
  return { page, pages, defaultPage };
}

/** The page that holds a comment (or its thread), or undefined if the thread does not hold it. */
export function pageOfComment(roots: CommentNode[], commentId: string, perPage: number): number | undefined {
  const holds = (node: CommentNode): boolean => node.id === commentId || node.replies.some(holds);
  const index = roots.findIndex(holds);
  if (index < 0) return undefined;
  return perPage > 0 ? Math.floor(index / perPage) + 1 : 1;
}
