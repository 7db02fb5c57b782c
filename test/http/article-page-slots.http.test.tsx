// The shared article page is kept without its discussion and structured data (src/web/page-slots.tsx) and each view
// fills them in: filled, it must be the page rendered whole, byte for byte, with everything around the discussion
// (a section, tags, an update, a pick, replies two deep, the default and the first page of threads); and so must
// its comment list put together from kept fragments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { findPublicArticle } from '../../src/modules/articles/index.ts';
import { addExistingComments, featureComment } from '../../src/modules/comments/index.ts';
import { loadDiscussionView } from '../../src/modules/comments/discussion-page.service.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { loadSiteView } from '../../src/site-view.ts';
import { assetUrls } from '../../src/web/assets.ts';
import { renderDocument } from '../../src/web/layout.tsx';
import { type CommentFragments, documentPieces } from '../../src/web/discussion.tsx';
import { fillSlots } from '../../src/web/page-slots.tsx';
import { ArticleDiscussion, ArticlePage, ArticleStructuredData } from '../../src/web/pages/article-page.tsx';
import type { Deps } from '../../src/deps.ts';
import { newId } from '../../src/platform/ids.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the article page kept around its discussion, on ${dialect}`, () => {
    let deps = undefined as unknown as Deps;
    useTestDeps(dialect, {}, (made) => {
      deps = made.deps;
    });

    it('fills its slots into exactly the page rendered whole', async () => {
      const staff = await makeStaff(deps, 'editor');
      const section = await makeSection(deps, 'Harbour');
      await updateSettings(deps, { commentsPerPage: 2 });
      const made = await makeArticle(deps, { commentStatus: 'open', section: section.slug, tags: ['Tides'] }, staff);
      // Five threads; the oldest has replies two deep, the newest one reply.
      const ids = Array.from({ length: 8 }, () => newId());
      const parents: (number | null)[] = [null, null, null, null, null, 0, 5, 4];
      await addExistingComments(
        deps,
        made.id,
        ids.map((id, i) => ({
          id,
          parentId: parents[i] === null ? null : ids[parents[i]],
          name: `Reader <${i}>`,
          email: `r${i}@example.org`,
          status: 'approved' as const,
          body: `Comment ${i} & its "quotes".`,
          createdAt: new Date(Date.UTC(2026, 10, 28, 8, i)),
        })),
      );
      await featureComment(deps, { staff, id: ids[1], featured: true });
      await recordArticleUpdate(deps, { staff, articleId: made.id, kind: 'update', note: 'More came to light.' });
      const found = await findPublicArticle(deps, made.slug);
      assert.ok(found && 'article' in found);
      const { article } = found;
      const site = await loadSiteView(deps, assetUrls());
      for (const cpage of [undefined, 1]) {
        const view = await loadDiscussionView(deps, { article, settings: site.settings, cpage });
        const props = {
          site,
          article,
          comments: view.comments,
          picks: view.picks,
          discussionOpen: view.open,
          paging: view.paging,
          updates: view.updates,
          firstComments: view.firstComments,
          more: { section: view.more.section, articles: [] },
        };
        const whole = renderDocument(<ArticlePage {...props} />);
        const shell = Buffer.from(renderDocument(<ArticlePage {...props} slotted />));
        assert.ok(!shell.includes('Comment 1 &amp; its'), 'the kept page holds no comment');
        const filled = fillSlots(shell, [
          ['structured-data', [Buffer.from(render(<ArticleStructuredData {...props} />))]],
          ['discussion', [Buffer.from(render(<ArticleDiscussion {...props} />))]],
        ]);
        assert.equal(filled.toString(), whole);
        // The comment list put together from fragments (rendered and kept on the first view, found on the second)
        // is the list rendered whole.
        const kept = new Map<string, Buffer>();
        for (const view of ['first', 'second']) {
          const fragments: CommentFragments = {
            find: (c) => kept.get(c.id),
            keep: (c, _open, html) => kept.set(c.id, html),
          };
          const discussion = documentPieces(render(<ArticleDiscussion {...props} fragments={fragments} />), fragments);
          const assembled = fillSlots(shell, [
            ['structured-data', [Buffer.from(render(<ArticleStructuredData {...props} />))]],
            ['discussion', discussion],
          ]);
          assert.equal(assembled.toString(), whole, `the ${view} view`);
        }
        assert.ok(kept.size > 0);
        assert.match(whole, /<ol class="children">/);
        assert.match(whole, /More came to light\./);
        assert.match(whole, /Comment \d &amp; its "quotes"\./);
      }
    });
  });
}
