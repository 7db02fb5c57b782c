// A moderator works from a story in a real browser: from the desk's article list to the queue narrowed to that
// article, a search, and a pending question answered as staff, which readers then see with its answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/modules/people/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`moderating from the story in chromium on ${dialect}`, () => {
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

    for (const javaScriptEnabled of [true, false]) {
      // With scripts a moderator (whose desk opens on the queue) searches for it; without, an editor comes from the article list.
      const role = javaScriptEnabled ? ('moderator' as const) : ('editor' as const);
      it(`${role === 'editor' ? 'an' : 'a'} ${role} answers a pending question from the story's queue (${javaScriptEnabled ? 'with' : 'without'} scripts)`, async () => {
        const headline = `Pool Reopens After Repairs ${javaScriptEnabled ? 'A' : 'B'}`;
        const story = await makeArticle(t.deps, { headline });
        await makeArticle(t.deps, { headline: `Another Story ${javaScriptEnabled ? 'A' : 'B'}` });
        await updateSettings(t.deps, { holdFirstComments: true });
        const question = `Will the pool keep its early opening hours ${javaScriptEnabled ? 'A' : 'B'}?`;
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/articles/${story.slug}/comments`,
          remoteAddress: '192.0.2.44',
          payload: { name: 'Swimmer', email: `swimmer-${javaScriptEnabled}@example.org`, body: question },
        });
        assert.equal(res.json().status, 'pending');

        const email = `answering-editor-${javaScriptEnabled}@newsroom.test`;
        await createUser(t.deps, { email, name: 'Answering Staff', role, password: PASSWORD });
        const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        await page.goto(`${base}/admin/sign-in`);
        await page.getByLabel('Email', { exact: true }).fill(email);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        if (role === 'editor') {
          await page.waitForURL(/\/admin\/articles/);
          // From the article list: the story's pending count leads to its queue.
          await page
            .getByRole('row', { name: new RegExp(headline) })
            .getByRole('link', { name: '1 pending' })
            .click();
          await page.waitForURL(/\/admin\/moderation\?queue=pending&article=/);
          assert.match(
            (await page.locator('.queue-filter').textContent()) ?? '',
            new RegExp(`Comments on ${headline}`),
          );
          assert.equal(await page.locator('[data-comment]').count(), 1);
        } else {
          await page.waitForURL(/\/admin\/moderation$/);
        }
        // A search narrows the queue, by plain GET.
        await page.getByLabel('Search comments').fill(`opening hours ${javaScriptEnabled ? 'A' : 'B'}`);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL(/q=opening\+hours/);
        assert.equal(await page.locator('[data-comment]').count(), 1);

        await page.getByText('Approve and reply as staff').click();
        await page.getByLabel('Your reply to Swimmer').fill('Yes: from 6 am on weekdays, as before.');
        await page.getByRole('button', { name: 'Approve and publish reply' }).click();
        await page.waitForURL(/done=answer/);
        assert.match((await page.locator('.notice').textContent()) ?? '', /Approved, and your reply is published/);
        assert.equal(await page.locator('[data-comment]').count(), 0, 'the answered comment left the pending queue');

        await page.goto(`${base}/articles/${story.slug}`);
        const discussion = (await page.locator('#comments').textContent()) ?? '';
        assert.ok(discussion.includes(question), 'readers see the question');
        assert.ok(discussion.includes('Yes: from 6 am on weekdays, as before.'), "and the newsroom's answer");
        assert.equal(await page.locator('#comments .staff-badge').count(), 1);
        assert.deepEqual(problems, []);
        await updateSettings(t.deps, { holdFirstComments: false });
      });
    }
  });
}
