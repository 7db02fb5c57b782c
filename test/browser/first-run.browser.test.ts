// A newcomer's first hour in a real browser against a real server process (`npm start` with the demo newsroom):
// the first admin made with the setup code from the log; the link limit changed on the desk and applied to the
// next comment; a returning reader's name and email filled in on the next visit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { createTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type RunningServer } from '../support/processes.ts';

describe('first run in chromium (SQLite, a real server process)', () => {
  let db: TestDb;
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  before(async () => {
    db = await createTestDb('sqlite');
    server = await startServer({ ...db.env, COMMENT_RATE_LIMIT: 'off' });
    browser = await launchBrowser();
    staff = await browser.newContext();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.drop();
  });

  it('makes the first admin with the code from the log, then the setup page is gone', async () => {
    const code = /setup code ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})/.exec(server.output())?.[1];
    assert.ok(code, `the log names the setup code:\n${server.output().slice(-2000)}`);
    const page = await staff.newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Create the first admin account' }).click();
    await page.getByLabel('Setup code').fill('WRNG-WRNG-WRNG-WRNG');
    await page.getByLabel('Your name (as on bylines)').fill('Rosa Admin');
    await page.getByLabel('Email (you sign in with it)').fill('rosa@ledger.test');
    await page.getByLabel('Password (at least 10 characters)').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    assert.match(await page.locator('#code-error').innerText(), /That is not the setup code/);
    assert.equal(
      await page.getByLabel('Your name (as on bylines)').inputValue(),
      'Rosa Admin',
      'what was typed is kept',
    );
    await page.getByLabel('Setup code').fill(code);
    await page.getByLabel('Password (at least 10 characters)').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.waitForURL(/\/admin\/articles$/);
    assert.match(await page.locator('.desk-bar').innerText(), /Rosa Admin/);
    await page.goto(`${server.url}/admin/setup`);
    // Gone: to the sign-in, which sends someone signed in on to their work.
    assert.match(page.url(), /\/admin\/(sign-in|articles)$/, 'the first-run page is gone once an admin exists');
    assert.equal(await page.getByLabel('Setup code').count(), 0);
    await page.close();
  });

  it('the admin lowers the link limit on the desk; a comment with a link is then held, one without appears', async () => {
    const desk = await staff.newPage();
    await desk.goto(`${server.url}/admin/settings`);
    await desk.getByRole('link', { name: 'Discussion' }).click();
    assert.match(await desk.locator('#moderationLinkLimit-help').innerText(), /Default: 2\./);
    await desk.getByLabel('Link limit').fill('1');
    // Judge by links alone: no hold for newcomers, no pause between this test's comments or typing speed check.
    await desk.getByLabel('Hold first comments').uncheck();
    await desk.getByLabel('Seconds between comments').fill('0');
    await desk.getByLabel('Typing speed (seconds)').fill('0');
    await desk.getByRole('button', { name: 'Save discussion settings' }).click();
    await desk.waitForURL(/done=1/);
    assert.equal(await desk.getByLabel('Link limit').inputValue(), '1');

    const reader = await browser.newContext();
    const page = await reader.newPage();
    await page.goto(`${server.url}/`);
    const first = await page.locator('main a[href^="/articles/"]').first().getAttribute('href');
    await page.goto(`${server.url}${first}`);
    await page.locator('#comment-name').fill('Returning Reader');
    await page.locator('#comment-email').fill('returning@example.org');
    await page.locator('#comment-remember').check();
    await page
      .locator('textarea[name="comment"]')
      .fill('One link only: https://example.org/harbour for the timetable.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.locator('#respond .form-notice').waitFor();
    assert.match(await page.locator('#respond .form-notice').innerText(), /moderat/i);
    await page.locator('textarea[name="comment"]').fill('No links in this one, just thanks for the story.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByText('No links in this one, just thanks for the story.').first().waitFor();
    assert.equal(await page.locator('li.comment', { hasText: 'No links in this one' }).count(), 1);

    // The next visit: the page is the same for everyone, its script fills in what this browser kept.
    const next = await reader.newPage();
    await next.goto(`${server.url}${first}`);
    await next.waitForFunction(
      () => (document.querySelector('#comment-name') as HTMLInputElement | null)?.value !== '',
    );
    assert.equal(await next.locator('#comment-name').inputValue(), 'Returning Reader');
    assert.equal(await next.locator('#comment-email').inputValue(), 'returning@example.org');
    assert.ok(await next.locator('#comment-remember').isChecked());
    // A reader who unticks it is forgotten.
    await next.locator('#comment-remember').uncheck();
    await next.locator('textarea[name="comment"]').fill('Forget me now, please, and thank you.');
    await next.getByRole('button', { name: 'Post comment' }).click();
    await next.getByText('Forget me now, please').first().waitFor();
    const third = await reader.newPage();
    await third.goto(`${server.url}${first}`);
    assert.equal(await third.locator('#comment-name').inputValue(), '');
    await reader.close();
  });
});
