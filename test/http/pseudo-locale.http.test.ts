// Every reader page rendered in the pseudo-locale (en-XA): a visible word with a plain ASCII letter in it that is not
// the newsroom's own content was written into the code instead of a catalogue. A reader route added without a case
// here fails the suite, so no page ships untested.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPreviewLink, updateArticle } from '../../src/modules/articles/index.ts';
import { featureComment, postComment } from '../../src/modules/comments/index.ts';
import { unsubscribeUrl } from '../../src/modules/notifications/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';
import { visibleTexts } from '../support/visible-text.ts';

/** The newsroom's own words in this test: shown as written in any language, so taken out before looking. */
const CONTENT = {
  site: 'Quayside Courier',
  description: 'News of the quay',
  section: 'Harbour',
  tag: 'Ferries',
  author: 'Marta Quill',
  headline: 'Tides rise at the quay',
  headline2: 'Ferry crossing cut',
  draft: 'Draft about nets',
  excerpt: 'The quay floods twice',
  body: 'Water reached the market steps.',
  dateline: 'QUAYSIDE –',
  credit: 'Harbour Wire',
  caption: 'The quay at noon',
  photoCredit: 'Courier photo',
  alt: 'A flooded quay',
  note: 'Names the harbour master',
  reader: 'Ines Reed',
  comment: 'The steps were wet by nine.',
  reply: 'And by ten the market closed.',
  email: 'ines@reader.test',
  maskedEmail: 'i…@reader.test',
  searchWord: 'tides',
  nowhere: 'zzyzx',
  badDate: 'not-a-date',
};

/**
 * Words no catalogue gave: a visible text with an ASCII letter left once the newsroom's content is taken out (whole,
 * then word by word, since search results mark single words of a headline).
 */
function untranslated(html: string): string[] {
  const values = Object.values(CONTENT);
  const words = values.flatMap((v) => v.split(/[\s.,]+/)).filter((w) => w.length > 1);
  const content = [...values, ...words].sort((a, b) => b.length - a.length);
  return visibleTexts(html)
    .filter(({ text }) => {
      let rest = text;
      for (const c of content) rest = rest.split(c).join(' ');
      return /[A-Za-z]/.test(rest);
    })
    .map(({ text, where }) => `${where}: ${JSON.stringify(text)}`);
}

const READER_ROUTES_NOT_HTML = new Set([
  '/media/*',
  '/assets/*',
  '/api/openapi.json',
  '/favicon.ico',
  '/robots.txt',
  '/healthz',
  '/sitemap.xml',
  '/sitemaps/:file',
]);

