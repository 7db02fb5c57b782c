import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import {
  createArticle,
  deleteArticle,
  findPublicArticle,
  listPublicArticles,
  updateArticle,
} from '../../src/modules/articles/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { linksNewestMigration } from '../../src/platform/db/migrations/2026-12-15-links-newest.ts';
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

    it("pages a tag's and an author's list by each article's publication time as it is now, whoever changed it", async () => {
      // Both lists are read off the tag's and the byline's copy of the publication time (the 2026-12-15 migration):
      // a stale copy would order them wrongly, show a story scheduled for later, or leave out one now public.
      const editor = await makeStaff(deps, 'editor', 'Ines Lighthouse');
      const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
      const made: Record<string, Awaited<ReturnType<typeof makeArticle>>> = {};
      for (const name of ['first', 'second', 'third']) {
        clock.advance(60_000);
        made[name] = await makeArticle(deps, { headline: `Keeper ${name}`, tags: ['Lighthouses'] }, editor);
      }
      const draft = await makeArticle(
        deps,
        { headline: 'Keeper draft', tags: ['Lighthouses'], status: 'draft' },
        editor,
      );
      const tagId = async (slug: string) =>
        (await deps.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      const tag = await tagId('lighthouses');
      const headlines = async (filter: { tagId?: string; authorId?: string }, limit = 10) => {
        const list = await listPublicArticles(deps, { ...filter, page: 1, limit });
        return { headlines: list.articles.map((a) => a.headline), total: list.total };
      };
      const newest = async (expected: string[]) => {
        const want = { headlines: expected.map((n) => `Keeper ${n}`), total: expected.length };
        assert.deepEqual(await headlines({ tagId: tag }), want, 'the tag');
        assert.deepEqual(await headlines({ authorId: editor.id }), want, 'the author');
        assert.deepEqual(await headlines({ tagId: tag, authorId: editor.id }), want, 'both');
        // A page shorter than the list: the rest is counted, not shown.
        assert.deepEqual(await headlines({ tagId: tag }, 1), {
          headlines: want.headlines.slice(0, 1),
          total: want.total,
        });
        const stale = await sql<{ n: number }>`select
          (select count(*) from article_tags l join articles a on a.id = l.article_id where l.published_at is distinct from a.published_at)
          + (select count(*) from article_authors l join articles a on a.id = l.article_id where l.published_at is distinct from a.published_at) as n`.execute(
          deps.db,
        );
        assert.equal(Number(stale.rows[0].n), 0, 'no stale copy');
      };
      await newest(['third', 'second', 'first']);
      // The editor moves the first story's time after the third's, then schedules the second for later.
      clock.advance(10 * 60_000);
      await updateArticle(deps, { staff: editor, id: made.first.id, changes: { publishAt: at(-5) } });
      await newest(['first', 'third', 'second']);
      await updateArticle(deps, {
        staff: editor,
        id: made.second.id,
        changes: { status: 'scheduled', publishAt: at(30) },
      });
      await newest(['first', 'third']);
      // Any other writer (a script's SQL) is followed too: the database keeps the copy, not the app.
      await sql`update articles set published_at = ${at(-1000)} where id = ${made.first.id}`.execute(deps.db);
      await newest(['third', 'first']);
      // The draft goes out; the scheduled story's time comes.
      clock.advance(60_000);
      await updateArticle(deps, { staff: editor, id: draft.id, changes: { status: 'published' } });
      await newest(['draft', 'third', 'first']);
      clock.advance(60 * 60_000);
      await newest(['second', 'draft', 'third', 'first']);
      // A byline and a tag written later take their article's time.
      const colleague = await makeStaff(deps, 'author');
      await updateArticle(deps, {
        staff: editor,
        id: made.third.id,
        changes: { authors: [editor.id, colleague.id], tags: ['Lighthouses', 'Foghorns'] },
      });
      assert.deepEqual(await headlines({ authorId: colleague.id }), { headlines: ['Keeper third'], total: 1 });
      assert.deepEqual(await headlines({ tagId: await tagId('foghorns') }), { headlines: ['Keeper third'], total: 1 });
      assert.deepEqual(await headlines({ tagId: tag, authorId: colleague.id }), {
        headlines: ['Keeper third'],
        total: 1,
      });
      await newest(['second', 'draft', 'third', 'first']);
    });

    it('gives a tag written while its article is being published the new time (PostgreSQL: two writers at once)', async (t) => {
      if (dialect !== 'postgres') return t.skip('SQLite has one writer at a time');
      const editor = await makeStaff(deps, 'editor');
      const draft = await makeArticle(deps, { headline: 'Keeper draft, merged', status: 'draft' }, editor);
      await makeArticle(deps, { headline: 'Keeper elsewhere', tags: ['Merged into'] }, editor);
      const into = (
        await deps.db.selectFrom('tags').select('id').where('slug', '=', 'merged-into').executeTakeFirstOrThrow()
      ).id;
      const at = clock.now().toISOString();
      let linked: Promise<unknown> | undefined;
      let settled = false;
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('articles')
          .set({ status: 'published', published_at: at })
          .where('id', '=', draft.id)
          .execute();
        // Another connection tags the story meanwhile (a tag merge), before the publication commits.
        linked = deps.db
          .insertInto('article_tags')
          .values({ article_id: draft.id, tag_id: into })
          .execute()
          .finally(() => {
            settled = true;
          });
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(settled, false, 'the tag waits for the publication');
      });
      await linked;
      const copy = await deps.db
        .selectFrom('article_tags')
        .select('published_at')
        .where('article_id', '=', draft.id)
        .where('tag_id', '=', into)
        .executeTakeFirstOrThrow();
      assert.equal(copy.published_at, at);
    });

    it('the migration gives the tags and bylines written before it their copy of the publication time', async () => {
      const writer = await makeStaff(deps, 'author', 'Old Keeper');
      await makeArticle(deps, { headline: 'Archive foghorn story', tags: ['Foghorn archive'] }, writer);
      const tag = await deps.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', 'foghorn-archive')
        .executeTakeFirstOrThrow();
      // Taken down and made again, as the migrator would: the rows are there before the copy is.
      const migration = linksNewestMigration(dialect);
      await migration.down!(deps.db as never);
      await migration.up(deps.db as never);
      for (const filter of [{ tagId: tag.id }, { authorId: writer.id }])
        assert.deepEqual(
          (await listPublicArticles(deps, { ...filter, page: 1, limit: 10 })).articles.map((a) => a.headline),
          ['Archive foghorn story'],
        );
    });
  });
}
