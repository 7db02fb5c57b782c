// Idempotency-Key on comment posts: a client that did not hear the answer (a node died, a connection dropped) sends
// the same post again with the same key and gets the first answer back; the comment is stored once. The key is the
// client's own (a UUID is usual); rows live a day, in the database, so every app process answers the same.
import { AppError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/ids.ts';
import type { Comment } from './comment.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key's first answer is kept; a retry comes within seconds, a day covers a client that was offline. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** A comment as its poster gets it back: with the end of the time they may still change it. */
export type PostedComment = Comment & { editableUntil: Date; replayed?: boolean };

/** The sha256 of a valid key, undefined without one; 400 for a key that is empty, too long or not printable ASCII. */
export function idempotencyKeyHash(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces, such as a UUID.',
    );
  }
  return sha256(`comment-post:${key}`);
}

/** What was posted, so that the same key sent with another comment is refused rather than answered with the first. */
export const postFingerprint = (post: {
  slug: string;
  name: string;
  email: string;
  website: string;
  body: string;
  parentId?: string;
}) => sha256(JSON.stringify([post.slug, post.name, post.email, post.website, post.body, post.parentId ?? null]));

export const idempotencyKeyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different comment: send a new key with each new comment.',
  );

/** The first answer as stored: the comment, and the error its poster was told although it was stored (a repeat). */
export function storedAnswer(comment: PostedComment, told: AppError | undefined): string {
  return JSON.stringify({
    comment: { ...comment, replayed: undefined },
    error: told && {
      status: told.status,
      code: told.code,
      message: told.message,
      field: told.field,
      headers: told.headers,
    },
  });
}

/** The first answer again: the comment, or the same error thrown. */
export function replayAnswer(answer: string): PostedComment {
  const { comment, error } = JSON.parse(answer) as {
    comment: Omit<PostedComment, 'createdAt' | 'editableUntil' | 'editedAt'> & {
      createdAt: string;
      editableUntil: string;
      editedAt: string | null;
    };
    error?: { status: number; code: string; message: string; field?: string; headers?: Record<string, string> };
  };
  if (error)
    throw new AppError({
      status: error.status,
      code: error.code,
      message: error.message,
      field: error.field,
      headers: error.headers,
    });
  return {
    ...comment,
    createdAt: new Date(comment.createdAt),
    editableUntil: new Date(comment.editableUntil),
    editedAt: comment.editedAt ? new Date(comment.editedAt) : null,
    replayed: true,
  };
}
