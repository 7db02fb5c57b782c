// The settings page's logo and default card image (admins): uploaded through the media library, checked for what
// they are and their size, audited; they feed the publisher logo of the structured data and the social cards.
// The feed settings sit on the same page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { listAudit } from '../../src/modules/audit/index.ts';
import { getSettings } from '../../src/modules/settings/index.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, multipart, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';
import { jsonLdOf, metaOf } from '../support/page-data.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#8a1c1c' } })
    .png()
    .toBuffer();

for (const dialect of dialects) {
  describe(`the site's logo and card image on ${dialect}`, () => {
    let t: TestApp;
    let admin: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await makeDeskUser(t.app, t.deps, 'admin', 'Site Admin');
    });
    after(() => t.close());

    const upload = (
      who: DeskUser,
      fields: Record<string, string>,
      file?: { name: string; type: string; bytes: Buffer },
    ) => {
      const body = multipart({ _token: who.token, ...fields }, file);
      return t.app.inject({
        method: 'POST',
        url: '/admin/settings/images',
        payload: body.payload,
        headers: { ...formHeaders, 'content-type': body.contentType, cookie: who.cookie },
      });
    };

    it('shows both forms on a valid settings page', async () => {
      const res = await t.app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
      assert.equal(res.statusCode, 200);
      const report = await validator.validateString(res.body);
      assert.ok(
        report.valid,
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'),
      );
      assert.match(res.body, /<label for="logo-file">Upload a new logo<\/label>/);
      assert.match(res.body, /<label for="cardImage-file">Upload a new default card image<\/label>/);
    });

    it('takes a logo and a card image, audited, and the pages use them', async () => {
      const logo = await upload(
        admin,
        { kind: 'logo', alt: '' },
        { name: 'logo.png', type: 'image/png', bytes: await png(400, 120) },
      );
      assert.equal(logo.statusCode, 303, logo.body.slice(0, 300));
      assert.equal(logo.headers.location, '/admin/settings?done=image');
      const card = await upload(
        admin,
        { kind: 'cardImage', alt: 'The harbour at dawn' },
        { name: 'card.png', type: 'image/png', bytes: await png(1200, 630) },
      );
      assert.equal(card.statusCode, 303);
      const settings = await getSettings(t.deps);
      assert.deepEqual(
        { ...settings.logo, url: '' },
        { url: '', width: 400, height: 120, alt: 'Dateline' },
        "the logo's alt text is the site name when none is given",
      );
      assert.match(settings.logo!.url, /^\/media\/uploads\/\d{4}\/\d\d\/[^/]+\.png$/);
      assert.equal(settings.cardImage?.alt, 'The harbour at dawn');
      const audit = (await listAudit(t.deps.db, { limit: 10, offset: 0 })).entries.map((e) => e.action);
      assert.ok(audit.includes('settings.changed') && audit.includes('media.uploaded'));
      const article = await makeArticle(t.deps, { headline: 'No Photo Here', featuredImage: null });
      const page = (await t.app.inject({ url: `/articles/${article.slug}` })).body;
      assert.equal(jsonLdOf(page)[0].publisher.logo.url, `http://news.test${settings.logo!.url}`);
      assert.deepEqual(metaOf(page).get('og:image'), [`http://news.test${settings.cardImage!.url}`]);
      assert.equal((await t.app.inject({ url: settings.logo!.url })).statusCode, 200, 'the file is served');
      const rss = (await t.app.inject({ url: '/rss.xml' })).body;
      assert.ok(rss.includes(`<url>http://news.test${settings.logo!.url}</url>`), 'the feed shows the logo');
    });

    it("says a refusal's figures in the desk's language: a Spanish desk hears the sizes in Spanish", async () => {
      const spanish = await makeDeskUser(t.app, t.deps, 'admin', 'Ana Admin');
      assert.equal((await deskPost(t.app, spanish, '/admin/account/language', { language: 'es' })).statusCode, 303);
      const small = await upload(
        spanish,
        { kind: 'logo', alt: 'Pequeño' },
        { name: 'small.png', type: 'image/png', bytes: await png(100, 90) },
      );
      assert.equal(small.statusCode, 422);
      assert.match(small.body, /Esa foto mide 100 × 90 píxeles; un logotipo necesita al menos 112 × 112\./);
      assert.doesNotMatch(small.body, /needs at least/);
    });

    it('refuses a picture that is too small or not a picture, with the reason beside the field', async () => {
      const small = await upload(
        admin,
        { kind: 'cardImage', alt: 'Small' },
        { name: 'small.png', type: 'image/png', bytes: await png(300, 200) },
      );
      assert.equal(small.statusCode, 422);
      assert.match(small.body, /That photo is 300 × 200 pixels; a social card image needs at least 600 × 315\./);
      assert.match(small.body, /id="cardImage-file"[^>]* aria-invalid="true"/);
      const text = await upload(
        admin,
        { kind: 'logo' },
        { name: 'logo.png', type: 'image/png', bytes: Buffer.from('<svg onload="alert(1)"/>') },
      );
      assert.equal(text.statusCode, 422);
      const noAlt = await upload(
        admin,
        { kind: 'cardImage', alt: ' ' },
        { name: 'card.png', type: 'image/png', bytes: await png(1200, 630) },
      );
      assert.equal(noAlt.statusCode, 422);
      assert.match(noAlt.body, /Describe the card image/);
      const nothing = await upload(admin, { kind: 'logo' });
      assert.equal(nothing.statusCode, 422);
    });

    it('lets only admins set or remove them', async () => {
      const editor = await makeDeskUser(t.app, t.deps, 'editor');
      assert.equal(
        (await upload(editor, { kind: 'logo' }, { name: 'logo.png', type: 'image/png', bytes: await png(400, 120) }))
          .statusCode,
        403,
      );
      assert.equal((await deskPost(t.app, editor, '/admin/settings/images/remove', { kind: 'logo' })).statusCode, 403);
      const removed = await deskPost(t.app, admin, '/admin/settings/images/remove', { kind: 'cardImage' });
      assert.equal(removed.statusCode, 303);
      assert.equal((await getSettings(t.deps)).cardImage, null);
    });

    it('saves the feed settings from the same page, and refuses a count out of range', async () => {
      const base = {
        name: 'Dateline',
        description: '',
        language: 'en',
        timeZone: 'UTC',
        commentsCloseAfterDays: '14',
        threadDepth: '5',
        feedShown: '1',
      };
      const saved = await deskPost(t.app, admin, '/admin/settings', { ...base, feedItems: '35' });
      assert.equal(saved.statusCode, 303);
      let settings = await getSettings(t.deps);
      assert.equal(settings.feedItems, 35);
      assert.equal(settings.feedFullText, false, 'an unticked box is excerpts');
      await deskPost(t.app, admin, '/admin/settings', { ...base, feedItems: '20', feedFullText: '1' });
      settings = await getSettings(t.deps);
      assert.equal(settings.feedFullText, true);
      const refused = await deskPost(t.app, admin, '/admin/settings', { ...base, feedItems: '500' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Items per feed must be a whole number from 1 to 100/);
    });
  });
}
