// The articles half of the desk (the list, the editor and its photos, previews, revisions, updates, deletion, the
// front page, the media library, the WordPress import) rendered in the pseudo-locale (en-XA): a visible word with a
// plain ASCII letter in it that is not the newsroom's own content was written into the code instead of a catalogue.
// A route of this half added without a case here fails the suite. And one Spanish editor, as WordPress users know it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createPreviewLink, trashArticle } from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { type DeskUser, deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection } from '../support/newsroom.ts';
import { visibleTexts } from '../support/visible-text.ts';

/** The newsroom's own words in this test: shown as written in any language, so taken out before looking. */
const CONTENT = {
  site: 'Quayside Courier',
  editor: 'Marta Quill',
  section: 'Harbour',
  tag: 'Ferries',
  headline: 'Tides rise at the quay',
  headline2: 'Ferry crossing cut',
  draft: 'Draft about nets',
  trashed: 'Old tide tables',
  wire: 'Harbour Wire',
  body: 'Water reached the market steps.',
  body2: 'Water reached the fish market.',
  dateline: 'QUAYSIDE –',
  caption: 'The quay at noon',
  photoCredit: 'Courier photo',
  alt: 'A flooded quay',
  fileName: 'quay.jpg',
  format: 'JPEG',
  note: 'Names the harbour master',
  remoteImage: 'https://elsewhere.test/tide.jpg',
  timeZone: 'America/Havana',
  search: 'noon',
  // The factory's own featured image and wire credit.
  factoryCaption: 'The ferry at dusk. File photo',
  factoryCredit: 'Ledger photo',
  factoryAlt: 'A ferry at a dock',
  factorySource: 'Coastal Press Service',
};

/** The newsroom's words, longest first: whole values, then their words (a diff marks single words). */
const contentWords = (() => {
  const values = Object.values(CONTENT);
  const words = values.flatMap((v) => v.split(/[\s.,]+/)).filter((w) => w.length > 1);
  return [...values, ...words].sort((a, b) => b.length - a.length);
})();

/**
 * Words no catalogue gave: a visible text with an ASCII letter left once the newsroom's content is taken out. Text in
 * `code` is syntax an editor types as it is (`[photo …]`, a command line); a textarea holds the article's own text
 * (its value, as an input's is), and a revision's diff shows that text as it was: none of them are words to translate.
 */
function untranslated(html: string): string[] {
  return visibleTexts(html)
    .filter(({ where }) => !/> (code|textarea)$/.test(where) && !where.includes('p.diff'))
    .filter(({ text }) => {
      let rest = text;
      for (const c of contentWords) rest = rest.split(c).join(' ');
      return /[A-Za-z]/.test(rest);
    })
    .map(({ text, where }) => `${where}: ${JSON.stringify(text)}`);
}

/** The routes of this half of the desk: the articles, the front page, the media library and the import. */
const OURS = /^\/admin(\/articles|\/front-page|\/media|\/import|\/?$)/;

