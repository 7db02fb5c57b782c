// Photos where the writing happens: the editor uploads a photo itself, chooses from the library, puts photos in the
// body as figures; the library page says where each photo is used and refuses to delete one in use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';

const photo = (width: number, height: number, background = '#3a6ea5') =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

for (const dialect of dialects) {
  describe(`photos in the editor on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    const editorPost = (
      who: DeskUser,
      url: string,
      fields: Record<string, string | string[]>,
      file?: { name: string; bytes: Buffer },
    ) => {
      const body = multipart(
        { _token: who.token, ...fields },
        file && { ...file, type: 'image/jpeg', field: 'photoFile' },
      );
      return t.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { ...formHeaders, 'content-type': body.contentType, cookie: who.cookie },
      });
    };
    const article = (headline: string, more: Record<string, string> = {}) => ({
      headline,
      body: 'The first paragraph.',
      authors: editor.id,
      commentStatus: 'default',
      mediaId: '',
      imageAlt: '',
      imageCaption: '',
      imageCredit: '',
      ...more,
    });
    const editId = (location: unknown) => String(location).split('/')[3];

    it('offers a file field in a multipart form, and no hand-typed address, width or height', async () => {
      const page = await t.app.inject({ url: '/admin/articles/new', headers: { cookie: editor.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<form method="post" action="\/admin\/articles" class="desk-form article-form" enctype="multipart\/form-data"[^>]*>/,
      );
      assert.match(page.body, /<input id="photoFile" name="photoFile" type="file"/);
      assert.doesNotMatch(page.body, /name="imageUrl"|name="imageWidth"|name="imageHeight"/);
    });

    it('uploads a photo with the article and publishes it as the featured photo, its size read from the photo', async () => {
      const res = await editorPost(
        editor,
        '/admin/articles',
        {
          ...article('A Photo Sent With the Story'),
          action: 'publish',
          photoAlt: 'Boats in the harbour at dusk',
          photoCaption: 'Dusk over the harbour',
          photoCredit: 'Ledger photo',
          photoUse: 'featured',
          // A hand-typed size is not a field any more: it is ignored.
          imageWidth: '5',
          imageHeight: '5',
        },
        { name: 'dusk.jpg', bytes: await photo(1500, 1000) },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const row = await t.deps.db
        .selectFrom('articles')
        .selectAll()
        .where('headline', '=', 'A Photo Sent With the Story')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'published');
      assert.equal(Number(row.image_width), 1500);
      assert.equal(Number(row.image_height), 1000);
      assert.equal(row.image_alt, 'Boats in the harbour at dusk');
      const media = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('url', '=', row.image_url)
        .executeTakeFirstOrThrow();
      assert.equal(media.caption, 'Dusk over the harbour');
      const page = (await t.app.inject({ url: `/articles/${row.slug}` })).body;
      assert.match(page, /<figure class="featured-image">/);
      assert.match(
        page,
        new RegExp(
          `<img src="${row.image_url}" alt="Boats in the harbour at dusk" width="1500" height="1000"[^>]*srcset="[^"]+-640\\.webp 640w`,
        ),
      );
    });

    it('the upload button stores the photo and shows the form again with it chosen, nothing saved; a refused photo keeps the text', async () => {
      const before = await t.deps.db.selectFrom('articles').select('id').execute();
      const res = await editorPost(
        editor,
        '/admin/articles',
        {
          ...article('Not Saved Yet', { body: 'Words I typed before uploading.' }),
          action: 'upload',
          photoAlt: 'A gull on a post',
          photoUse: 'body',
        },
        { name: 'gull.jpg', bytes: await photo(800, 600, '#888888') },
      );
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.match(res.body, /Photo uploaded and put at the end of the body\./);
      const gull = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('alt', '=', 'A gull on a post')
        .executeTakeFirstOrThrow();
      assert.match(res.body, new RegExp(`Words I typed before uploading\\.\\n\\n\\[photo ${gull.id}\\]`));
      assert.equal(
        (await t.deps.db.selectFrom('articles').select('id').execute()).length,
        before.length,
        'no article saved',
      );
      const bad = await editorPost(
        editor,
        '/admin/articles',
        { ...article('Still Not Saved', { body: 'Keep me.' }), action: 'upload' },
        { name: 'x.jpg', bytes: Buffer.from('not a photo') },
      );
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /not an image we accept/);
      assert.match(bad.body, />Keep me\.<\/textarea>/);
    });

    it('puts a library photo in the body as a figure with caption, credit and srcset; an unknown photo line is refused', async () => {
      const upload = multipart(
        { _token: editor.token, alt: 'The ferry <leaving>', caption: 'The 7:40 ferry & its wake', credit: 'Ana Ruiz' },
        { name: 'ferry.jpg', type: 'image/jpeg', bytes: await photo(1300, 700) },
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: '/admin/media',
            payload: upload.payload,
            headers: { ...formHeaders, 'content-type': upload.contentType, cookie: editor.cookie },
          })
        ).statusCode,
        303,
      );
      const ferry = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('credit', '=', 'Ana Ruiz')
        .executeTakeFirstOrThrow();
      // Without scripts, "Put in the body" shows the form again with the line added.
      const put = await deskPost(t.app, editor, '/admin/articles', {
        ...article('Ferry Story', { body: 'Before the photo.' }),
        action: `insert-${ferry.id}`,
      });
      assert.equal(put.statusCode, 200);
      assert.match(put.body, new RegExp(`Before the photo\\.\\n\\n\\[photo ${ferry.id}\\]`));
      const res = await deskPost(t.app, editor, '/admin/articles', {
        ...article('Ferry Story', { body: `Before the photo.\n\n[photo ${ferry.id}]\n\nAfter it.` }),
        action: 'publish',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      const page = (await t.app.inject({ url: '/articles/ferry-story' })).body;
      assert.match(
        page,
        new RegExp(
          `<figure><img src="${ferry.url}" alt="The ferry &lt;leaving&gt;" loading="lazy" srcset="[^"]+-320\\.webp 320w, [^"]+-640\\.webp 640w, [^"]+ 1300w" sizes="[^"]+" width="1300" height="700" /><figcaption>The 7:40 ferry &amp; its wake <small>Ana Ruiz</small></figcaption></figure>`,
        ),
      );
      assert.match(page, /<p>After it\.<\/p>/);
      const unknown = await deskPost(t.app, editor, '/admin/articles', {
        ...article('Ghost Photo', { body: 'Text.\n\n[photo 0190aaaa-0000-7000-8000-000000000000]' }),
        action: 'save',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(
        unknown.body,
        /names a photo the media library does not have: \[photo 0190aaaa-0000-7000-8000-000000000000\]/,
      );
      // The live preview shows the figure too.
      const preview = await t.app.inject({
        method: 'POST',
        url: '/admin/preview',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: new URLSearchParams({ _token: editor.token, body: `[photo ${ferry.id}]` }).toString(),
      });
      assert.match(preview.json().html, /<figure><img src="[^"]+" alt="The ferry &lt;leaving&gt;"/);
    });

    it('chooses another library photo as featured: its words come with it unless the person typed their own', async () => {
      const [a, b] = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('credit', 'in', ['Ledger photo', 'Ana Ruiz'])
        .orderBy('credit')
        .execute();
      const res = await deskPost(t.app, editor, '/admin/articles', {
        ...article('Switching Photos', { mediaId: b.id }),
        action: 'save',
      });
      assert.equal(res.statusCode, 303);
      const id = editId(res.headers.location);
      const form = (await t.app.inject({ url: `/admin/articles/${id}/edit`, headers: { cookie: editor.cookie } })).body;
      assert.match(form, /<input type="radio" name="mediaId" value="current" checked/);
      assert.match(form, /id="imageCaption" name="imageCaption" maxlength="1000" value="Dusk over the harbour"/);
      const version = /name="version" value="(\d+)"/.exec(form)![1];
      await deskPost(t.app, editor, `/admin/articles/${id}`, {
        ...article('Switching Photos', {
          mediaId: a.id,
          imageAlt: b.alt,
          imageCaption: b.caption,
          imageCredit: 'Our own credit',
        }),
        version,
        action: 'save',
      });
      const row = await t.deps.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.image_url, a.url);
      assert.equal(row.image_caption, a.caption, 'left as it was: the new photo brings its own caption');
      assert.equal(row.image_credit, 'Our own credit');
      assert.equal(Number(row.image_width), Number(a.width));
    });

    it('the picker searches by caption or credit and pages without scripts', async () => {
      const res = await deskPost(t.app, editor, '/admin/articles', {
        ...article('Searching', { photoQuery: 'ruiz' }),
        action: 'photos',
      });
      assert.equal(res.statusCode, 200);
      const ids = [...res.body.matchAll(/name="mediaId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      const ruiz = await t.deps.db.selectFrom('media').select('id').where('credit', '=', 'Ana Ruiz').execute();
      assert.deepEqual(
        ids,
        ruiz.map((r) => r.id),
      );
      for (let i = 0; i < 12; i++) {
        const up = multipart(
          { _token: editor.token, alt: `Filler ${i}`, caption: `Filler ${i}` },
          { name: 'f.jpg', type: 'image/jpeg', bytes: await photo(200, 100) },
        );
        await t.app.inject({
          method: 'POST',
          url: '/admin/media',
          payload: up.payload,
          headers: { ...formHeaders, 'content-type': up.contentType, cookie: editor.cookie },
        });
      }
      const first = await deskPost(t.app, editor, '/admin/articles', { ...article('Paging'), action: 'photos' });
      assert.match(first.body, /Photos page 1 of 2/);
      assert.match(first.body, /value="photos-2"/);
      const second = await deskPost(t.app, editor, '/admin/articles', { ...article('Paging'), action: 'photos-2' });
      assert.match(second.body, /Photos page 2 of 2/);
      assert.match(second.body, /Dusk over the harbour/);
    });

    it('the library page says which articles use a photo, changes its words, and deletes only an unused one', async () => {
      const ferry = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('credit', '=', 'Ana Ruiz')
        .executeTakeFirstOrThrow();
      const detail = await t.app.inject({ url: `/admin/media/${ferry.id}`, headers: { cookie: editor.cookie } });
      assert.equal(detail.statusCode, 200);
      assert.match(detail.body, />Ferry Story<\/a> <small>\(in the body; published\)/);
      const refused = await deskPost(t.app, editor, `/admin/media/${ferry.id}/delete`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(
        refused.body,
        /This photo is used by 2 articles \((“Ferry Story”, “Switching Photos”|“Switching Photos”, “Ferry Story”)\)\. Remove it from them first, then delete it\./,
      );
      assert.ok(await t.deps.db.selectFrom('media').select('id').where('id', '=', ferry.id).executeTakeFirst());
      const dusk = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('caption', '=', 'Dusk over the harbour')
        .executeTakeFirstOrThrow();
      assert.match(
        (await t.app.inject({ url: `/admin/media/${dusk.id}`, headers: { cookie: editor.cookie } })).body,
        /A Photo Sent With the Story<\/a> <small>\(featured photo; published\)/,
      );

      const edit = await deskPost(t.app, editor, `/admin/media/${ferry.id}`, {
        alt: 'The ferry leaving',
        caption: 'The morning ferry',
        credit: 'A. Ruiz',
      });
      assert.equal(edit.statusCode, 303);
      const library = await t.app.inject({ url: '/admin/media?q=morning', headers: { cookie: editor.cookie } });
      assert.match(library.body, /The morning ferry/);
      assert.match(library.body, /1 photo\./);

      const filler = await t.deps.db
        .selectFrom('media')
        .selectAll()
        .where('caption', '=', 'Filler 3')
        .executeTakeFirstOrThrow();
      const author = await makeDeskUser(t.app, t.deps, 'author');
      assert.equal(
        (await deskPost(t.app, author, `/admin/media/${filler.id}/delete`, {})).statusCode,
        403,
        'not their photo',
      );
      const gone = await deskPost(t.app, editor, `/admin/media/${filler.id}/delete`, {});
      assert.equal(gone.statusCode, 303);
      assert.equal(
        await t.deps.db.selectFrom('media').select('id').where('id', '=', filler.id).executeTakeFirst(),
        undefined,
      );
      for (const url of [filler.url, ...filler.srcset.split(', ').map((s) => s.split(' ')[0])]) {
        assert.equal(
          fs.existsSync(path.join(t.deps.config.mediaDir, url.replace(/^\/media\//, ''))),
          false,
          `${url} removed`,
        );
      }
      assert.equal((await deskPost(t.app, editor, `/admin/media/${filler.id}/delete`, {})).statusCode, 404);
    });
  });
}
