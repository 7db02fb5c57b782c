// Maps comments to JSON; emails and addresses never leave the server.
import type { Comment, CommentNode } from './comment.ts';

export interface CommentJson {
  id: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  createdAt: string;
  replies: CommentJson[];
}

export const commentJson = (c: CommentNode): CommentJson => ({
  id: c.id, parentId: c.parentId, depth: c.depth, authorName: c.authorName, authorUrl: c.authorUrl,
  bodyHtml: c.bodyHtml, createdAt: c.createdAt.toISOString(), replies: c.replies.map(commentJson),
});

export const postedCommentJson = (c: Comment) => ({
  id: c.id, parentId: c.parentId, depth: c.depth, status: c.status, authorName: c.authorName, authorUrl: c.authorUrl,
  bodyHtml: c.bodyHtml, createdAt: c.createdAt.toISOString(),
});
