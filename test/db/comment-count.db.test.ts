// An article's count of approved comments is kept by the database (the triggers of 2026-12-08), not by each path
// that writes comments: every path below moves the stored count exactly as the rows move, on both databases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import {
  addExistingComments,
  answerPendingComment,
  countApprovedComments,
  deleteOwnComment,
  editOwnComment,
  eraseCommenterData,
  moderateComment,
  postComment,
  replyAsStaff,
  reportComment,
  saveImportedDiscussions,
  importedCommentCounts,
  countImportedComments,
  type PostCommentInput,
} from '../../src/modules/comments/index.ts';
import { newCommenterToken } from '../../src/modules/comments/commenter-token.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

async function stored(deps: Deps, articleId: string): Promise<number> {
  const row = await deps.db
    .selectFrom('articles')
    .select('comment_count')
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
  return Number(row.comment_count);
}

for (const dialect of dialects) {
  describe(`the comment count on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    /** The stored count, checked against the rows and against what the test expects. */
    const expectCount = async (articleId: string, expected: number, after: string) => {
      assert.equal(await countApprovedComments(deps.db, articleId), expected, `rows after ${after}`);
      assert.equal(await stored(deps, articleId), expected, `stored count after ${after}`);
    };

    const reader = (slug: string, extra: Partial<PostCommentInput> = {}): PostCommentInput => ({
      slug,
      name: 'Marta Quiroga',
      email: 'marta@example.org',
      body: 'The ferry timetable changed again this week.',
      ip: '198.51.100.20',
      userAgent: 'test',
      ...extra,
    });

    it('moves with posting, moderation, reports, staff replies, edits and deletions', async () => {
      await updateSettings(deps, { reportThreshold: 1 });
      const editor = await makeStaff(deps, 'editor');
      const a = await makeArticle(deps, { commentStatus: 'open' });
      const token = await newCommenterToken(deps);
      const first = await postComment(deps, reader(a.slug, { authorKeyHash: token.keyHash }));
      clock.advance(1000);
      const second = await postComment(
        deps,
        reader(a.slug, { name: 'Tomás', email: 'tomas@example.org', body: 'Agreed.' }),
      );
      assert.equal(first.status, 'approved');
      await expectCount(a.id, 2, 'two posts');

      await moderateComment(deps, { staff: editor, id: second.id, status: 'pending' });
      await expectCount(a.id, 1, 'unapproving');
      await answerPendingComment(deps, { staff: editor, parentId: second.id, body: 'Thanks, we will check it.' });
      await expectCount(a.id, 3, 'answering a pending comment (it and the answer)');
      await replyAsStaff(deps, { staff: editor, parentId: first.id, body: 'The new timetable is on page two.' });
      await expectCount(a.id, 4, 'a staff reply');
      await moderateComment(deps, { staff: editor, id: second.id, status: 'spam' });
      await expectCount(a.id, 3, 'marking spam');
      await moderateComment(deps, { staff: editor, id: second.id, status: 'approved' });
      await expectCount(a.id, 4, 'approving again');

      clock.advance(1000);
      await reportComment(deps, { id: second.id, reason: 'Off topic.', ip: '203.0.113.9' });
      await expectCount(a.id, 3, 'a report that holds the comment');

      // An edit that trips a rule sends the comment back to the queue, out of the count.
      await updateSettings(deps, { blockedWords: ['timetablex'] });
      await editOwnComment(deps, { id: first.id, token: token.token, body: 'The timetablex changed again.' });
      await expectCount(a.id, 2, 'an edit held for review');
      await moderateComment(deps, { staff: editor, id: first.id, status: 'approved' });
      await expectCount(a.id, 3, 'approving the edit');
      await deleteOwnComment(deps, { id: first.id, token: token.token });
      await expectCount(a.id, 2, 'the author deleting theirs');
    });

    it('moves with comments brought in, imported over, and erased', async () => {
      const admin = await makeStaff(deps, 'admin');
      const a = await makeArticle(deps, { commentStatus: 'open' });
      const b = await makeArticle(deps, { commentStatus: 'open' });
      const at = new Date('2026-11-01T08:00:00Z');
      const ids = await addExistingComments(deps, a.id, [
        {
          name: 'Ines',
          email: 'ines@example.org',
          website: '',
          body: 'An older comment.',
          status: 'approved',
          createdAt: at,
        },
        { name: 'Ines', email: 'ines@example.org', website: '', body: 'A spam one.', status: 'spam', createdAt: at },
      ]);
      await expectCount(a.id, 1, 'demo comments brought in');

      const imported = (id: string, status: 'approved' | 'pending') => ({
        id,
        parentId: null,
        kind: 'comment' as const,
        name: 'Old Reader',
        email: 'old@example.org',
        website: '',
        text: 'From the old site.',
        status,
        createdAt: at,
        ip: '',
        userAgent: '',
      });
      const [x, y] = [newId(), newId()];
      await deps.db.transaction().execute((trx) =>
        saveImportedDiscussions(trx, [
          { articleId: a.id, comments: [imported(x, 'approved')] },
          { articleId: b.id, comments: [imported(y, 'approved'), imported(newId(), 'pending')] },
        ]),
      );
      await expectCount(a.id, 2, 'an import');
      await expectCount(b.id, 1, 'an import');
      // Imported again, as a second run of the same file does: overwritten by id, not counted twice.
      await deps.db
        .transaction()
        .execute((trx) => saveImportedDiscussions(trx, [{ articleId: b.id, comments: [imported(y, 'pending')] }]));
      await expectCount(b.id, 0, 'an import run again with a changed status');
      await deps.db
        .transaction()
        .execute((trx) => saveImportedDiscussions(trx, [{ articleId: a.id, comments: [imported(x, 'approved')] }]));
      await expectCount(a.id, 2, 'an import run again unchanged');

      await eraseCommenterData(deps, { staff: admin, email: 'old@example.org', ip: '203.0.113.1' });
      await expectCount(a.id, 1, 'erasing a commenter');
      await expectCount(b.id, 0, 'erasing a commenter');
      assert.equal(ids.length, 2);

      // An import's own transaction: on PostgreSQL the comments it creates are counted once before the commit
      // (countImportedComments), not by a trigger each; one it changes is still counted by its trigger.
      const c = await makeArticle(deps, { commentStatus: 'open' });
      const [p, q, r] = [newId(), newId(), newId()];
      await deps.db.transaction().execute(async (trx) => {
        // What the import hands over on PostgreSQL; on SQLite it hands over none and the triggers count.
        const counts = dialect === 'postgres' ? importedCommentCounts() : undefined;
        await saveImportedDiscussions(
          trx,
          [{ articleId: c.id, comments: [imported(p, 'approved'), imported(q, 'pending'), imported(r, 'approved')] }],
          counts,
        );
        await saveImportedDiscussions(
          trx,
          [{ articleId: c.id, comments: [imported(q, 'approved'), imported(r, 'pending')] }],
          counts,
        );
        if (counts) {
          assert.equal(counts.added.get(c.id), 2);
          await countImportedComments(trx, counts);
        }
      });
      await expectCount(c.id, 2, 'an import counted once');
      // The trigger counts again in the next transaction (the setting ended with the one above).
      await deps.db
        .transaction()
        .execute((trx) =>
          saveImportedDiscussions(trx, [{ articleId: c.id, comments: [imported(newId(), 'approved')] }]),
        );
      await expectCount(c.id, 3, 'an import after one counted once');
    });
  });
}
