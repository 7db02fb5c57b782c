// What a moderator does at the queue, in a real browser: approve with the keyboard, trash a selection, and readers see the result;
// feature a comment as an editor's pick, ban from the ban list, and watch the queue pick up a new comment without reloading.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/modules/people/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

for (const dialect of dialects) {
  describe(`the moderation desk in chromium on ${dialect}`, () => {
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

    it("a moderator's day: approves with a key, trashes a selection, features a pick, bans from the list, and sees a new comment arrive", async () => {
      const story = await makeArticle(t.deps, { headline: 'Night Ferry Returns in Spring' });
      // First comments from new emails wait for a moderator.
      await updateSettings(t.deps, { holdFirstComments: true });
      for (const [i, body] of [
        'Spam about boats for sale',
        'Off-topic rant about parking',
        'Glad the night ferry is back',
      ].entries()) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/articles/${story.slug}/comments`,
          remoteAddress: `192.0.2.${i + 10}`,
          payload: { name: `Reader ${i}`, email: `reader${i}@example.org`, body },
        });
        assert.equal(res.json().status, 'pending');
      }

      const email = 'keyboard-moderator@newsroom.test';
      await createUser(t.deps, { email, name: 'Keyboard Moderator', role: 'moderator', password: PASSWORD });
      const page = await (await browser.newContext()).newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}/admin`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin\/moderation$/);
      assert.equal(await page.locator('[data-queue="pending"] .count').textContent(), '3');

      // Newest first: the welcome comment is on top, focused once the script has run.
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      await page.waitForFunction(() => document.activeElement?.hasAttribute('data-comment'));
      assert.equal(await focused(), 'Comment by Reader 2');
      await page.keyboard.press('j');
      assert.equal(await focused(), 'Comment by Reader 1');
      await page.keyboard.press('k');
      assert.equal(await focused(), 'Comment by Reader 2');
      await page.keyboard.press('a');
      await page.waitForURL(/done=approve&n=1/);
      assert.match((await page.locator('.notice').textContent()) ?? '', /1 comment approved\./);
      assert.equal(await page.locator('[data-queue="pending"] .count').textContent(), '2');

      await page.getByLabel('Select the comment by Reader 0').check();
      // Keys typed into a form control are the control's: this must not approve Reader 0 (the reader page below would show it).
      await page.keyboard.press('a');
      await page.getByLabel('Select the comment by Reader 1').check();
      await page.getByLabel('With the selected comments').selectOption('trash');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/done=trash&n=2/);
      assert.match((await page.locator('.notice').textContent()) ?? '', /2 comments moved to the trash\./);
      assert.equal(await page.locator('[data-queue="pending"] .count').textContent(), '0');
      assert.equal(await page.locator('[data-queue="trash"] .count').textContent(), '2');
      assert.deepEqual(problems, []);

      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/articles/${story.slug}`);
      assert.equal(await reader.locator('.comment-body', { hasText: 'Glad the night ferry is back' }).count(), 1);
      assert.equal(await reader.locator('.comment-body', { hasText: 'Spam about boats for sale' }).count(), 0);
      assert.equal(await reader.locator('.comment-body', { hasText: 'Off-topic rant about parking' }).count(), 0);

      // The moderator features the welcome comment; readers see it first, under Editor's picks, linked to its place.
      await page.goto(`${base}/admin/moderation?queue=recent`);
      const welcome = page.locator('[data-comment]', { hasText: 'Glad the night ferry is back' });
      await welcome.getByRole('button', { name: 'Feature', exact: true }).click();
      await page.waitForURL(/done=feature/);
      assert.equal(await welcome.getByRole('button', { name: 'Unfeature', exact: true }).count(), 1);
      await reader.goto(`${base}/articles/${story.slug}`);
      const picks = reader.getByRole('region', { name: "Editor's picks" });
      assert.equal(await picks.getByRole('heading', { level: 3, name: "Editor's picks" }).count(), 1);
      assert.equal(await picks.locator('.comment-body', { hasText: 'Glad the night ferry is back' }).count(), 1);
      await picks.getByRole('link', { name: /See it in the discussion/ }).click();
      await reader.waitForURL(/#comment-/);
      assert.equal(
        await reader.locator('.comment:target .comment-body', { hasText: 'Glad the night ferry is back' }).count(),
        1,
      );

      // A staff reply from the queue: published under the comment, with the Staff badge.
      await page.goto(`${base}/admin/moderation?queue=recent`);
      await welcome.getByText('Reply as staff').click();
      await welcome
        .getByLabel('Your reply to Reader 2')
        .fill('Thank you! The first night crossing is on the first of April.');
      await welcome.getByRole('button', { name: 'Publish reply' }).click();
      await page.waitForURL(/done=reply/);
      await reader.goto(`${base}/articles/${story.slug}`);
      const staffReply = reader.locator('li.comment li.comment', {
        hasText: 'The first night crossing is on the first of April.',
      });
      assert.equal(await staffReply.locator('.comment-author').textContent(), 'Keyboard Moderator');
      assert.equal(await staffReply.locator('.staff-badge').textContent(), 'Staff');

      // Bans from the ban list: a reason is required, then the banned address is refused.
      await page.goto(`${base}/admin/moderation`);
      await page.getByRole('link', { name: 'Banned commenters' }).click();
      await page.waitForURL(/\/admin\/moderation\/bans$/);
      await page.getByLabel('IP address or range').fill('not an address');
      await page.getByLabel('Reason').fill('Flooding the ferry story');
      await page.getByRole('button', { name: 'Ban', exact: true }).click();
      await page.locator('#ban-ip-error', { hasText: 'Give an IP address' }).waitFor();
      assert.equal(await page.getByLabel('IP address or range').getAttribute('aria-invalid'), 'true');
      await page.getByLabel('IP address or range').fill('192.0.2.0/24');
      await page.getByRole('button', { name: 'Ban', exact: true }).click();
      await page.waitForURL(/done=added/);
      assert.equal(
        await page
          .locator('tr[data-ban]', { hasText: '192.0.2.0/24' })
          .locator('td', { hasText: 'Keyboard Moderator' })
          .count(),
        1,
      );
      const banned = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${story.slug}/comments`,
        remoteAddress: '192.0.2.99',
        payload: { name: 'Flooder', email: 'flooder@example.org', body: 'Again and again' },
      });
      assert.equal(banned.statusCode, 403);
      assert.equal(banned.json().error.code, 'commenter_banned');

      // The queue notices a comment posted while it is open: the tab counts change, a notice offers it, nothing reloads
      // and the moderator's selection stays.
      await page.goto(`${base}/admin/moderation?queue=recent`);
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
      await page.getByLabel('Select the comment by Reader 0').check();
      assert.equal(await page.locator('[data-queue="pending"] .count').textContent(), '0');
      const fresh = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${story.slug}/comments`,
        remoteAddress: '198.51.100.40',
        payload: { name: 'Late Reader', email: 'late-reader@example.org', body: 'Will the night ferry take bicycles?' },
      });
      assert.equal(fresh.json().status, 'pending');
      await page.waitForFunction(
        () => document.querySelector('[data-queue="pending"] .count')?.textContent === '1',
        null,
        { timeout: 30_000 },
      );
      assert.match((await page.locator('.queue-news').textContent()) ?? '', /^1 new comment — show$/);
      assert.equal(
        await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
        true,
        'no reload',
      );
      assert.equal(await page.getByLabel('Select the comment by Reader 0').isChecked(), true, 'the selection is kept');
      // Coming back to the tab asks at once, without waiting for the next round.
      const another = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${story.slug}/comments`,
        remoteAddress: '198.51.100.41',
        payload: { name: 'Later Reader', email: 'later-reader@example.org', body: 'And dogs?' },
      });
      assert.equal(another.json().status, 'pending');
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page.waitForFunction(
        () => document.querySelector('[data-queue="pending"] .count')?.textContent === '2',
        null,
        { timeout: 5_000 },
      );
      assert.match((await page.locator('.queue-news').textContent()) ?? '', /^2 new comments — show$/);
      await page.locator('.queue-news').getByRole('link', { name: 'show' }).click();
      await page.locator('[data-comment]', { hasText: 'Will the night ferry take bicycles?' }).waitFor();
      assert.deepEqual(problems, []);

      // The pages of this day pass an automated accessibility check; our CSP rightly refuses the injected checker, so this context lets it in.
      const audit = await (await browser.newContext({ bypassCSP: true })).newPage();
      await audit.goto(`${base}/admin`);
      await audit.getByLabel('Email', { exact: true }).fill(email);
      await audit.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await audit.getByRole('button', { name: 'Sign in' }).click();
      await audit.waitForURL(/\/admin\/moderation$/);
      for (const path of ['/admin/moderation?queue=recent', '/admin/moderation/bans', `/articles/${story.slug}`]) {
        await audit.goto(`${base}${path}`);
        await audit.addScriptTag({ content: axeSource });
        const violations = await audit.evaluate(
          async () =>
            (
              await (
                window as unknown as {
                  axe: { run: (d: Document) => Promise<{ violations: { id: string; help: string }[] }> };
                }
              ).axe.run(document)
            ).violations,
        );
        assert.deepEqual(
          violations.map((v) => `${v.id}: ${v.help}`),
          [],
          path,
        );
      }
    });
  });
}
