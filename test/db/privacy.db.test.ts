import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { findPublicArticle } from '../../src/modules/articles/index.ts';
import { listAudit } from '../../src/modules/audit/index.ts';
import {
  countApprovedComments,
  editCommentText,
  eraseCommenterData,
  eraseOldAddresses,
  exportCommenterData,
  postComment,
} from '../../src/modules/comments/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const DAY = 86_400_000;

for (const dialect of dialects) {
  describe(`commenters' privacy on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-09-01T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    const post = (slug: string, email: string, body: string, parentId?: string) =>
      postComment(deps, { slug, name: 'Reader', email, body, parentId, ip: '198.51.100.9', userAgent: 'Browser/1.0' });

    it('erases addresses older than the retention period (60 days by default), and only those', async () => {
      const a = await makeArticle(deps, { commentStatus: 'open' });
      const old = await post(a.slug, 'old@example.org', 'An old comment');
      clock.advance(30 * DAY);
      const recent = await post(a.slug, 'new@example.org', 'A newer comment');
      clock.advance(30 * DAY + 1000);
      assert.equal(await eraseOldAddresses(deps), 1);
      const rows = await deps.db
        .selectFrom('comments')
        .select(['id', 'ip', 'user_agent'])
        .where('id', 'in', [old.id, recent.id])
        .execute();
      assert.deepEqual(
        rows.find((r) => r.id === old.id),
        { id: old.id, ip: '', user_agent: '' },
      );
      assert.equal(rows.find((r) => r.id === recent.id)?.ip, '198.51.100.9');
      assert.equal(await eraseOldAddresses(deps), 0, 'running again changes nothing');
    });

    it('hands an admin everything one commenter wrote, and erases it on request with counts kept exact', async () => {
      const admin = await makeStaff(deps, 'admin');
      const a = await makeArticle(deps, { commentStatus: 'open' });
      const b = await makeArticle(deps, { commentStatus: 'open' });
      const first = await post(a.slug, 'Subject@Example.org', 'Mine on A');
      await post(b.slug, 'subject@example.org', 'Mine on B');
      const reply = await post(a.slug, 'other@example.org', 'A reply to the subject', first.id);
      await editCommentText(deps, { staff: admin, id: first.id, body: 'Mine on A, corrected' });
      const data = await exportCommenterData(deps, { staff: admin, email: 'subject@example.org', ip: '127.0.0.1' });
      assert.deepEqual(
        data.comments.map((c) => c.text),
        ['Mine on A, corrected', 'Mine on B'],
      );
      assert.deepEqual(
        data.comments.map((c) => c.earlierTexts),
        [['Mine on A'], []],
        'earlier texts are theirs too',
      );
      assert.equal(data.comments[0].ip, '198.51.100.9');

      assert.equal(await eraseCommenterData(deps, { staff: admin, email: 'subject@example.org', ip: '127.0.0.1' }), 2);
      assert.equal(
        (await exportCommenterData(deps, { staff: admin, email: 'subject@example.org', ip: '127.0.0.1' })).comments
          .length,
        0,
      );
      assert.equal(
        (await deps.db.selectFrom('comment_revisions').select('id').where('comment_id', '=', first.id).execute())
          .length,
        0,
        'erased with the comment',
      );
      const foundA = await findPublicArticle(deps, a.slug);
      assert.ok(foundA && 'article' in foundA);
      assert.equal(foundA.article.commentCount, 1);
      assert.equal(await countApprovedComments(deps.db, a.id), 1);
      const kept = await deps.db
        .selectFrom('comments')
        .select('parent_id')
        .where('id', '=', reply.id)
        .executeTakeFirstOrThrow();
      assert.equal(kept.parent_id, null, 'the reply stays, now standing alone');
      const actions = (await listAudit(deps.db, { limit: 20, offset: 0 })).entries.map((e) => e.action);
      assert.ok(actions.includes('privacy.exported') && actions.includes('privacy.erased'));
    });

    it('refuses anyone but an admin', async () => {
      const editor = await makeStaff(deps, 'editor');
      await assert.rejects(
        eraseCommenterData(deps, { staff: editor, email: 'x@example.org', ip: '' }),
        (e: unknown) => e instanceof AppError && e.status === 403,
      );
      await assert.rejects(
        exportCommenterData(deps, { staff: editor, email: 'x@example.org', ip: '' }),
        (e: unknown) => e instanceof AppError && e.status === 403,
      );
    });
  });
}
