// A refused desk form without JavaScript, in a real browser: the summary at the top names the problem in the
// newsroom's words and its link takes the editor to the field, which says what to fix beside it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/modules/people/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';

for (const dialect of dialects) {
  describe(`form errors in chromium without scripts on ${dialect}`, () => {
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

    it('scheduling without a time: the summary links to the publication time, which is marked and says what to fix', async () => {
      const email = `editor-${Math.random().toString(36).slice(2, 8)}@newsroom.test`;
      await createUser(t.deps, { email, name: 'Plain Editor', role: 'editor', password: PASSWORD });
      const page = await (
        await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 700 } })
      ).newPage();
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin\/articles/);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Headline', { exact: true }).fill('Ferry Timetable Changes');
      await page.getByLabel('Body (Markdown)').fill('The winter timetable starts on Monday.');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Schedule' }).click(),
      ]);
      assert.equal(response.status(), 422);

      const summary = page.locator('.error-summary');
      assert.equal(await summary.getAttribute('role'), 'alert');
      const link = summary.getByRole('link', { name: 'Choose the publication time to schedule the article.' });
      assert.equal(await link.getAttribute('href'), '#publishAt');
      assert.doesNotMatch(await summary.innerText(), /publishAt/);
      // What was typed is still there.
      assert.equal(await page.getByLabel('Headline', { exact: true }).inputValue(), 'Ferry Timetable Changes');

      const field = page.getByLabel(/^Publication time/);
      assert.equal(
        await field.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight),
        false,
        'the field starts below the fold',
      );
      await link.click();
      await page.waitForURL(/#publishAt$/);
      assert.equal(await page.locator('#publishAt:target').count(), 1);
      assert.equal(
        await field.evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
        true,
        'the link brings the field into view',
      );
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const described = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
      assert.ok(described.includes('publishAt-error'), described.join(' '));
      assert.equal(
        await page.locator('#publishAt-error').innerText(),
        'Choose the publication time to schedule the article.',
      );
    });
  });
}
