// All SQL of the comment posts' idempotency keys: the first answer to a key, kept a day.
import type { Db } from '../../platform/db/database.ts';
import type { CommentIdempotencyKeysTable } from '../../platform/db/tables.ts';

/** The answer stored for a key since a time (older ones have lapsed); undefined when none. */
export async function findIdempotentAnswer(db: Db, keyHash: string, since: string) {
  return db
    .selectFrom('comment_idempotency_keys')
    .select(['fingerprint', 'answer'])
    .where('key_hash', '=', keyHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
}

/** Stores a key's answer; a lapsed row of the same key is replaced (the caller holds the key's lock). */
export async function saveIdempotentAnswer(db: Db, row: CommentIdempotencyKeysTable): Promise<void> {
  await db
    .insertInto('comment_idempotency_keys')
    .values(row)
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        fingerprint: row.fingerprint,
        comment_id: row.comment_id,
        answer: row.answer,
        created_at: row.created_at,
      }),
    )
    .execute();
}

/** Forgets the keys stored before a time; returns how many. */
export async function deleteIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('comment_idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
