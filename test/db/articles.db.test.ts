import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import {
  createArticle,
  deleteArticle,
  findPublicArticle,
  listPublicArticles,
  updateArticle,
} from '../../src/modules/articles/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const rejects = (promise: Promise<unknown>, status: number, code: string) =>
  assert.rejects(promise, (e: unknown) => e instanceof AppError && e.status === status && e.code === code);

for (const dialect of dialects) {
  describe(`articles on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));

    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));

    it('stores every part of the model and reads it back', async () => {
      const section = await makeSection(deps, 'World');
      const editor = await makeStaff(deps, 'editor', 'Marta Quintero');
      const second = await makeStaff(deps, 'author', 'Daniel Okafor');
      const article = await createArticle(deps, {
        staff: editor,
        article: {
          headline: 'Leaders Meet in the Capital',
          subheadline: 'A short visit',
          body: 'First paragraph.\n\nSecond *one*.',
          dateline: 'ALDER BAY –',
          sourceCredit: 'dpa',
          authors: [editor.id, second.id],
          section: 'World',
          tags: ['Diplomacy', 'Europe', 'diplomacy'],
          featuredImage: {
            url: '/media/x.jpg',
            caption: 'The leaders. File photo',
            credit: 'AP',
            alt: 'Two men shaking hands',
            width: 800,
            height: 450,
          },
          status: 'published',
        },
      });
      assert.equal(article.slug, 'leaders-meet-in-the-capital');
      assert.equal(article.status, 'published');
      assert.equal(article.section?.id, section.id);
      assert.deepEqual(
        article.authors.map((a) => a.name),
        ['Marta Quintero', 'Daniel Okafor'],
      );
      assert.deepEqual(
        article.tags.map((t) => t.slug),
        ['diplomacy', 'europe'],
      );
      assert.equal(article.bodyHtml, '<p>First paragraph.</p>\n<p>Second <em>one</em>.</p>\n');
      assert.equal(article.excerpt, 'First paragraph.');
      assert.equal(article.featuredImage?.caption, 'The leaders. File photo');
      assert.equal(article.publishedAt?.toISOString(), '2026-11-20T10:00:00.000Z');
      assert.equal(article.commentSetting, 'default');
      assert.equal(article.version, 1);
    });

    it('gives a second article with the same headline its own slug, and refuses a taken slug', async () => {
      const a = await makeArticle(deps, { headline: 'Same Headline' });
      const b = await makeArticle(deps, { headline: 'Same Headline' });
      assert.equal(a.slug, 'same-headline');
      assert.equal(b.slug, 'same-headline-2');
      await rejects(makeArticle(deps, { slug: 'same-headline' }), 409, 'slug_taken');
    });

    it('keeps the old URL working when the slug changes', async () => {
      const editor = await makeStaff(deps, 'editor');
      const a = await makeArticle(deps, { headline: 'Old Name' }, editor);
      await updateArticle(deps, { staff: editor, id: a.id, changes: { slug: 'new-name' } });
      assert.deepEqual(await findPublicArticle(deps, 'old-name'), { redirectTo: 'new-name' });
      // Changing back frees the first slug again instead of redirecting in a loop.
      await updateArticle(deps, { staff: editor, id: a.id, changes: { slug: 'old-name' } });
      const found = await findPublicArticle(deps, 'old-name');
      assert.ok(found && 'article' in found);
      assert.deepEqual(await findPublicArticle(deps, 'new-name'), { redirectTo: 'old-name' });
    });

    it('shows a scheduled article only from its time on, with no job running', async () => {
      const at = new Date(clock.now().getTime() + 3_600_000);
      const a = await makeArticle(deps, {
        headline: 'Embargoed Report',
        status: 'scheduled',
        publishAt: at.toISOString(),
      });
      assert.equal(a.status, 'scheduled');
      assert.equal(await findPublicArticle(deps, a.slug), undefined);
      assert.ok(!(await listPublicArticles(deps, { page: 1, limit: 100 })).articles.some((x) => x.id === a.id));
      clock.advance(3_600_000);
      const found = await findPublicArticle(deps, a.slug);
      assert.ok(found && 'article' in found && found.article.status === 'published');
      assert.ok((await listPublicArticles(deps, { page: 1, limit: 100 })).articles.some((x) => x.id === a.id));
    });

    it('refuses scheduling in the past and drafts stay private', async () => {
      await rejects(
        makeArticle(deps, { status: 'scheduled', publishAt: '2020-01-01T00:00:00Z' }),
        422,
        'schedule_in_past',
      );
      const draft = await makeArticle(deps, { status: 'draft', headline: 'Unfinished' });
      assert.equal(draft.status, 'draft');
      assert.equal(await findPublicArticle(deps, draft.slug), undefined);
    });

    it('refuses a stale version: the second of two editors gets a conflict, nothing is lost', async () => {
      const editor = await makeStaff(deps, 'editor');
      const a = await makeArticle(deps, {}, editor);
      await updateArticle(deps, { staff: editor, id: a.id, changes: { headline: 'First Edit', version: a.version } });
      await rejects(
        updateArticle(deps, { staff: editor, id: a.id, changes: { headline: 'Second Edit', version: a.version } }),
        409,
        'edit_conflict',
      );
      const found = await findPublicArticle(deps, a.slug);
      assert.ok(found && 'article' in found && found.article.headline === 'First Edit');
    });

    it('checks the role for every staff action', async () => {
      const contributor = await makeStaff(deps, 'contributor');
      const moderator = await makeStaff(deps, 'moderator');
      const author = await makeStaff(deps, 'author');
      await rejects(makeArticle(deps, { status: 'published' }, contributor), 403, 'forbidden');
      const draft = await makeArticle(deps, { status: 'draft' }, contributor);
      await rejects(
        updateArticle(deps, { staff: contributor, id: draft.id, changes: { status: 'published' } }),
        403,
        'forbidden',
      );
      await rejects(makeArticle(deps, { status: 'draft' }, moderator), 403, 'forbidden');
      const others = await makeArticle(deps);
      await rejects(
        updateArticle(deps, { staff: author, id: others.id, changes: { headline: 'Mine now' } }),
        403,
        'forbidden',
      );
      await rejects(deleteArticle(deps, { staff: author, id: others.id }), 403, 'forbidden');
      await rejects(
        updateArticle(deps, { staff: author, id: others.id, changes: { commentStatus: 'closed' } }),
        403,
        'forbidden',
      );
    });

    it('validates fields with a message naming the field', async () => {
      await rejects(makeArticle(deps, { headline: '' }), 422, 'headline_required');
      await rejects(makeArticle(deps, { headline: 'x'.repeat(301) }), 422, 'headline_too_long');
      await rejects(makeArticle(deps, { headline: 'Bell\u0007' }), 422, 'control_characters');
      await rejects(makeArticle(deps, { slug: 'Not A Slug' }), 422, 'invalid_slug');
      await rejects(makeArticle(deps, { section: 'No Such Section' }), 422, 'unknown_section');
      await rejects(makeArticle(deps, { authors: ['nobody@nowhere.test'] }), 422, 'unknown_author');
      await rejects(
        makeArticle(deps, { featuredImage: { url: 'javascript:alert(1)', alt: 'x' } }),
        422,
        'invalid_image_url',
      );
      await rejects(makeArticle(deps, { featuredImage: { url: '/x.jpg', alt: '' } }), 422, 'image_alt_required');
    });

    it('leaves nothing behind when a write fails halfway (one transaction)', async () => {
      const before = await deps.db.selectFrom('tags').select('slug').execute();
      await rejects(
        makeArticle(deps, { tags: ['Brand New Tag'], authors: ['nobody@nowhere.test'] }),
        422,
        'unknown_author',
      );
      const afterTags = await deps.db.selectFrom('tags').select('slug').execute();
      assert.deepEqual(afterTags.length, before.length);
    });

    it('lists by section, tag and author, newest first, in pages', async () => {
      const section = await makeSection(deps, 'Sport');
      const author = await makeStaff(deps, 'author');
      for (let i = 0; i < 5; i++) {
        clock.advance(60_000);
        await makeArticle(deps, { headline: `Match Report ${i}`, section: 'Sport', tags: ['Football'] }, author);
      }
      const page1 = await listPublicArticles(deps, { sectionId: section.id, page: 1, limit: 2 });
      assert.equal(page1.total, 5);
      assert.equal(page1.pages, 3);
      assert.deepEqual(
        page1.articles.map((a) => a.headline),
        ['Match Report 4', 'Match Report 3'],
      );
      const page3 = await listPublicArticles(deps, { sectionId: section.id, page: 3, limit: 2 });
      assert.deepEqual(
        page3.articles.map((a) => a.headline),
        ['Match Report 0'],
      );
      assert.equal((await listPublicArticles(deps, { authorId: author.id, page: 1, limit: 10 })).total, 5);
      const tag = await deps.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', 'football')
        .executeTakeFirstOrThrow();
      assert.equal((await listPublicArticles(deps, { tagId: tag.id, page: 1, limit: 10 })).total, 5);
    });
  });
}
