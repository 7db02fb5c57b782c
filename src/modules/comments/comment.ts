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
}

export interface CommentNode extends Comment {
  replies: CommentNode[];
}

/** Nests comments (given oldest first) under their parents; a reply whose parent is not shown stands alone. */
export function buildThread(comments: Comment[]): CommentNode[] {
  const nodes = new Map<string, CommentNode>(comments.map((c) => [c.id, { ...c, replies: [] }]));
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}
