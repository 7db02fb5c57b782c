// What an editor does at the desk, in a real browser: sign in, write, schedule, and watch it go live.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createUser } from '../../src/modules/people/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the desk in chromium on ${dialect}`, () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: 'http://127.0.0.1' } });
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      await makeSection(t.deps, 'Harbour');
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await t.close();
    });

    async function signIn(role: 'editor' | 'contributor' | 'author', name: string): Promise<Page> {
      const email = `${role}-${Math.random().toString(36).slice(2, 8)}@newsroom.test`;
      await createUser(t.deps, { email, name, role, password: PASSWORD });
      const page = await (await browser.newContext()).newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}/admin`);
      await page.waitForURL(/\/admin\/sign-in/);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin\/articles/);
      assert.deepEqual(problems, []);
      return page;
    }

    it('an editor uploads a photo, writes an article with it, schedules it a few seconds ahead, and sees it go live on its own', async () => {
      const page = await signIn('editor', 'Scheduling Editor');
      await page.getByRole('link', { name: 'Media' }).click();
      const jpeg = await sharp({ create: { width: 1400, height: 800, channels: 3, background: '#2f5d50' } })
        .jpeg()
        .toBuffer();
      await page.getByLabel(/^Photo/).setInputFiles({ name: 'gauge.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByLabel(/^Alt text/).fill('A tide gauge on the harbour wall');
      await page.getByLabel('Caption', { exact: true }).fill('The tide gauge at dawn. File photo');
      await page.getByLabel('Credit', { exact: true }).fill('Ledger photo');
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.waitForURL(/\/admin\/media\?done=uploaded/);
      await page.getByRole('link', { name: 'New article' }).click();
      await page.getByLabel('Headline', { exact: true }).fill('Tide Tables Published for the New Year');
      await page
        .getByLabel('Body (Markdown)')
        .fill(
          'The harbour office published the tide tables.\n\nThey are *accurate* to the minute. <script>alert(1)</script>',
        );
      // The live preview shows the body as readers will see it, cleaned by the server.
      await page.locator('.body-preview em', { hasText: 'accurate' }).waitFor();
      assert.equal(await page.locator('.body-preview script').count(), 0);
      await page.getByLabel('Dateline', { exact: true }).fill('ALDER BAY –');
      await page.getByLabel('Section', { exact: true }).selectOption('harbour');
      await page.getByLabel('Tags', { exact: true }).fill('Tides, Harbour');
      await page.getByRole('radio', { name: 'The tide gauge at dawn. File photo' }).check();
      // The site's zone is UTC in tests: the wall time is the UTC time.
      const at = new Date(Date.now() + 4000);
      await page.getByLabel(/Publication time/).fill(at.toISOString().slice(0, 19));
      await page.getByRole('button', { name: 'Schedule' }).click();
      await page.waitForURL(/done=schedule/);
      assert.match((await page.locator('.notice').textContent()) ?? '', /Scheduled/);
      assert.match((await page.locator('.article-state').textContent()) ?? '', /scheduled/);

      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/`);
      assert.equal(
        await reader.getByText('Tide Tables Published for the New Year').count(),
        0,
        'not public before its time',
      );
      const deadline = Date.now() + 30_000;
      while ((await reader.getByText('Tide Tables Published for the New Year').count()) === 0) {
        assert.ok(Date.now() < deadline, 'went live within 30 s of its time');
        await reader.waitForTimeout(500);
        await reader.reload();
      }
      await reader.getByRole('link', { name: 'Tide Tables Published for the New Year' }).first().click();
      assert.equal(await reader.locator('h1').textContent(), 'Tide Tables Published for the New Year');
      assert.match((await reader.locator('figcaption').textContent()) ?? '', /The tide gauge at dawn\. File photo/);
      const img = reader.locator('figure.featured-image img');
      assert.match((await img.getAttribute('srcset')) ?? '', /640w/);
      assert.equal(await img.getAttribute('width'), '1400');
      assert.ok(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), 'the photo loads');
    });

    it('a contributor sees no Publish button, and saving a draft works', async () => {
      const page = await signIn('contributor', 'Young Contributor');
      await page.getByRole('link', { name: 'New article' }).click();
      assert.equal(await page.getByRole('button', { name: 'Publish' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Schedule' }).count(), 0);
      await page.getByLabel('Headline', { exact: true }).fill('A Contributor Draft');
      await page.getByLabel('Body (Markdown)').fill('Draft text.');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/done=save/);
      assert.match((await page.locator('.article-state').textContent()) ?? '', /draft/);
    });

    it('two editors on one article: the second save is refused with the conflict, and nothing is lost', async () => {
      const story = await makeArticle(t.deps, { headline: 'Two Hands On One Story' });
      const first = await signIn('editor', 'First Editor');
      const second = await signIn('editor', 'Second Editor');
      await first.goto(`${base}/admin/articles/${story.id}/edit`);
      await second.goto(`${base}/admin/articles/${story.id}/edit`);
      await first.getByLabel('Headline', { exact: true }).fill('Two Hands: First Version');
      await first.getByRole('button', { name: 'Save changes' }).click();
      await first.waitForURL(/done=save/);
      await second.getByLabel('Body (Markdown)').fill('The second editor wrote this paragraph.');
      await second.getByRole('button', { name: 'Save changes' }).click();
      await second.locator('.form-error').waitFor();
      assert.match((await second.locator('.form-error').textContent()) ?? '', /Someone else saved this article/);
      assert.equal(await second.getByLabel('Body (Markdown)').inputValue(), 'The second editor wrote this paragraph.');
      await first.reload();
      assert.equal(await first.getByLabel('Headline', { exact: true }).inputValue(), 'Two Hands: First Version');
    });

    it("an author cannot open another person's article in the editor", async () => {
      const story = await makeArticle(t.deps, { headline: 'Not Yours' });
      const page = await signIn('author', 'Other Author');
      const res = await page.goto(`${base}/admin/articles/${story.id}/edit`);
      assert.equal(res?.status(), 403);
      assert.match((await page.locator('main').textContent()) ?? '', /You may edit only your own articles/);
    });
  });
}
