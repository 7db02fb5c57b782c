import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`sections, tags and author pages at the desk on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    const id = async (table: 'sections' | 'tags', slug: string) =>
      (await t.deps.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

    it('renames a section; its old address answers 301 to the new one', async () => {
      await makeSection(t.deps, 'Sport');
      await makeArticle(t.deps, { headline: 'Regatta Results', section: 'sport' });
      const res = await deskPost(t.app, editor, `/admin/sections/${await id('sections', 'sport')}/rename`, {
        name: 'Sports',
        slug: 'sports',
      });
      assert.equal(res.statusCode, 303);
      const old = await t.app.inject({ url: '/sections/sport' });
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, '/sections/sports');
      assert.match(
        (await t.app.inject({ url: '/sections/sports' })).body,
        /<h1 class="list-title">Sports<\/h1>[\s\S]*Regatta Results/,
      );
      assert.match(
        (await t.app.inject({ url: '/' })).body,
        /<a href="\/sections\/sports">Sports<\/a>/,
        'the navigation changed at once',
      );
    });

    it('merges one section into another: articles move, the old address leads to the other', async () => {
      await makeSection(t.deps, 'Weather');
      await makeSection(t.deps, 'Climate');
      await makeArticle(t.deps, { headline: 'Storm Warning', section: 'weather' });
      const res = await deskPost(t.app, editor, `/admin/sections/${await id('sections', 'weather')}/merge`, {
        into: await id('sections', 'climate'),
      });
      assert.equal(res.statusCode, 303);
      assert.equal((await t.app.inject({ url: '/sections/weather' })).headers.location, '/sections/climate');
      assert.match((await t.app.inject({ url: '/sections/climate' })).body, /Storm Warning/);
    });

    it('merges tags without duplicating, deletes a tag off its articles, and refuses a taken address', async () => {
      const a = await makeArticle(t.deps, { headline: 'Both Tags', tags: ['Ferry', 'Ferries'] });
      await makeArticle(t.deps, { headline: 'Only Old Tag', tags: ['Ferries'] });
      assert.equal(
        (
          await deskPost(t.app, editor, `/admin/tags/${await id('tags', 'ferries')}/merge`, {
            into: await id('tags', 'ferry'),
          })
        ).statusCode,
        303,
      );
      const rows = await t.deps.db
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', await id('tags', 'ferry'))
        .execute();
      assert.equal(rows.length, 2);
      assert.equal((await t.app.inject({ url: '/tags/ferries' })).headers.location, '/tags/ferry');
      await makeArticle(t.deps, { headline: 'Tagged Twice', tags: ['Harbour', 'Boats'] });
      const taken = await deskPost(t.app, editor, `/admin/tags/${await id('tags', 'harbour')}/rename`, {
        name: 'Harbour',
        slug: 'boats',
      });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /already has the address/);
      assert.equal(
        (await deskPost(t.app, editor, `/admin/tags/${await id('tags', 'boats')}/delete`, {})).statusCode,
        303,
      );
      assert.equal((await t.app.inject({ url: '/tags/boats' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/articles/${a.slug}` })).statusCode, 200);
    });

    it('lets a section keep its discussions open longer than the site default, and go back to it', async () => {
      await makeSection(t.deps, 'Letters');
      const old = await makeArticle(t.deps, {
        headline: 'An Old Letter',
        section: 'letters',
        publishAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      });
      const url = `/articles/${old.slug}`;
      assert.match((await t.app.inject({ url })).body, /Comments are closed\./, '14 days by default');
      const sectionId = await id('sections', 'letters');
      assert.equal(
        (await deskPost(t.app, editor, `/admin/sections/${sectionId}/discussion`, { days: '60' })).statusCode,
        303,
      );
      assert.match(
        (await t.app.inject({ url })).body,
        /<form class="comment-form"/,
        'open for 60 days in this section',
      );
      assert.equal(
        (await deskPost(t.app, editor, `/admin/sections/${sectionId}/discussion`, { days: 'soon' })).statusCode,
        422,
      );
      assert.equal(
        (await deskPost(t.app, editor, `/admin/sections/${sectionId}/discussion`, { days: '' })).statusCode,
        303,
      );
      assert.match((await t.app.inject({ url })).body, /Comments are closed\./);
    });

    it('creates a section and refuses a bad name', async () => {
      assert.equal((await deskPost(t.app, editor, '/admin/sections', { name: 'Obituaries' })).statusCode, 303);
      assert.equal((await t.app.inject({ url: '/sections/obituaries' })).statusCode, 200);
      const bad = await deskPost(t.app, editor, '/admin/sections', { name: '   ' });
      assert.equal(bad.statusCode, 422);
    });

    it('an author sets their bio and portrait; the author page shows them', async () => {
      const author = await makeDeskUser(t.app, t.deps, 'author', 'Portrait Person');
      await t.deps.db
        .insertInto('media')
        .values({
          id: '01a2204a-7f17-750d-b8cd-5604456f7aaa',
          url: '/media/uploads/2026/11/face.jpg',
          original_name: 'face.jpg',
          format: 'jpeg',
          width: 400,
          height: 400,
          bytes: 1000,
          srcset: '',
          caption: 'A face',
          credit: '',
          alt: '',
          uploaded_by: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await makeArticle(t.deps, { headline: 'By The Portrait Person', authors: [author.id] });
      const res = await deskPost(t.app, author, '/admin/account/profile', {
        name: 'Portrait Person',
        bio: 'Covers the harbour since 2009.',
        photoUrl: '/media/uploads/2026/11/face.jpg',
      });
      assert.equal(res.statusCode, 303);
      const slug = (
        await t.deps.db.selectFrom('users').select('slug').where('id', '=', author.id).executeTakeFirstOrThrow()
      ).slug;
      const page = (await t.app.inject({ url: `/authors/${slug}` })).body;
      assert.match(page, /<img class="portrait" src="\/media\/uploads\/2026\/11\/face\.jpg"/);
      assert.match(page, /Covers the harbour since 2009\./);
      const bad = await deskPost(t.app, author, '/admin/account/profile', {
        name: 'Portrait Person',
        bio: '',
        photoUrl: 'https://tracker.example/pixel.gif',
      });
      assert.equal(bad.statusCode, 422);
    });
  });
}
