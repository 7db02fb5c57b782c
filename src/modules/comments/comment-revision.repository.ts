// All SQL about changing a comment after it was posted: its owner's comments, the new text, and earlier texts.
import type { Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/tables.ts';
import { newId } from '../../platform/ids.ts';
import type { Comment } from './comment.ts';
import { COMMENT_COLUMNS } from './comment.repository.ts';

const toComment = (r: {
  id: string;
  article_id: string;
  parent_id: string | null;
  depth: number;
  author_name: string;
  author_url: string;
  body_html: string;
  status: CommentStatus;
  created_at: string;
  edited_at: string | null;
  featured_at: string | null;
  staff_user_id: string | null;
}): Comment => ({
  id: r.id,
  articleId: r.article_id,
  parentId: r.parent_id,
  depth: Number(r.depth),
  authorName: r.author_name,
  authorUrl: r.author_url,
  bodyHtml: r.body_html,
  status: r.status,
  createdAt: new Date(r.created_at),
  editedAt: r.edited_at ? new Date(r.edited_at) : null,
  featured: r.featured_at !== null,
  byStaff: r.staff_user_id !== null,
});

/** A comment with what changing it needs: its owner's key hash, text as typed, and who wrote it from where. */
export async function findCommentForEdit(db: Db, id: string) {
  const row = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select([
      ...COMMENT_COLUMNS,
      'c.author_email',
      'c.body_text',
      'c.ip',
      'c.author_key_hash',
      'a.slug',
      'a.headline',
      'a.language',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...toComment(row),
      authorEmail: row.author_email,
      bodyText: row.body_text,
      ip: row.ip,
      authorKeyHash: row.author_key_hash,
      article: { slug: row.slug, headline: row.headline, language: row.language },
    }
  );
}

/** The comments one commenter key posted on an article that readers could still see (approved or pending), oldest first. */
export async function listOwnComments(db: Db, input: { articleId: string; keyHash: string }): Promise<Comment[]> {
  const rows = await db
    .selectFrom('comments')
    .select([
      'id',
      'article_id',
      'parent_id',
      'depth',
      'author_name',
      'author_url',
      'body_html',
      'status',
      'created_at',
      'edited_at',
      'featured_at',
      'staff_user_id',
    ])
    .where('author_key_hash', '=', input.keyHash)
    .where('article_id', '=', input.articleId)
    .where('status', 'in', ['approved', 'pending'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toComment);
}

/** Replaces the text (and maybe the status) only if the status is still `from`; returns whether this call did it. */
export async function updateCommentText(
  db: Db,
  input: { id: string; from: CommentStatus; to: CommentStatus; bodyText: string; bodyHtml: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ body_text: input.bodyText, body_html: input.bodyHtml, status: input.to, edited_at: input.at })
    .where('id', '=', input.id)
    .where('status', '=', input.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Keeps a comment's text as it was before a change. */
export async function insertRevision(
  db: Db,
  input: { commentId: string; body: string; editedBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('comment_revisions')
    .values({
      id: newId(),
      comment_id: input.commentId,
      body: input.body,
      edited_by: input.editedBy,
      created_at: input.at,
    })
    .execute();
}

export interface CommentRevision {
  commentId: string;
  /** The text before this change. */
  body: string;
  /** 'author', or the staff member's id. */
  editedBy: string;
  /** The staff member's name, when a staff member made the change and still exists. */
  editorName: string | null;
  createdAt: Date;
}

/** Earlier texts of these comments, oldest first, with the name of the staff member behind each change. */
export async function listRevisionsFor(db: Db, commentIds: string[]): Promise<CommentRevision[]> {
  if (commentIds.length === 0) return [];
  const rows = await db
    .selectFrom('comment_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.edited_by')
    .select(['r.comment_id', 'r.body', 'r.edited_by', 'r.created_at', 'u.name'])
    .where('r.comment_id', 'in', commentIds)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    commentId: r.comment_id,
    body: r.body,
    editedBy: r.edited_by,
    editorName: r.name,
    createdAt: new Date(r.created_at),
  }));
}
