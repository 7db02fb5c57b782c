// Photos and autosave in the editor, in a real browser: uploading a photo without scripts and publishing; with
// scripts, pasting a photo into the body; and autosave offering the unsaved text back after a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createUser } from '../../src/modules/people/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

for (const dialect of dialects) {
  describe(`photos and autosave in the editor, in chromium on ${dialect}`, () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: 'http://127.0.0.1' } });
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await t.close();
    });

    async function signIn(
      javaScriptEnabled: boolean,
    ): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
      const email = `photo-editor-${Math.random().toString(36).slice(2, 8)}@newsroom.test`;
      await createUser(t.deps, { email, name: 'Photo Editor', role: 'editor', password: PASSWORD });
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin\/articles/);
      return { page, context, problems };
    }

    it('without scripts: uploads a photo in the editor and publishes it as the featured photo, its size read from the photo', async () => {
      const { page } = await signIn(false);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Headline', { exact: true }).fill('Lighthouse Keeper Retires');
      await page.getByLabel('Body (Markdown)').fill('After forty years, the keeper hands over the keys.');
      const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6b8f71' } })
        .jpeg()
        .toBuffer();
      await page
        .getByLabel(/^Upload a photo/)
        .setInputFiles({ name: 'keeper.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByLabel(/^Its alt text/).fill('The keeper on the lighthouse stairs');
      await page.getByLabel('Its caption').fill('The keeper on his last day');
      await page.getByLabel('Its credit').fill('Ledger photo');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.waitForURL(/done=publish/);
      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/articles/lighthouse-keeper-retires`);
      const img = reader.locator('figure.featured-image img');
      assert.equal(await img.getAttribute('width'), '1200');
      assert.equal(await img.getAttribute('height'), '900');
      assert.match((await img.getAttribute('srcset')) ?? '', /640w/);
      assert.match(
        (await reader.locator('figure.featured-image figcaption').textContent()) ?? '',
        /The keeper on his last day/,
      );
      assert.ok(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), 'the photo loads');
    });

    it('with scripts: a photo pasted into the body is uploaded and shows in the body as a figure with srcset', async () => {
      const { page, problems } = await signIn(true);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Headline', { exact: true }).fill('Harbour Seals Return');
      await page.getByLabel('Body (Markdown)').fill('The seals are back on the rocks.');
      const png = await sharp({ create: { width: 1000, height: 600, channels: 3, background: '#44546a' } })
        .png()
        .toBuffer();
      await page.getByLabel('Body (Markdown)').evaluate(
        (body, bytes) => {
          const list = new DataTransfer();
          list.items.add(new File([new Uint8Array(bytes)], 'seals.png', { type: 'image/png' }));
          body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: list, bubbles: true, cancelable: true }));
        },
        [...png],
      );
      await page.getByText(/Photo ready to upload: seals\.png/).waitFor();
      await page.getByLabel(/^Its alt text/).fill('Seals on the harbour rocks');
      await page.getByLabel('Its caption').fill('Seals basking at low tide');
      await page.getByRole('button', { name: 'Upload photo' }).click();
      await page.getByText('Photo uploaded and put at the end of the body.').waitFor();
      assert.match(
        await page.getByLabel('Body (Markdown)').inputValue(),
        /The seals are back on the rocks\.\n\n\[photo [0-9a-f-]{36}\]/,
      );
      await page.locator('.body-preview figure img').waitFor();
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.waitForURL(/done=publish/);
      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/articles/harbour-seals-return`);
      const figure = reader.locator('.article-body figure');
      assert.match((await figure.locator('figcaption').textContent()) ?? '', /Seals basking at low tide/);
      assert.match((await figure.locator('img').getAttribute('srcset')) ?? '', /640w/);
      assert.equal(await figure.locator('img').getAttribute('width'), '1000');
      assert.deepEqual(problems, []);
    });

    it('with scripts: autosave keeps the text, a reload offers it back, restoring fills the form, and leaving unsaved asks first', async () => {
      const { page, problems } = await signIn(true);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Headline', { exact: true }).fill('Council Votes on the Pier');
      await page.getByLabel('Body (Markdown)').fill('The vote was close: five to four.');
      await page.getByText(/Unsaved text kept at/).waitFor({ timeout: 15_000 });
      let asked = false;
      page.once('dialog', (dialog) => {
        asked = dialog.type() === 'beforeunload';
        void dialog.accept();
      });
      await page.reload();
      assert.ok(asked, 'leaving with unsaved text asked first');
      const offer = page.locator('.autosave-offer');
      assert.match((await offer.textContent()) ?? '', /Restore the unsaved text from \d\d:\d\d\?/);
      await offer.getByRole('link', { name: 'Restore it' }).click();
      await page.waitForURL(/restore=1/);
      assert.equal(await page.getByLabel('Headline', { exact: true }).inputValue(), 'Council Votes on the Pier');
      assert.equal(await page.getByLabel('Body (Markdown)').inputValue(), 'The vote was close: five to four.');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/done=save/);
      await page.goto(`${base}/admin/articles/new`);
      assert.equal(await page.locator('.autosave-offer').count(), 0, 'saving emptied the slot');
      assert.deepEqual(problems, []);
    });
  });
}
