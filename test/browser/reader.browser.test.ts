// What a reader does on an article page, in a real browser: read, comment, reply, and meet a closed discussion.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

for (const dialect of dialects) {
  describe(`a reader in chromium on ${dialect}`, () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: 'http://127.0.0.1' } });
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = address;
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

    /** A page that records console errors, failed requests and script errors. */
    async function openPage(javaScriptEnabled = true, bypassCSP = false): Promise<{ page: Page; problems: string[] }> {
      const context = await browser.newContext({ javaScriptEnabled, bypassCSP });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`script: ${e.message}`));
      // A request the page itself abandons (a reload while the icon loads) is not a failure of ours.
      page.on(
        'requestfailed',
        (r) =>
          r.failure()?.errorText !== 'net::ERR_ABORTED' &&
          problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      page.on(
        'request',
        (r) =>
          !r.url().startsWith(base) && !r.url().startsWith('data:') && problems.push(`third-party request: ${r.url()}`),
      );
      return { page, problems };
    }

    async function fillForm(page: Page, name: string, text: string) {
      await page.getByLabel('Comment', { exact: true }).fill(text);
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Email', { exact: true }).fill(`${name.toLowerCase().replace(/\W/g, '')}@example.org`);
    }

    it('posts a comment and a reply without reloading, and sees both threaded after a reload', async () => {
      const article = await makeArticle(t.deps, { headline: 'Browser Discussion' });
      const earlier = await postComment(t.deps, {
        slug: article.slug,
        name: 'Early Bird',
        email: 'e@example.org',
        body: 'First thoughts.',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const { page, problems } = await openPage();
      await page.goto(`${base}/articles/${article.slug}`);
      assert.equal(await page.locator('h1').textContent(), 'Browser Discussion');

      await fillForm(page, 'Ana Reader', 'A comment from the browser.');
      const navigations: string[] = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.comment-list > li.comment', { hasText: 'A comment from the browser.' }).waitFor();
      assert.equal(await page.locator('#comments-title').textContent(), '2 thoughts on “Browser Discussion”');

      await page.getByRole('link', { name: 'Reply to Early Bird' }).click();
      assert.equal(await page.locator('#respond-title').textContent(), 'Reply to Early Bird');
      assert.equal(
        await page.locator(`#comment-${earlier.id} #respond`).count(),
        1,
        'the form moved under the comment',
      );
      await fillForm(page, 'Bo Replier', 'A reply from the browser.');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page
        .locator(`#comment-${earlier.id} > ol.children > li.comment`, { hasText: 'A reply from the browser.' })
        .waitFor();
      assert.ok(
        navigations.every((u) => u.split('#')[0] === `${base}/articles/${article.slug}`),
        `no page load: ${navigations}`,
      );

      await page.reload();
      const reply = page.locator(`#comment-${earlier.id} > ol.children > li.comment`);
      assert.equal(await reply.count(), 1);
      assert.match((await reply.textContent()) ?? '', /Bo Replier[\s\S]*A reply from the browser\./);
      assert.equal(await page.locator('.comment-list > li.comment').count(), 2);
      assert.deepEqual(problems, []);
    });

    it('works with JavaScript off: the form posts, redirects to the new comment, and Reply links work', async () => {
      const article = await makeArticle(t.deps, { headline: 'No Script Discussion' });
      const parent = await postComment(t.deps, {
        slug: article.slug,
        name: 'Parent Poster',
        email: 'p@example.org',
        body: 'Reply to me.',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      const { page, problems } = await openPage(false);
      await page.goto(`${base}/articles/${article.slug}`);
      await fillForm(page, 'Plain Form', 'Posted by a plain form.');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.waitForURL(/#comment-/);
      const id = new URL(page.url()).hash.slice(1);
      assert.match((await page.locator(`#${id}`).textContent()) ?? '', /Posted by a plain form\./);

      await page.getByRole('link', { name: 'Reply to Parent Poster' }).click();
      await page.waitForURL(/replyto=/);
      assert.equal(await page.locator('#respond-title').textContent(), 'Reply to Parent Poster');
      await fillForm(page, 'Plain Reply', 'A reply without scripts.');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.waitForURL((u) => !u.search.includes('replyto'));
      assert.match(
        (await page.locator(`#comment-${parent.id} > ol.children`).textContent()) ?? '',
        /A reply without scripts\./,
      );
      assert.deepEqual(problems, []);
    });

    it('shows a form error beside the field and keeps what was typed', async () => {
      const article = await makeArticle(t.deps);
      const { page } = await openPage(false);
      await page.goto(`${base}/articles/${article.slug}`);
      await page.getByLabel('Comment', { exact: true }).fill('My words stay.');
      await page.getByLabel('Name', { exact: true }).fill('Typo');
      await page.getByLabel('Email', { exact: true }).fill('typo@example');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('#email-error').waitFor();
      assert.match((await page.locator('#email-error').textContent()) ?? '', /valid email address/);
      assert.equal(await page.getByLabel('Comment', { exact: true }).inputValue(), 'My words stay.');
    });

    it('shows "Comments are closed." and no form on a closed discussion', async () => {
      const article = await makeArticle(t.deps, { headline: 'Closed Discussion', commentStatus: 'closed' });
      const { page, problems } = await openPage();
      await page.goto(`${base}/articles/${article.slug}`);
      assert.equal(await page.locator('.comments-closed').textContent(), 'Comments are closed.');
      assert.equal(await page.locator('main form').count(), 0);
      assert.equal(await page.getByRole('link', { name: /^Reply to/ }).count(), 0);
      assert.deepEqual(problems, []);
    });

    it('passes an automated accessibility check (axe) on the article and front pages', async () => {
      const article = await makeArticle(t.deps, { headline: 'Accessible Story', tags: ['Access'] });
      await postComment(t.deps, {
        slug: article.slug,
        name: 'Ana',
        email: 'a@example.org',
        body: 'Hello',
        ip: '127.0.0.1',
        userAgent: 't',
      });
      // Our own CSP rightly refuses the injected checker; the test lets it in.
      const { page } = await openPage(true, true);
      for (const path of [`/articles/${article.slug}`, '/', '/no-such-page']) {
        await page.goto(`${base}${path}`);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(
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

    it("a reader's day: a held comment shows to them alone, marked; they edit it, then delete it", async () => {
      // The product's rule: a new email's first comment waits for a moderator.
      await updateSettings(t.deps, { holdFirstComments: true });
      try {
        const article = await makeArticle(t.deps, { headline: 'Held Comment Story' });
        const url = `${base}/articles/${article.slug}`;
        const { page, problems } = await openPage();
        await page.goto(url);
        await fillForm(page, 'Nell Newcomer', 'My first words here.');
        await page.getByRole('button', { name: 'Post comment' }).click();
        await page.getByRole('status').filter({ hasText: 'awaiting moderation' }).waitFor();
        await page.locator('li.comment-pending', { hasText: 'My first words here.' }).waitFor();

        await page.reload();
        const mine = page.locator('li.comment-pending', { hasText: 'My first words here.' });
        await mine.waitFor();
        assert.match((await mine.textContent()) ?? '', /Awaiting moderation: only you can see this comment/);
        assert.equal(
          await mine.getByRole('link', { name: /^Reply to/ }).count(),
          0,
          'nobody can answer a comment that is not public',
        );

        // Another reader, another browser: no trace of it.
        const { page: other, problems: otherProblems } = await openPage();
        await other.goto(url);
        assert.equal(await other.locator('li.comment').count(), 0);
        assert.doesNotMatch(await other.content(), /My first words here|Awaiting moderation/);
        assert.equal(await other.locator('#comments-title').textContent(), 'No thoughts yet on “Held Comment Story”');

        await mine.getByRole('link', { name: 'Edit your comment' }).click();
        await page.waitForURL(/\/comments\/[^/]+\/edit$/);
        await page.getByLabel('Comment', { exact: true }).fill('My first words here, put better.');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.waitForURL((u) => u.pathname === `/articles/${article.slug}`);
        const edited = page.locator('li.comment-pending', { hasText: 'My first words here, put better.' });
        await edited.waitFor();
        assert.match((await edited.textContent()) ?? '', /\(edited\)[\s\S]*Awaiting moderation/);

        // The owner's own pages pass the accessibility check too (a copy of their browser, letting the checker in).
        const checker = await browser.newContext({ bypassCSP: true });
        await checker.addCookies(await page.context().cookies());
        const check = await checker.newPage();
        for (const path of [
          `/articles/${article.slug}`,
          `${new URL((await edited.getByRole('link', { name: 'Edit your comment' }).getAttribute('href')) ?? '', base).pathname}`,
        ]) {
          await check.goto(`${base}${path}`);
          assert.match(await check.content(), /My first words here, put better\./, path);
          await check.addScriptTag({ content: axeSource });
          const violations = await check.evaluate(
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
        await checker.close();

        await edited.getByRole('link', { name: 'Delete your comment' }).click();
        await page.getByRole('button', { name: 'Delete comment' }).click();
        await page.waitForURL((u) => u.pathname === `/articles/${article.slug}`);
        assert.equal(await page.locator('li.comment').count(), 0);
        assert.doesNotMatch(await page.content(), /My first words here/);
        assert.deepEqual([...problems, ...otherProblems], []);
      } finally {
        await updateSettings(t.deps, { holdFirstComments: false });
      }
    });

    it('can be used with the keyboard: Tab reaches the form and Enter posts', async () => {
      const article = await makeArticle(t.deps, { headline: 'Keyboard Story' });
      const { page } = await openPage();
      await page.goto(`${base}/articles/${article.slug}`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
      await page.getByLabel('Comment', { exact: true }).focus();
      await page.keyboard.type('Typed with the keyboard.');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Key Board');
      await page.keyboard.press('Tab');
      await page.keyboard.type('kb@example.org');
      await page.keyboard.press('Enter');
      await page.locator('li.comment', { hasText: 'Typed with the keyboard.' }).waitFor();
    });
  });
}
