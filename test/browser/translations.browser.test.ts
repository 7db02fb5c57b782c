// A story and its translation, in a real browser: an editor presses "Translate into Spanish" on an English article,
// gets a Spanish draft with the photo and section carried over, writes the Spanish text and publishes; a reader then
// goes from the English page to the Spanish one by its "Leer en español" link and finds it speaking Spanish, with
// the way back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createUser } from '../../src/modules/people/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`translating a story, in chromium on ${dialect}`, () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: 'http://127.0.0.1' } });
      // An English site with a Spanish edition.
      await updateSettings(t.deps, { languages: ['en', 'es'] });
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      // The factories' featured image, so pages load without a missing file.
      const dir = path.join(t.deps.config.mediaDir, 'test');
      fs.mkdirSync(dir, { recursive: true });
      await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#4f7cac' } })
        .jpeg()
        .toFile(path.join(dir, 'ferry.jpg'));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await t.close();
    });

    /** A page that records script errors, console errors and failed requests. */
    async function openPage(): Promise<{ page: Page; problems: string[] }> {
      const page = await (await browser.newContext()).newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`script: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on(
        'requestfailed',
        (r) =>
          r.failure()?.errorText !== 'net::ERR_ABORTED' &&
          problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      return { page, problems };
    }

    it('an editor translates an English story into Spanish and a reader follows the link between them', async () => {
      const section = await makeSection(t.deps, 'Harbour');
      const english = await makeArticle(t.deps, {
        headline: 'Fishing Fleet Returns Early',
        body: 'Storm warnings sent the fleet home two days early.',
        section: section.slug,
        language: 'en',
      });

      // The editor: sign in, open the English story, press Translate.
      const email = `translator-${Math.random().toString(36).slice(2, 8)}@newsroom.test`;
      await createUser(t.deps, { email, name: 'Tina Translator', role: 'editor', password: PASSWORD });
      const { page: desk, problems: deskProblems } = await openPage();
      await desk.goto(`${base}/admin/sign-in`);
      await desk.getByLabel('Email', { exact: true }).fill(email);
      await desk.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await desk.getByRole('button', { name: 'Sign in' }).click();
      await desk.waitForURL(/\/admin\/articles/);
      await desk.goto(`${base}/admin/articles/${english.id}/edit`);
      await desk.getByRole('button', { name: /^Translate into Spanish/ }).click();
      await desk.waitForURL(/\/admin\/articles\/[^/]+\/edit\?done=translation-started/);
      const draftId = /\/admin\/articles\/([^/]+)\/edit/.exec(desk.url())![1];
      assert.notEqual(draftId, english.id, 'a new article, not the original');

      // The Spanish draft: in Spanish, with the photo and section carried over.
      assert.equal(await desk.getByLabel('Language', { exact: true }).inputValue(), 'es');
      assert.equal(await desk.getByLabel('Section', { exact: true }).inputValue(), section.slug);
      const keep = desk.locator('input[name="mediaId"][value="current"]');
      assert.ok(await keep.isChecked(), 'the featured photo is kept');
      const photo = desk.locator('label', { has: keep }).locator('img');
      assert.match((await photo.getAttribute('src')) ?? '', /ferry/);
      // The desk's thumbnails load lazily, and a loaded machine may not have fetched it yet: bring it into view
      // and wait for it to decode (decode() rejects for a broken picture).
      await photo.scrollIntoViewIfNeeded();
      assert.ok(
        await photo.evaluate((el: HTMLImageElement) =>
          el.decode().then(
            () => el.naturalWidth > 0,
            () => false,
          ),
        ),
        'the photo loads',
      );

      await desk.getByLabel('Headline', { exact: true }).fill('La flota pesquera vuelve antes de tiempo');
      await desk
        .getByLabel('Body (Markdown)')
        .fill('Los avisos de temporal hicieron volver a la flota dos días antes de lo previsto.');
      await desk.getByRole('button', { name: 'Publish', exact: true }).click();
      await desk.waitForURL(/done=publish/);
      assert.deepEqual(deskProblems, []);
      const spanish = await t.deps.db
        .selectFrom('articles')
        .select(['slug', 'status', 'language', 'translation_group', 'image_url', 'section_id'])
        .where('id', '=', draftId)
        .executeTakeFirstOrThrow();
      assert.equal(spanish.status, 'published');
      assert.equal(spanish.language, 'es');
      assert.equal(spanish.section_id, section.id);
      assert.equal(spanish.image_url, '/media/test/ferry.jpg');

      // The reader: from the English page to the Spanish one by keyboard.
      const { page: reader, problems } = await openPage();
      await reader.goto(`${base}/articles/${english.slug}`);
      assert.equal(await reader.locator('html').getAttribute('lang'), 'en');
      const toSpanish = reader.getByRole('link', { name: 'Leer en español' });
      assert.equal(await toSpanish.getAttribute('hreflang'), 'es');
      await toSpanish.focus();
      await reader.keyboard.press('Enter');
      await reader.waitForURL(`${base}/articles/${spanish.slug}`);
      assert.equal(await reader.locator('html').getAttribute('lang'), 'es');
      assert.equal(
        (await reader.getByRole('heading', { level: 1 }).textContent())?.trim(),
        'La flota pesquera vuelve antes de tiempo',
      );
      await reader.getByText('Deja un comentario', { exact: true }).first().waitFor();
      assert.ok(await reader.getByRole('button', { name: 'Publicar el comentario' }).first().isVisible());
      assert.equal(await reader.getByText('Leave a comment', { exact: true }).count(), 0);
      const toEnglish = reader.getByRole('link', { name: 'Read in English' });
      assert.equal(await toEnglish.getAttribute('hreflang'), 'en');
      assert.equal(await toEnglish.getAttribute('lang'), 'en');

      // And back by a click.
      await toEnglish.click();
      await reader.waitForURL(`${base}/articles/${english.slug}`);
      assert.equal(await reader.locator('html').getAttribute('lang'), 'en');
      await reader.getByText('Leave a comment', { exact: true }).first().waitFor();
      assert.deepEqual(problems, []);
    });
  });
}
