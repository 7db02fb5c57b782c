// Maps comments to JSON; emails and addresses leave the server only in the moderators' shape.
import type { Translator } from '../../platform/i18n/translator.ts';
import { decisionReason } from '../moderation/index.ts';
import type { ModeratedComment } from './comment.service.ts';
import type { Comment, CommentNode } from './comment.ts';

export interface CommentJson {
  id: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  createdAt: string;
  featured: boolean;
  byStaff: boolean;
  editedAt: string | null;
  replies: CommentJson[];
}

export const commentJson = (c: CommentNode): CommentJson => ({
  id: c.id,
  parentId: c.parentId,
  depth: c.depth,
  authorName: c.authorName,
  authorUrl: c.authorUrl,
  bodyHtml: c.bodyHtml,
  createdAt: c.createdAt.toISOString(),
  editedAt: c.editedAt ? c.editedAt.toISOString() : null,
  featured: c.featured,
  byStaff: c.byStaff,
  replies: c.replies.map(commentJson),
});

/** A comment as its poster or a moderator gets it back; the token and window only for its poster. */
export const postedCommentJson = (c: Comment, poster?: { token?: string; editableUntil: Date }) => ({
  id: c.id,
  parentId: c.parentId,
  depth: c.depth,
  status: c.status,
  authorName: c.authorName,
  authorUrl: c.authorUrl,
  bodyHtml: c.bodyHtml,
  createdAt: c.createdAt.toISOString(),
  editedAt: c.editedAt ? c.editedAt.toISOString() : null,
  ...(poster?.token ? { commentToken: poster.token } : {}),
  ...(poster ? { editableUntil: poster.editableUntil.toISOString() } : {}),
});

/** The moderators' view of one comment, with its decision history, each reason in the translator's language. */
export const moderatedCommentJson = (c: ModeratedComment, i18n: Pick<Translator, 't'>) => ({
  id: c.id,
  articleId: c.articleId,
  parentId: c.parentId,
  status: c.status,
  authorName: c.authorName,
  authorEmail: c.authorEmail,
  authorUrl: c.authorUrl,
  bodyText: c.bodyText,
  bodyHtml: c.bodyHtml,
  ip: c.ip,
  userAgent: c.userAgent,
  createdAt: c.createdAt.toISOString(),
  decisions: c.decisions.map((d) => ({
    status: d.status,
    rule: d.rule,
    values: d.values,
    reason: decisionReason(i18n, d),
    createdAt: d.createdAt.toISOString(),
    staff: d.staff,
  })),
  reports: c.reports.map((r) => ({ reason: r.reason, createdAt: r.createdAt.toISOString() })),
});