for (const dialect of dialects) {
  describe(`the pseudo-locale over every reader page on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    const pages = new Map<string, string>();
    const covered = new Set<string>();

    before(async () => {
      t = await createTestApp(dialect, { clock });
      const { deps, app } = t;
      await updateSettings(deps, {
        name: CONTENT.site,
        description: CONTENT.description,
        language: 'en-XA',
        commentEditMinutes: 30,
        holdFirstComments: false,
      });
      const author = await makeStaff(deps, 'editor', CONTENT.author);
      await makeSection(deps, CONTENT.section);
      const base = {
        dateline: CONTENT.dateline,
        sourceCredit: CONTENT.credit,
        excerpt: CONTENT.excerpt,
        body: CONTENT.body,
        section: CONTENT.section,
        tags: [CONTENT.tag],
        featuredImage: {
          url: '/media/test/quay.jpg',
          caption: CONTENT.caption,
          credit: CONTENT.photoCredit,
          alt: CONTENT.alt,
          width: 1200,
          height: 675,
        },
      };
      const article = await makeArticle(deps, { ...base, headline: CONTENT.headline }, author);
      const closed = await makeArticle(deps, { ...base, headline: CONTENT.headline2, commentStatus: 'closed' }, author);
      const draft = await makeArticle(deps, { ...base, headline: CONTENT.draft, status: 'draft' }, author);
      clock.advance(60 * 60_000);
      await updateArticle(deps, {
        staff: author,
        id: article.id,
        changes: { body: `${CONTENT.body}\n\n${CONTENT.body}` },
      });
      await recordArticleUpdate(deps, { staff: author, articleId: article.id, kind: 'correction', note: CONTENT.note });
      const first = await postComment(deps, {
        slug: article.slug,
        name: CONTENT.reader,
        email: CONTENT.email,
        body: CONTENT.comment,
        ip: '203.0.113.5',
        userAgent: 'test',
      });
      await featureComment(deps, { staff: author, id: first.id, featured: true });
      const posted = await app.inject({
        method: 'POST',
        url: `/articles/${article.slug}/comments`,
        headers: formHeaders,
        payload: form({ name: CONTENT.reader, email: CONTENT.email, comment: CONTENT.reply, parentId: first.id }),
      });
      assert.equal(posted.statusCode, 303, posted.body);
      const cookie = [posted.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('dl_commenter='))!
        .split(';')[0];
      const mine = await deps.db
        .selectFrom('comments')
        .select('id')
        .where('body_text', '=', CONTENT.reply)
        .executeTakeFirstOrThrow();
      const preview = await createPreviewLink(deps, { staff: author, id: draft.id });
      const unsubscribe = new URL(await unsubscribeUrl(deps, { kind: 'replies', email: CONTENT.email }));
      const month = '2026/11';

      const get = async (route: string, url: string, headers: Record<string, string> = {}) => {
        covered.add(route);
        const res = await app.inject({ url, headers });
        if (res.statusCode >= 300 && res.statusCode < 400) return;
        assert.match(String(res.headers['content-type']), /text\/html/, `${url} is a page`);
        pages.set(`GET ${url}`, res.body);
      };
      await get('/', '/');
      await get('/sections/:slug', `/sections/${article.section!.slug}`);
      await get('/tags/:slug', `/tags/${article.tags[0].slug}`);
      await get('/authors/:slug', `/authors/${article.authors[0].slug}`);
      await get('/preview/:token', preview.path);
      await get('/search', '/search');
      await get('/search', `/search?q=${CONTENT.searchWord}`);
      await get('/search', `/search?q=${CONTENT.nowhere}&section=${article.section!.slug}`);
      await get('/search', `/search?q=${CONTENT.searchWord}&from=${CONTENT.badDate}`);
      await get('/archive', '/archive');
      await get('/archive/:year/:month', `/archive/${month}`);
      await get('/:year(^\\d{4}$)/:month(^\\d{2}$)', `/${month}`);
      await get('/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)', `/${month}/20`);
      await get('/articles/:slug', `/articles/${article.slug}`);
      await get('/articles/:slug', `/articles/${article.slug}?replyto=${first.id}`);
      await get('/articles/:slug', `/articles/${article.slug}?comment=held`);
      await get('/articles/:slug', `/articles/${article.slug}`, { cookie });
      await get('/articles/:slug', `/articles/${closed.slug}`);
      await get('/comments/:id', `/comments/${first.id}`);
      await get('/comments/:id/report', `/comments/${first.id}/report`);
      await get('/comments/:id/edit', `/comments/${mine.id}/edit`, { cookie });
      await get('/comments/:id/delete', `/comments/${mine.id}/delete`, { cookie });
      await get('/corrections', '/corrections');
      await get('/notifications/unsubscribe', unsubscribe.pathname + unsubscribe.search);
      // Every edition's route under a language this site does not offer: the 404 page, in the pseudo-locale too
      // (test/http/language-editions.http.test.ts reads them in a language the site offers).
      for (const route of [
        '/:lang/',
        '/:lang/sections/:slug',
        '/:lang/tags/:slug',
        '/:lang/authors/:slug',
        '/:lang/search',
        '/:lang/archive',
        '/:lang/archive/:year/:month',
        '/:lang/corrections',
      ])
        await get(route, route.replace(':lang', 'es').replace(':slug', 'x').replace(':year/:month', month));
      pages.set('GET /no-such-page', (await app.inject({ url: '/no-such-page' })).body);
      const refused = await app.inject({
        method: 'POST',
        url: `/articles/${article.slug}/comments`,
        headers: formHeaders,
        payload: form({ name: CONTENT.reader, email: 'not an address', comment: CONTENT.comment }),
      });
      assert.equal(refused.statusCode, 422);
      pages.set('POST a comment the form refuses', refused.body);
      const reported = await app.inject({
        method: 'POST',
        url: `/comments/${first.id}/report`,
        headers: formHeaders,
        payload: form({ reason: '' }),
      });
      pages.set('POST an empty report', reported.body);
    });
    after(() => t.close());

    it('walks every reader page (a new reader route needs a case here)', () => {
      const reader = t.app.routeList.filter(
        (r) =>
          r.method === 'GET' &&
          !r.url.startsWith('/admin') &&
          !r.url.startsWith('/api/') &&
          !r.url.endsWith('.xml') &&
          !READER_ROUTES_NOT_HTML.has(r.url),
      );
      const missing = reader.map((r) => r.url).filter((url) => !covered.has(url));
      assert.deepEqual(missing, []);
    });

    it('shows no word that did not come from a catalogue', () => {
      const problems: string[] = [];
      for (const [page, html] of pages) for (const p of untranslated(html)) problems.push(`${page}: ${p}`);
      assert.deepEqual(problems, []);
    });

    it('marks the pages with the pseudo-locale and shows its accented words', () => {
      const pseudo = t.deps.translations.for('en-XA', 'UTC');
      const closedPage = [...pages.values()].find((html) => html.includes(pseudo.t('discussion.closed')));
      assert.ok(closedPage, 'the closed discussion says so in the pseudo-locale');
      assert.match(closedPage, /<html lang="en-XA">/);
      assert.match(pseudo.t('discussion.closed'), /^\[Çööɱɱééñţš/);
    });
  });
}

for (const dialect of dialects) {
  describe(`a Spanish-language site on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-20T10:00:00Z')) });
    });
    after(() => t.close());

    it('speaks Spanish as WordPress readers know it, in the page, the discussion and its dates', async () => {
      await updateSettings(t.deps, { language: 'es', timeZone: 'America/Havana' });
      const open = await makeArticle(t.deps, { headline: 'Mareas en el muelle' });
      const closed = await makeArticle(t.deps, { headline: 'Cierre del puerto', commentStatus: 'closed' });
      for (const body of ['Uno', 'Dos', 'Tres']) {
        await postComment(t.deps, {
          slug: open.slug,
          name: 'Inés',
          email: 'ines@reader.test',
          body,
          ip: '203.0.113.7',
          userAgent: 'test',
        });
      }
      const page = (await t.app.inject({ url: `/articles/${open.slug}` })).body;
      assert.match(page, /<html lang="es">/);
      assert.match(page, /3 comentarios en «Mareas en el muelle»/);
      assert.match(page, />Responder</);
      assert.match(page, />Deja un comentario</);
      assert.match(page, /20 de noviembre de 2026/);
      assert.match(page, /Por <a href="\/authors\//);
      const closedPage = (await t.app.inject({ url: `/articles/${closed.slug}` })).body;
      assert.match(closedPage, /Los comentarios están cerrados\./);
      const refused = await t.app.inject({
        method: 'POST',
        url: `/articles/${open.slug}/comments`,
        headers: formHeaders,
        payload: form({ name: 'Inés', email: 'no', comment: 'Hola' }),
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Escribe una dirección de correo electrónico válida/);
    });

    it("answers what the framework refuses in Spanish too: a broken address, a body too large, a method a page doesn't take", async () => {
      const article = await makeArticle(t.deps, { headline: 'Obras en el muelle' });
      const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? body;
      const broken = await t.app.inject({ url: `/articles/${article.slug}/%E0%A4%A` });
      assert.equal(broken.statusCode, 400);
      assert.match(main(broken.body), /La dirección no es válida: tiene un código % roto/);
      const large = await t.app.inject({
        method: 'POST',
        url: `/articles/${article.slug}/comments`,
        headers: formHeaders,
        payload: form({ name: 'Inés', email: 'ines@reader.test', comment: 'x'.repeat(1_100_000) }),
      });
      assert.equal(large.statusCode, 413);
      assert.match(main(large.body), /Lo que has enviado es demasiado grande: como máximo 1 MB\./);
      const method = await t.app.inject({ url: `/articles/${article.slug}/comments` });
      assert.equal(method.statusCode, 405);
      assert.match(main(method.body), /no admite GET; admite POST\./);
      // The JSON API answers a program in English, and a client that asks for Spanish in Spanish.
      const api = (language?: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/articles/${article.slug}/comments`,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(language && { 'accept-language': language }),
          },
          payload: { name: 'Inés', comment: 'Hola' },
        });
      const spanishApi = await api('es-CU,es;q=0.9,en;q=0.5');
      assert.equal(spanishApi.statusCode, 400);
      assert.equal(spanishApi.json().error.message, "email: falta la propiedad obligatoria 'email'.");
      assert.match(String(spanishApi.headers.vary), /accept-language/);
      assert.equal((await api()).json().error.message, "email: must have required property 'email'.");
      for (const res of [broken, large, method])
        assert.doesNotMatch(main(res.body), /\b(the|address|does not|too large)\b/i, 'no English word left');
    });
  });
}
