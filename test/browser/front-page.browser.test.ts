// An editor arranges the front page in a real browser, with and without scripts; a phone-wide reader sees the
// stories after the lead as small thumbnails that download the smallest photo variant.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Article } from '../../src/modules/articles/index.ts';
import { createUser } from '../../src/modules/people/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`the front page desk in chromium on ${dialect}`, () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    const stories: Article[] = [];
    before(async () => {
      t = await createTestApp(dialect, { env: { PUBLIC_URL: 'http://127.0.0.1' } });
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const dir = path.join(t.deps.config.mediaDir, 'test');
      fs.mkdirSync(dir, { recursive: true });
      // Each story its own photo: a browser may reuse a larger variant it already holds instead of the one it needs.
      for (const [i, headline] of [
        'Quay Lights Replaced',
        'Market Moves Indoors',
        'Bridge Reopens Early',
        'Council Meets Tonight',
      ].entries()) {
        for (const width of [320, 1200]) {
          await sharp({
            create: { width, height: Math.round((width * 675) / 1200), channels: 3, background: '#4f7cac' },
          })
            .jpeg()
            .toFile(path.join(dir, `front-${i}-${width}.jpg`));
        }
        const featuredImage = {
          url: `/media/test/front-${i}-1200.jpg`,
          alt: 'A quay',
          caption: 'The quay. File photo',
          width: 1200,
          height: 675,
          srcset: `/media/test/front-${i}-320.jpg 320w, /media/test/front-${i}-1200.jpg 1200w`,
        };
        stories.push(
          await makeArticle(t.deps, { headline, publishAt: `2026-04-0${i + 1}T08:00:00.000Z`, featuredImage }),
        );
      }
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await t.close();
    });

    async function signIn(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
      const email = `editor-${Math.random().toString(36).slice(2, 8)}@newsroom.test`;
      await createUser(t.deps, { email, name: 'Front Page Editor', role: 'editor', password: PASSWORD });
      const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin\/articles/);
      return { page, problems };
    }
    const leadHeadline = async (page: Page) => {
      await page.goto(`${base}/`);
      return (await page.locator('.card-lead .card-headline').textContent())?.trim();
    };

    it('an editor without scripts makes an older story the lead and moves another up with buttons', async () => {
      const { page } = await signIn(false);
      await page.getByRole('link', { name: 'Front page', exact: true }).click();
      await page.getByRole('button', { name: `Make lead: ${stories[0]!.headline}` }).click();
      await page.waitForURL(/\/admin\/front-page\?done=1/);
      assert.match((await page.locator('.notice').textContent()) ?? '', /readers see the front page in this order now/);
      await page.getByRole('button', { name: `Add to top stories: ${stories[1]!.headline}` }).click();
      await page.waitForURL(/done=1/);
      await page.getByRole('button', { name: `Up: ${stories[1]!.headline}` }).click();
      await page.waitForURL(/done=1/);
      assert.deepEqual(await page.locator('.front-slot .front-headline').allTextContents(), [
        stories[1]!.headline,
        stories[0]!.headline,
      ]);
      assert.equal(await leadHeadline(page), stories[1]!.headline);
    });

    it('an editor with scripts drags a story into the lead', async () => {
      const { page, problems } = await signIn(true);
      await page.goto(`${base}/admin/front-page`);
      await page.getByRole('button', { name: `Add to top stories: ${stories[2]!.headline}` }).click();
      await page.waitForURL(/done=1/);
      await page.locator('.front-hint').waitFor();
      const slots = page.locator('.front-slot');
      assert.equal(await slots.count(), 3);
      await slots.nth(2).dragTo(slots.nth(0), { targetPosition: { x: 10, y: 2 } });
      await page.waitForURL(/done=1/);
      await page.locator('.front-slot').first().waitFor();
      assert.equal(await page.locator('.front-slot .front-headline').first().textContent(), stories[2]!.headline);
      assert.equal(await leadHeadline(page), stories[2]!.headline);
      assert.deepEqual(problems, []);
    });

    it('on a phone the cards after the lead show a small thumbnail from the smallest variant, the lead a full-width photo', async () => {
      const page = await (
        await browser.newContext({ viewport: { width: 375, height: 700 }, deviceScaleFactor: 2 })
      ).newPage();
      await page.goto(`${base}/`);
      const shape = await page.evaluate(async () => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('.card-list .card-image img')];
        for (const img of imgs) {
          img.loading = 'eager';
          await img.decode().catch(() => undefined);
        }
        const lead = document.querySelector<HTMLImageElement>('.card-lead img')!;
        const first = document.querySelector('.card-list .card')!;
        return {
          lead: Math.round(lead.getBoundingClientRect().width),
          thumbs: imgs.map((i) => Math.round(i.getBoundingClientRect().width)),
          sources: imgs.map((i) => new URL(i.currentSrc).pathname),
          // The thumbnail sits beside the headline: same row, to its inline end.
          beside: (() => {
            const image = first.querySelector('.card-image')!.getBoundingClientRect();
            const headline = first.querySelector('.card-headline')!.getBoundingClientRect();
            return image.left >= headline.right && image.top < headline.bottom;
          })(),
        };
      });
      assert.ok(shape.lead > 300, `the lead keeps a full-width photo (${shape.lead} px)`);
      assert.equal(shape.thumbs.length, 3);
      for (const width of shape.thumbs) assert.ok(width <= 100, `a thumbnail is small (${width} px)`);
      for (const source of shape.sources)
        assert.match(source, /^\/media\/test\/front-\d-320\.jpg$/, 'phones download the small variant');
      assert.ok(shape.beside, 'the thumbnail sits beside the headline');
      // The same page on a desk-wide screen still shows the larger photo beside each card.
      await page.setViewportSize({ width: 1200, height: 800 });
      const wide = await page.evaluate(() =>
        Math.round(document.querySelector('.card-list .card-image img')!.getBoundingClientRect().width),
      );
      assert.ok(wide > 150, `wide screens keep the larger picture (${wide} px)`);
    });
  });
}