const jpeg = () =>
  sharp({ create: { width: 1200, height: 675, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .toBuffer();

for (const dialect of dialects) {
  describe(`the pseudo-locale over the articles half of the desk on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    const pages = new Map<string, string>();
    const covered = new Set<string>();

    before(async () => {
      t = await createTestApp(dialect, { clock });
      const { deps, app } = t;
      await updateSettings(deps, { name: CONTENT.site, language: 'en-XA', timeZone: CONTENT.timeZone });
      // An admin sees every part of the menu, this half's and the other's.
      editor = await makeDeskUser(app, deps, 'admin', CONTENT.editor);
      const staff = { id: editor.id, name: editor.name, email: editor.email, role: editor.role };
      await makeSection(deps, CONTENT.section);

      const upload = multipart(
        { _token: editor.token, alt: CONTENT.alt, caption: CONTENT.caption, credit: CONTENT.photoCredit },
        { name: CONTENT.fileName, type: 'image/jpeg', bytes: await jpeg() },
      );
      const uploaded = await app.inject({
        method: 'POST',
        url: '/admin/media',
        payload: upload.payload,
        headers: { ...formHeaders, 'content-type': upload.contentType, cookie: editor.cookie },
      });
      assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));
      const photo = await deps.db.selectFrom('media').select('id').executeTakeFirstOrThrow();

      const base = {
        dateline: CONTENT.dateline,
        body: CONTENT.body,
        section: CONTENT.section,
        tags: [CONTENT.tag],
        authors: [editor.id],
      };
      const published = await makeArticle(
        deps,
        { ...base, headline: CONTENT.headline, body: `${CONTENT.body}\n\n[photo ${photo.id}]` },
        staff,
      );
      const wire = await makeArticle(
        deps,
        { ...base, headline: CONTENT.headline2, authors: [], sourceCredit: CONTENT.wire },
        staff,
      );
      const draft = await makeArticle(
        deps,
        { ...base, headline: CONTENT.draft, status: 'draft', body: `${CONTENT.body}\n\n![x](${CONTENT.remoteImage})` },
        staff,
      );
      const trashed = await makeArticle(deps, { ...base, headline: CONTENT.trashed, status: 'draft' }, staff);
      await trashArticle(deps, { staff, id: trashed.id });
      clock.advance(60 * 60_000);
      // A second save, for the revision comparison.
      const edit = await app.inject({
        url: `/admin/articles/${published.id}/edit`,
        headers: { cookie: editor.cookie },
      });
      const version = /name="version" value="(\d+)"/.exec(edit.body)![1];
      const resaved = await deskPost(app, editor, `/admin/articles/${published.id}`, {
        version,
        headline: CONTENT.headline,
        body: `${CONTENT.body2}\n\n[photo ${photo.id}]`,
        dateline: CONTENT.dateline,
        section: CONTENT.section,
        tags: CONTENT.tag,
        authors: editor.id,
        commentStatus: 'default',
        mediaId: '',
        action: 'save',
      });
      assert.equal(resaved.statusCode, 303, resaved.body.slice(0, 500));
      await recordArticleUpdate(deps, { staff, articleId: published.id, kind: 'correction', note: CONTENT.note });
      await createPreviewLink(deps, { staff, id: draft.id });
      // Unsaved text kept by the autosave, so the editor offers it back.
      const kept = await deskPost(app, editor, '/admin/autosave', {
        article: draft.id,
        headline: CONTENT.draft,
        body: CONTENT.body2,
      });
      assert.equal(kept.statusCode, 200, kept.body);
      await deskPost(app, editor, '/admin/front-page', { arrangement: '', move: `lead:${published.id}` });
      const arranged = await app.inject({ url: '/admin/front-page', headers: { cookie: editor.cookie } });
      const arrangement = /name="arrangement" value="([^"]*)"/.exec(arranged.body)![1];
      await deskPost(app, editor, '/admin/front-page', { arrangement, move: `add:${wire.id}` });
      const revisions = await deps.db
        .selectFrom('article_revisions')
        .select('id')
        .where('article_id', '=', published.id)
        .orderBy('version', 'asc')
        .execute();

      const headers = { cookie: editor.cookie };
      const get = async (route: string, url: string) => {
        covered.add(route);
        const res = await app.inject({ url, headers });
        if (res.statusCode >= 300 && res.statusCode < 400) return;
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
        pages.set(`GET ${url}`, res.body);
      };
      const post = async (what: string, url: string, fields: Record<string, string | string[]>, status: number) => {
        const res = await deskPost(app, editor, url, fields);
        assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
        pages.set(`POST ${what}`, res.body);
      };

      await get('/admin', '/admin');
      await get('/admin/articles', '/admin/articles');
      await get('/admin/articles', `/admin/articles?status=trash&done=deleted&q=${CONTENT.search}`);
      await get('/admin/articles/new', '/admin/articles/new');
      for (const done of ['submit', 'trash', 'restore', 'save', 'preview-revoked', 'publish', 'schedule', 'unpublish'])
        await get('/admin/articles/:id/edit', `/admin/articles/${published.id}/edit?done=${done}`);
      await get('/admin/articles/:id/edit', `/admin/articles/${draft.id}/edit?images=timeout`);
      await get('/admin/articles/:id/edit', `/admin/articles/${draft.id}/edit`);
      await get('/admin/articles/:id/edit', `/admin/articles/${draft.id}/edit?restore=1`);
      await get('/admin/articles/:id/edit', `/admin/articles/${trashed.id}/edit`);
      await get('/admin/articles/:id/edit', `/admin/articles/${wire.id}/edit`);
      await get('/admin/articles/:id/delete', `/admin/articles/${trashed.id}/delete`);
      await get('/admin/articles/:id/revisions', `/admin/articles/${published.id}/revisions?done=restored`);
      await get(
        '/admin/articles/:id/revisions',
        `/admin/articles/${published.id}/revisions?from=${revisions[0].id}&to=${revisions[1].id}`,
      );
      await get('/admin/articles/:id/updates', `/admin/articles/${published.id}/updates?done=correction`);
      await get('/admin/articles/:id/updates', `/admin/articles/${draft.id}/updates`);
      await get('/admin/front-page', '/admin/front-page?done=1');
      await get('/admin/media', '/admin/media?done=uploaded');
      await get('/admin/media', `/admin/media?q=${CONTENT.search}`);
      await get('/admin/media', '/admin/media?q=zzyzx');
      await get('/admin/media/:id', `/admin/media/${photo.id}?done=saved`);
      await get('/admin/import', '/admin/import');

      await post('a refused new article', '/admin/articles', { headline: '', body: CONTENT.body, action: 'save' }, 422);
      await post(
        'a photo put in the body',
        `/admin/articles/${draft.id}`,
        { headline: CONTENT.draft, body: CONTENT.body, action: `insert-${photo.id}` },
        200,
      );
      await post('a fresh preview link', `/admin/articles/${draft.id}/preview`, {}, 200);
      await post('the deletion without its confirmation', `/admin/articles/${trashed.id}/delete`, {}, 200);
      await post('a refused front page move', '/admin/front-page', { arrangement, move: 'sideways' }, 422);
      await post('a refused update', `/admin/articles/${published.id}/updates`, { kind: 'update', note: '' }, 422);
      const refusedPhoto = multipart(
        { _token: editor.token, alt: CONTENT.alt },
        { name: CONTENT.fileName, type: 'image/jpeg', bytes: Buffer.from(CONTENT.body) },
      );
      const notPhoto = await app.inject({
        method: 'POST',
        url: '/admin/media',
        payload: refusedPhoto.payload,
        headers: { ...formHeaders, 'content-type': refusedPhoto.contentType, cookie: editor.cookie },
      });
      assert.equal(notPhoto.statusCode, 422);
      pages.set('POST a file that is not a photo', notPhoto.body);
      await post('a photo in use', `/admin/media/${photo.id}/delete`, {}, 409);
      const noExport = multipart({ _token: editor.token, dryRun: '1' });
      const refusedImport = await app.inject({
        method: 'POST',
        url: '/admin/import',
        payload: noExport.payload,
        headers: { ...formHeaders, 'content-type': noExport.contentType, cookie: editor.cookie },
      });
      assert.equal(refusedImport.statusCode, 422, refusedImport.body.slice(0, 300));
      pages.set('POST an import without its file', refusedImport.body);
    });
    after(() => t.close());

    it('walks every page of this half of the desk (a new route needs a case here)', () => {
      const ours = t.app.routeList.filter(
        (r) => r.method === 'GET' && OURS.test(r.url) && !r.url.startsWith('/admin/articles/:id/preview'),
      );
      const missing = ours.map((r) => r.url).filter((url) => !covered.has(url));
      assert.deepEqual(missing, []);
      assert.ok(covered.size >= 10, [...covered].join(', '));
    });

    it('shows no word that did not come from a catalogue', () => {
      const problems: string[] = [];
      for (const [page, html] of pages) for (const p of untranslated(html)) problems.push(`${page}: ${p}`);
      assert.deepEqual(problems, []);
    });

    it('finds an English word the catalogue did not give (the check can fail)', () => {
      assert.equal(untranslated('<p>[Šåṽéé]</p><p>[Šåṽéé] Save</p><p>Tides rise at the quay</p>').length, 1);
    });

    it('marks the desk with the pseudo-locale and shows its accented words', () => {
      const pseudo = t.deps.translations.for('en-XA', 'UTC');
      const editorPage = [...pages.values()].find((html) => html.includes(pseudo.t('desk.editor.saveDraft')));
      assert.ok(editorPage, 'the editor offers to save a draft in the pseudo-locale');
      assert.match(editorPage, /<html lang="en-XA">/);
      assert.match(pseudo.t('desk.editor.publish'), /^\[Þûûƀļîîšĥ\]$/);
    });
  });
}

for (const dialect of dialects) {
  describe(`the desk's editor in Spanish on ${dialect}`, () => {
    let t: TestApp;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-20T10:00:00Z')) });
      await updateSettings(t.deps, { language: 'es', timeZone: 'America/Havana' });
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    it('speaks the Spanish WordPress editors know: Entradas, Añadir nueva, Guardar borrador, Publicar', async () => {
      const page = await t.app.inject({ url: '/admin/articles/new', headers: { cookie: editor.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="es">/);
      assert.match(page.body, /<a href="\/admin\/articles">Entradas<\/a>/);
      assert.match(page.body, /<a href="\/admin\/articles\/new">Añadir nueva<\/a>/);
      assert.match(page.body, /<a href="\/admin\/media">Medios<\/a>/);
      assert.match(page.body, /<label for="headline">Título<\/label>/);
      assert.match(page.body, /<legend>Autores<\/legend>/);
      assert.match(page.body, /<button type="submit" name="action" value="save">Guardar borrador<\/button>/);
      assert.match(page.body, /<button type="submit" name="action" value="publish">Publicar<\/button>/);
      assert.match(page.body, /Imagen destacada/);
      assert.doesNotMatch(page.body, />\s*(Save draft|Publish|Headline|Articles)\s*</);

      const refused = await deskPost(t.app, editor, '/admin/articles', { headline: '', body: 'Texto', action: 'save' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Hay un problema/);
      assert.match(refused.body, /El título no puede estar vacío\./);
    });
  });
}
