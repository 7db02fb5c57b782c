// The desk's newsroom voice in the discussion, over HTTP: editor's picks, staff replies with their badge,
// the ban list page, and the counts the queue's script polls. Every check reads back from the pages and the rows.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Article } from '../../src/modules/articles/index.ts';
import { countApprovedComments } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

let n = 0;
const address = () => `198.51.100.${(++n % 250) + 1}`;
const email = () => `reader${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const QUEUES = ['pending', 'reported', 'spam', 'trash', 'recent'] as const;

async function assertValid(html: string) {
  const report = await validator.validateString(html);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('\n'));
}

/** The page's headings in document order, as [level, text]. */
const headings = (html: string) =>
  [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map(
    (m) => [Number(m[1]), m[2].replace(/<[^>]+>/g, '')] as const,
  );

/** The picks box of an article page, or undefined when there is none. */
const picksOf = (html: string) => /<section class="editors-picks"[\s\S]*?<\/section>/.exec(html)?.[0];

for (const dialect of dialects) {
  describe(`staff in the discussion, from the desk, on ${dialect}`, () => {
    let t: TestApp;
    let moderator: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      moderator = await makeDeskUser(t.app, t.deps, 'moderator', 'Mona Moderator');
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, relaxedModeration));

    const post = async (
      a: Article,
      body: string,
      over: { email?: string; name?: string; parentId?: string; ip?: string } = {},
    ) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: over.ip ?? address(),
        payload: {
          name: over.name ?? 'Reader',
          email: over.email ?? email(),
          body,
          ...(over.parentId && { parentId: over.parentId }),
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; status: string };
    };
    const held = async (a: Article, body: string) => {
      await updateSettings(t.deps, { holdFirstComments: true });
      const c = await post(a, body);
      await updateSettings(t.deps, { holdFirstComments: false });
      assert.equal(c.status, 'pending');
      return c;
    };
    const article = (a: Article) => t.app.inject({ url: `/articles/${a.slug}` });
    const audited = async (action: string, subject: string) =>
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select(['actor_name'])
          .where('action', '=', action)
          .where('subject', '=', subject)
          .execute()
      ).map((r) => r.actor_name);
    const queue = async (q: string, who: DeskUser = moderator) => {
      const res = await t.app.inject({ url: `/admin/moderation?queue=${q}`, headers: { cookie: who.cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    };
    const countsOf = (html: string) =>
      Object.fromEntries(
        QUEUES.map((q) => [
          q,
          Number(new RegExp(`data-queue="${q}">[^<]*<span class="count">(\\d+)</span>`).exec(html)?.[1]),
        ]),
      );
    const idsIn = (html: string) => [...html.matchAll(/data-comment="([^"]+)"/g)].map((m) => m[1]);
    const snapshot = async (q: string, who: DeskUser = moderator) => {
      const res = await t.app.inject({
        url: `/admin/moderation/counts.json?queue=${q}`,
        headers: { cookie: who.cookie, accept: 'application/json' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.equal(res.headers['cache-control'], 'no-store');
      return res.json() as { queue: string; page: number; counts: Record<string, number>; ids: string[] };
    };
    const storedCountIsExact = async (a: Article) => {
      const row = await t.deps.db
        .selectFrom('articles')
        .select('comment_count')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.comment_count), await countApprovedComments(t.deps.db, a.id));
      return Number(row.comment_count);
    };

    it('features a comment: the article page shows it first under "Editor\'s picks", linked to its place, until it is unfeatured', async () => {
      const a = await makeArticle(t.deps, { headline: 'Lighthouse Keeper Retires' });
      const first = await post(a, 'My grandfather kept that light for thirty years.', { name: 'Ada Reader' });
      const pick = await post(a, 'She rowed out in the storm of 1987 to fix the lamp. Nobody else would.', {
        name: 'Bo Reader',
      });

      const before = await article(a);
      assert.equal(picksOf(before.body), undefined, 'no picks box while nothing is featured');
      assert.equal((await article(a)).headers['x-page-cache'], 'hit', 'the page is cached before the pick');

      const featured = await deskPost(t.app, moderator, `/admin/moderation/comments/${pick.id}/feature`, {
        featured: '1',
        queue: 'recent',
        page: '1',
      });
      assert.equal(featured.statusCode, 303);
      assert.equal(featured.headers.location, '/admin/moderation?queue=recent&done=feature');
      assert.deepEqual(await audited('comment.featured', pick.id), ['Mona Moderator']);

      const after = await article(a);
      assert.equal(after.headers['x-page-cache'], 'miss', 'featuring invalidated the cached page');
      const box = picksOf(after.body);
      assert.ok(box, 'the picks box is on the page');
      assert.match(box, /<h3 id="picks-title">Editor(&#39;|')s picks<\/h3>/);
      assert.match(box, /She rowed out in the storm of 1987/);
      assert.match(box, new RegExp(`href="/comments/${pick.id}"`), 'the copy links to the comment in the thread');
      assert.doesNotMatch(box, /My grandfather/, 'only the pick is copied');
      assert.ok(
        after.body.indexOf('editors-picks') < after.body.indexOf('class="comment-list"'),
        'the picks come first',
      );
      assert.equal(
        [...after.body.matchAll(new RegExp(`id="comment-${pick.id}"`, 'g'))].length,
        1,
        'the thread keeps the comment, once, with its anchor',
      );
      assert.match(after.body, new RegExp(`id="comment-${first.id}"`));
      assert.deepEqual(
        headings(after.body).map(([level]) => level),
        [1, 2, 3, 2],
        'headline, discussion, picks, the form: in order',
      );
      await assertValid(after.body);

      const permalink = await t.app.inject({ url: `/comments/${pick.id}` });
      assert.equal(permalink.headers.location, `/articles/${a.slug}#comment-${pick.id}`);

      const api = (await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json() as {
        comments: { id: string; featured: boolean }[];
      };
      assert.deepEqual(
        api.comments.map((c) => [c.id, c.featured]),
        [
          [first.id, false],
          [pick.id, true],
        ],
      );

      const html = await queue('recent');
      const entry = html.slice(html.indexOf(`data-comment="${pick.id}"`));
      assert.match(entry.slice(0, 600), /Editor(&#39;|')s pick/, 'the desk marks the pick');
      assert.match(entry, /<button type="submit" class="secondary">Unfeature<\/button>/);
      await assertValid(html);

      const unfeatured = await deskPost(t.app, moderator, `/admin/moderation/comments/${pick.id}/feature`, {
        featured: '0',
        queue: 'recent',
      });
      assert.equal(unfeatured.statusCode, 303);
      assert.deepEqual(await audited('comment.unfeatured', pick.id), ['Mona Moderator']);
      const gone = await article(a);
      assert.equal(gone.headers['x-page-cache'], 'miss');
      assert.equal(picksOf(gone.body), undefined);
      assert.match(gone.body, /She rowed out in the storm of 1987/, 'the comment itself stays in the thread');
    });

    it('refuses to feature a comment readers cannot see, and a nonsense choice, with a message', async () => {
      const a = await makeArticle(t.deps);
      const c = await held(a, 'Waiting for a moderator.');
      const refused = await deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}/feature`, {
        featured: '1',
        queue: 'pending',
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Only an approved comment can be featured: approve it first\./);
      const nonsense = await deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}/feature`, {
        featured: 'yes',
      });
      assert.equal(nonsense.statusCode, 422);
      assert.match(nonsense.body, /Choose Feature or Unfeature\./);
      const missing = await deskPost(
        t.app,
        moderator,
        '/admin/moderation/comments/0190a0a0-0000-7000-8000-000000000000/feature',
        { featured: '1' },
      );
      assert.equal(missing.statusCode, 404);
      const row = await t.deps.db
        .selectFrom('comments')
        .select('featured_at')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.featured_at, null);
      // A pick that is later trashed leaves the picks box, and the page, at once.
      const shown = await post(a, 'A fine point about the tides.');
      await deskPost(t.app, moderator, `/admin/moderation/comments/${shown.id}/feature`, { featured: '1' });
      assert.ok(picksOf((await article(a)).body));
      await deskPost(t.app, moderator, `/admin/moderation/comments/${shown.id}`, { action: 'trash', queue: 'recent' });
      assert.equal(picksOf((await article(a)).body), undefined);
    });

    it('publishes a staff reply under the comment with a Staff badge a reader cannot get by typing a staff name', async () => {
      const a = await makeArticle(t.deps, { headline: 'Pier Repairs Delayed' });
      const question = await post(a, 'Does anyone know when the pier reopens?', { name: 'Cy Reader' });
      const before = await storedCountIsExact(a);
      const replied = await deskPost(t.app, moderator, `/admin/moderation/comments/${question.id}/reply`, {
        body: 'The harbour office says the end of March.\n\nWe will update the article.',
        queue: 'recent',
        page: '1',
      });
      assert.equal(replied.statusCode, 303, replied.body);
      assert.equal(replied.headers.location, '/admin/moderation?queue=recent&done=reply');
      assert.equal(await storedCountIsExact(a), before + 1, 'the count moved with the reply');

      const row = await t.deps.db
        .selectFrom('comments')
        .selectAll()
        .where('parent_id', '=', question.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'approved');
      assert.equal(row.author_name, 'Mona Moderator', 'signed with the profile name');
      assert.equal(row.staff_user_id, moderator.id);
      assert.equal(row.depth, 1);
      assert.deepEqual(
        [row.author_email, row.ip],
        ['', ''],
        'no reader check by email or address ever sees a staff reply',
      );
      assert.deepEqual(await audited('comment.staff_reply', row.id), ['Mona Moderator']);

      // A reader borrows the moderator's name and email: same name, no badge.
      const fake = await post(a, 'I am the moderator, trust me.', { name: 'Mona Moderator', email: moderator.email });
      assert.equal(fake.status, 'approved');

      const page = await article(a);
      const thread = page.body.slice(page.body.indexOf(`id="comment-${question.id}"`));
      const staffItem =
        /<li class="comment" id="comment-[^"]+">[\s\S]*?<\/li>/.exec(
          thread.slice(thread.indexOf('<ol class="children">')),
        )?.[0] ?? '';
      assert.match(staffItem, new RegExp(`id="comment-${row.id}"`), 'threaded under the question');
      assert.match(
        staffItem,
        /<span class="comment-author"><bdi>Mona Moderator<\/bdi><\/span> <span class="staff-badge">Staff<\/span>/,
      );
      assert.match(staffItem, /The harbour office says the end of March\./);
      const fakeItem = page.body.slice(page.body.indexOf(`id="comment-${fake.id}"`)).split('</article>')[0];
      assert.match(fakeItem, /Mona Moderator/);
      assert.doesNotMatch(fakeItem, /staff-badge/, 'a reader typing a staff name gets no badge');
      assert.equal([...page.body.matchAll(/class="staff-badge"/g)].length, 1);
      await assertValid(page.body);

      const api = (await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json() as {
        commentCount: number;
        comments: { id: string; byStaff: boolean; replies: { id: string; byStaff: boolean }[] }[];
      };
      assert.equal(api.commentCount, before + 2);
      const q = api.comments.find((c) => c.id === question.id);
      assert.deepEqual(
        q?.replies.map((r) => [r.id, r.byStaff]),
        [[row.id, true]],
      );
      assert.equal(api.comments.find((c) => c.id === fake.id)?.byStaff, false);
      assert.equal(JSON.stringify(api).includes(moderator.email), false, 'the staff email never leaves the server');

      const desk = await queue('recent');
      const entry = desk.slice(desk.indexOf(`data-comment="${row.id}"`)).split('</article>')[0];
      assert.match(
        entry,
        /<strong class="mod-author"><bdi>Mona Moderator<\/bdi><\/strong> <span class="staff-badge">Staff<\/span>/,
      );
      assert.match(entry, /written at the desk by staff/);
      assert.doesNotMatch(entry, /class="mod-ban"/, 'no ban form that would ban the newsroom itself');
      await assertValid(desk);
    });

    it('refuses an empty reply with the form shown again, and a reply to a comment readers cannot see', async () => {
      const a = await makeArticle(t.deps);
      const c = await post(a, 'A question.');
      const empty = await deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}/reply`, {
        body: '   ',
        queue: 'recent',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Write your reply\./);
      assert.match(empty.body, /<details class="mod-reply" open>/);
      await assertValid(empty.body);
      const long = await deskPost(t.app, moderator, `/admin/moderation/comments/${c.id}/reply`, {
        body: 'x'.repeat(5001),
        queue: 'recent',
      });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /at most 5000 characters/);
      const pending = await held(a, 'Not yet approved.');
      const refused = await deskPost(t.app, moderator, `/admin/moderation/comments/${pending.id}/reply`, {
        body: 'Hello',
        queue: 'pending',
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Approve the comment before replying to it in public\./);
      assert.equal(await storedCountIsExact(a), 1, 'nothing was stored');
    });

    it('lists bans, adds one with clear messages for bad input, refuses the banned email, and lifts it, audited', async () => {
      const a = await makeArticle(t.deps);
      const troll = email();
      const page = async () => {
        const res = await t.app.inject({ url: '/admin/moderation/bans', headers: { cookie: moderator.cookie } });
        assert.equal(res.statusCode, 200);
        return res.body;
      };
      assert.match(await queue('pending'), /href="\/admin\/moderation\/bans"/, 'the queue links to the ban list');
      await assertValid(await page());

      const add = (fields: Record<string, string>) => deskPost(t.app, moderator, '/admin/moderation/bans', fields);
      const noTarget = await add({ email: '', ip: '', reason: 'Trolling' });
      assert.equal(noTarget.statusCode, 422);
      assert.match(noTarget.body, /Name an email address, an IP address or range, or both\./);
      assert.match(noTarget.body, /value="Trolling"/, 'what was typed is kept');
      const badIp = await add({ email: '', ip: '300.1.2.3/99', reason: 'Trolling' });
      assert.equal(badIp.statusCode, 422);
      assert.match(
        badIp.body,
        /<p class="field-error" id="ban-ip-error">Give an IP address \(203\.0\.113\.7\) or a range/,
      );
      assert.match(badIp.body, /id="ban-ip" name="ip" maxlength="50" value="300\.1\.2\.3\/99" aria-invalid="true"/);
      await assertValid(badIp.body);
      const noReason = await add({ email: troll, ip: '', reason: ' ' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /Say why, in 1 to 500 characters\./);
      const badEmail = await add({ email: 'not-an-email', reason: 'x' });
      assert.equal(badEmail.statusCode, 422);
      assert.match(badEmail.body, /Give a whole email address/);
      assert.equal(
        (await t.deps.db.selectFrom('commenter_bans').select('id').execute()).length,
        0,
        'nothing stored from bad input',
      );

      const added = await add({ email: troll, ip: '203.0.113.0/24', reason: 'Advertising boats' });
      assert.equal(added.statusCode, 303);
      assert.equal(added.headers.location, '/admin/moderation/bans?done=added');
      const ban = await t.deps.db.selectFrom('commenter_bans').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(await audited('commenter.banned', ban.id), ['Mona Moderator']);
      const listed = await t.app.inject({
        url: added.headers.location as string,
        headers: { cookie: moderator.cookie },
      });
      assert.match(listed.body, /Banned: their posts are refused from now on\./);
      const tableRow = listed.body.slice(listed.body.indexOf(`data-ban="${ban.id}"`)).split('</tr>')[0];
      for (const text of [troll, '203.0.113.0/24', 'Advertising boats', 'Mona Moderator'])
        assert.ok(tableRow.includes(text), `the row shows ${text}`);
      assert.match(tableRow, /<time datetime="/);
      await assertValid(listed.body);

      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: address(),
        payload: { name: 'T', email: troll, body: 'Buy boats' },
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'commenter_banned');
      const byRange = await t.app.inject({
        method: 'POST',
        url: `/articles/${a.slug}/comments`,
        remoteAddress: '203.0.113.50',
        headers: formHeaders,
        payload: new URLSearchParams({ name: 'X', email: email(), comment: 'Hi' }).toString(),
      });
      assert.equal(byRange.statusCode, 403);
      assert.match(byRange.body, /the moderators have banned it/);

      const lifted = await deskPost(t.app, moderator, `/admin/moderation/bans/${ban.id}/lift`, {});
      assert.equal(lifted.statusCode, 303);
      assert.equal(lifted.headers.location, '/admin/moderation/bans?done=lifted');
      assert.deepEqual(await audited('commenter.ban_lifted', ban.id), ['Mona Moderator']);
      assert.doesNotMatch(await page(), new RegExp(`data-ban="${ban.id}"`));
      await post(a, 'I promise to behave.', { email: troll, ip: '203.0.113.51' });

      const again = await deskPost(t.app, moderator, `/admin/moderation/bans/${ban.id}/lift`, {});
      assert.equal(again.statusCode, 404);
      assert.match(again.body, /There is no ban with that id/);
    });

    it("answers the queue's counts and ids as the queue page shows them, before and after decisions and new comments", async () => {
      const a = await makeArticle(t.deps);
      const check = async (q: string) => {
        const [json, html] = [await snapshot(q), await queue(q)];
        assert.deepEqual(json.counts, countsOf(html), `${q}: the counts are the tabs'`);
        assert.deepEqual(json.ids, idsIn(html), `${q}: the ids are the page's`);
        const sql = await t.deps.db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow();
        assert.equal(json.counts.pending, Number(sql.n), 'pending is what the table holds');
        return json;
      };
      const start = await check('pending');
      const c1 = await held(a, 'First held');
      const afterOne = await check('pending');
      assert.equal(afterOne.counts.pending, start.counts.pending + 1);
      assert.equal(afterOne.ids[0], c1.id, 'the new comment is first');
      const c2 = await held(a, 'Second held');
      await deskPost(t.app, moderator, `/admin/moderation/comments/${c1.id}`, { action: 'spam', queue: 'pending' });
      const afterSpam = await check('pending');
      assert.equal(afterSpam.counts.pending, start.counts.pending + 1);
      assert.ok(afterSpam.ids.includes(c2.id) && !afterSpam.ids.includes(c1.id));
      await check('spam');
      await check('recent');
      const odd = await snapshot('nonsense');
      assert.equal(odd.queue, 'pending', 'an unknown queue reads as pending, like the page');
    });

    it('is only for moderators, editors and admins', async () => {
      const a = await makeArticle(t.deps);
      const c = await post(a, 'Not for authors.');
      const ban = await deskPost(t.app, moderator, '/admin/moderation/bans', { email: email(), reason: 'Setup' });
      assert.equal(ban.statusCode, 303);
      const banId = (
        await t.deps.db
          .selectFrom('commenter_bans')
          .select('id')
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
      for (const role of ['author', 'contributor'] as const) {
        const who = await makeDeskUser(t.app, t.deps, role);
        assert.equal(
          (await t.app.inject({ url: '/admin/moderation/bans', headers: { cookie: who.cookie } })).statusCode,
          403,
        );
        assert.equal(
          (
            await t.app.inject({
              url: '/admin/moderation/counts.json',
              headers: { cookie: who.cookie, accept: 'application/json' },
            })
          ).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, `/admin/moderation/comments/${c.id}/feature`, { featured: '1' })).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, `/admin/moderation/comments/${c.id}/reply`, { body: 'Hi' })).statusCode,
          403,
        );
        assert.equal(
          (await deskPost(t.app, who, '/admin/moderation/bans', { email: email(), reason: 'No' })).statusCode,
          403,
        );
        assert.equal((await deskPost(t.app, who, `/admin/moderation/bans/${banId}/lift`, {})).statusCode, 403);
      }
      const anonymous = await t.app.inject({ url: '/admin/moderation/counts.json' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/admin\/sign-in/);
      const anonymousPost = await t.app.inject({
        method: 'POST',
        url: `/admin/moderation/comments/${c.id}/reply`,
        headers: formHeaders,
        payload: 'body=Hi',
      });
      assert.equal(anonymousPost.statusCode, 401);
      const forged = await t.app.inject({
        method: 'POST',
        url: `/admin/moderation/comments/${c.id}/feature`,
        headers: { ...formHeaders, cookie: moderator.cookie },
        payload: 'featured=1&_token=forged',
      });
      assert.equal(forged.statusCode, 403, 'the desk form token is required');
      const row = await t.deps.db
        .selectFrom('comments')
        .select(['featured_at'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.featured_at, null);
      assert.equal(
        (await t.deps.db.selectFrom('comments').select('id').where('parent_id', '=', c.id).execute()).length,
        0,
      );
      assert.equal(
        (await t.deps.db.selectFrom('commenter_bans').select('id').where('id', '=', banId).execute()).length,
        1,
      );
    });
  });
}
