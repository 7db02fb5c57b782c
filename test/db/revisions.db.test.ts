// Restoring a revision is an ordinary save of what that revision held: its featured photo comes back whole (address,
// words and sizes), as a translation's first draft takes its source's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import { findArticlesByIds, listRevisions, updateArticle } from '../../src/modules/articles/index.ts';
import { restoreRevision } from '../../src/modules/articles/revision-history.service.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`restoring a revision on ${dialect}`, () => {
    let deps: Deps;
    useTestDeps(dialect, {}, (made) => ({ deps } = made));

    it('brings the featured photo back with its caption, credit, alt text and sizes', async () => {
      const editor = await makeStaff(deps, 'editor', 'Rhea Restore');
      const story = await makeArticle(deps, {}, editor);
      const photo = story.featuredImage;
      assert.ok(photo);
      const { headline, dateline, sourceCredit } = story;
      await updateArticle(deps, {
        staff: editor,
        id: story.id,
        changes: {
          headline,
          body: story.bodySource,
          dateline,
          sourceCredit,
          featuredImage: null,
          version: story.version,
        },
      });
      assert.equal((await findArticlesByIds(deps, [story.id]))[0]?.featuredImage, null);
      const first = (await listRevisions(deps.db, story.id)).at(-1)!;
      await restoreRevision(deps, { staff: editor, id: story.id, revisionId: first.id });
      const [restored] = await findArticlesByIds(deps, [story.id]);
      assert.deepEqual(restored?.featuredImage, photo);
      assert.equal(restored?.headline, headline);
    });
  });
}
