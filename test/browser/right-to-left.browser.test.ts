// A right-to-left language: a small Arabic catalogue (partial: the rest falls back to English key by key) makes the
// page say dir="rtl", and the stylesheet, written with logical properties, mirrors the layout in a real browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { postComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/locales/', import.meta.url));
const STYLESHEET = new URL('../../src/web/assets/style.css', import.meta.url);

describe('a right-to-left site', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let slug: string;

  before(async () => {
    t = await createTestApp('sqlite', { localesDirs: [FIXTURES] });
    await updateSettings(t.deps, { language: 'ar' });
    const article = await makeArticle(t.deps, { headline: 'المد في الميناء' });
    slug = article.slug;
    const parent = await postComment(t.deps, {
      slug,
      name: 'سلمى',
      email: 'salma@reader.test',
      body: 'أول تعليق',
      ip: '203.0.113.9',
      userAgent: 'test',
    });
    await postComment(t.deps, {
      slug,
      name: 'يوسف',
      email: 'yusuf@reader.test',
      body: 'رد على التعليق',
      parentId: parent.id,
      ip: '203.0.113.10',
      userAgent: 'test',
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t.close();
  });

  it('writes its stylesheet with logical properties only, so it can mirror', () => {
    const css = fs.readFileSync(STYLESHEET, 'utf8');
    assert.deepEqual(css.match(/[^;{}]*\b(left|right)\b[^;{}]*/g) ?? [], []);
  });

  it('says dir="rtl" and speaks Arabic where the catalogue has the words, English where it has not', async () => {
    const res = await t.app.inject({ url: `/articles/${slug}` });
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /تعليقان على «المد في الميناء»/);
    assert.match(res.body, /اترك تعليقًا/);
    assert.match(res.body, />Report</, 'a message the partial catalogue lacks falls back to English');
  });

  it('mirrors the page in a browser: replies indent from the right, the rule on their right side', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/articles/${slug}`);
    const layout = await page.evaluate(() => {
      const replies = document.querySelector('.children') as HTMLElement;
      const style = getComputedStyle(replies);
      const list = document.querySelector('.comment-list') as HTMLElement;
      return {
        direction: getComputedStyle(document.body).direction,
        borderRight: parseFloat(style.borderRightWidth),
        borderLeft: parseFloat(style.borderLeftWidth),
        marginRight: parseFloat(style.marginRight),
        marginLeft: parseFloat(style.marginLeft),
        repliesRight: replies.getBoundingClientRect().right,
        listRight: list.getBoundingClientRect().right,
      };
    });
    await page.close();
    assert.equal(layout.direction, 'rtl');
    assert.ok(layout.borderRight > 0 && layout.borderLeft === 0, JSON.stringify(layout));
    assert.ok(layout.marginRight > 0 && layout.marginLeft === 0, JSON.stringify(layout));
    assert.ok(
      layout.repliesRight < layout.listRight,
      `replies start inside the list from the right: ${JSON.stringify(layout)}`,
    );
  });
});
