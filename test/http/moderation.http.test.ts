// The moderation rules as readers and moderators meet them over HTTP: the API's answers, the form's pages,
// the Report link and page, and the staff endpoints for decisions and bans.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let n = 0;
const address = () => `192.0.2.${(++n % 250) + 1}`;
const email = () => `reader${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;

for (const dialect of dialects) {
  describe(`moderation over HTTP on ${dialect}`, () => {
    let t: TestApp;
    let moderator: Awaited<ReturnType<typeof makeStaff>>;
    before(async () => {
      t = await createTestApp(dialect);
      moderator = await makeStaff(t.deps, 'moderator', 'Mo Derator');
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, { ...relaxedModeration, reportThreshold: 3 }));

    const api = (slug: string, payload: object, remoteAddress = address()) =>
      t.app.inject({ method: 'POST', url: `/api/articles/${slug}/comments`, remoteAddress, payload });
    const postForm = (
      slug: string,
      fields: Record<string, string>,
      remoteAddress = address(),
      headers: Record<string, string> = formHeaders,
    ) =>
      t.app.inject({
        method: 'POST',
        url: `/articles/${slug}/comments`,
        remoteAddress,
        headers,
        payload: form(fields),
      });

    it('answers a second post within N seconds with 429, Retry-After and a clear message, on the API and the form', async () => {
      await updateSettings(t.deps, { floodSeconds: 15 });
      const a = await makeArticle(t.deps);
      const ip = address();
      assert.equal((await api(a.slug, { name: 'Ana', email: email(), body: 'One' }, ip)).statusCode, 201);
      const again = await api(a.slug, { name: 'Ana', email: email(), body: 'Two' }, ip);
      assert.equal(again.statusCode, 429);
      assert.equal(again.headers['retry-after'], '15');
      assert.equal(again.json().error.code, 'comment_flood');
      assert.match(
        again.json().error.message,
        /^Slow down: this site takes one comment every 15 seconds from each reader\. Wait 15 seconds/,
      );
      const page = await postForm(a.slug, { name: 'Ana', email: email(), comment: 'Three' }, ip);
      assert.equal(page.statusCode, 429);
      assert.equal(page.headers['retry-after'], '15');
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /<p>Slow down: this site takes one comment every 15 seconds/);
      assert.equal((await api(a.slug, { name: 'Bo', email: email(), body: 'Other reader' })).statusCode, 201);
    });

    it('tells a reader who repeats themselves "You already said that" with 409', async () => {
      await updateSettings(t.deps, { duplicateWindowMinutes: 60 });
      const a = await makeArticle(t.deps);
      const who = { name: 'Ana', email: email(), body: 'Bring back the night ferry.' };
      assert.equal((await api(a.slug, who)).statusCode, 201);
      const again = await api(a.slug, who);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'duplicate_comment');
      const script = await postForm(a.slug, { name: who.name, email: who.email, comment: who.body }, address(), {
        ...formHeaders,
        accept: 'application/json',
      });
      assert.equal(script.statusCode, 409);
      assert.match(script.json().error.message, /^You already said that/);
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount, 1);
    });

    it('tells a reader whose comment is held that it awaits moderation, on the form and to the script, and shows it to nobody', async () => {
      await updateSettings(t.deps, { holdFirstComments: true });
      const a = await makeArticle(t.deps);
      const res = await postForm(a.slug, { name: 'New', email: email(), comment: 'My very first comment' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/articles/${a.slug}?comment=held#respond`);
      const notice = await t.app.inject({ url: res.headers.location as string });
      assert.match(notice.body, /<p class="form-notice" role="status">Thank you\. Your comment is awaiting moderation/);
      assert.equal(notice.headers['cache-control'], 'private, no-store');
      const script = await postForm(a.slug, { name: 'New', email: email(), comment: 'Another first' }, address(), {
        ...formHeaders,
        accept: 'application/json',
      });
      assert.equal(script.statusCode, 201);
      assert.equal(script.json().status, 'pending');
      assert.match(
        script.json().html,
        /^<li class="comment comment-pending"[\s\S]*Awaiting moderation[\s\S]*Another first/,
        'shown in place to its poster alone',
      );
      assert.match(script.json().notice, /awaiting moderation/);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.doesNotMatch(page.body, /My very first comment|Another first|form-notice/);
    });

    it('files a post sent faster than a person could type as spam, judging only posts that carry the measured time', async () => {
      await updateSettings(t.deps, { minTypingSeconds: 3 });
      const a = await makeArticle(t.deps);
      const fast = await postForm(a.slug, { name: 'Bot', email: email(), comment: 'Instant text', typingMs: '150' });
      assert.equal(fast.headers.location, `/articles/${a.slug}#comments`, 'spam is not told');
      const human = await postForm(a.slug, {
        name: 'Ana',
        email: email(),
        comment: 'Typed with care',
        typingMs: '9000',
      });
      // An approved comment's redirect is its permalink.
      assert.match(String(human.headers.location), /^\/comments\/[0-9a-f-]+$/);
      const plain = await postForm(a.slug, { name: 'Cy', email: email(), comment: 'No script here' });
      assert.match(String(plain.headers.location), /^\/comments\/[0-9a-f-]+$/);
      const viaApi = await api(a.slug, { name: 'App', email: email(), body: 'Quick app', typingMs: 10 });
      assert.equal(viaApi.json().status, 'spam');
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount, 2);
    });

    it('lets moderators ban and lift bans over the API; banned posts are refused with a clear message', async () => {
      const a = await makeArticle(t.deps);
      const banned = email();
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/commenter-bans',
        headers: bearer(moderator.token),
        payload: { email: banned, ip: '198.51.100.0/24', reason: 'Threats' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const ban = created.json();
      assert.deepEqual(
        { ...ban, id: undefined, createdAt: undefined },
        { id: undefined, email: banned, ip: '198.51.100.0/24', reason: 'Threats', createdAt: undefined },
      );
      for (const [who, ip] of [
        [banned, address()],
        [email(), '198.51.100.77'],
      ]) {
        const res = await api(a.slug, { name: 'X', email: who, body: 'Let me in' }, ip);
        assert.equal(res.statusCode, 403);
        assert.equal(res.json().error.code, 'commenter_banned');
        assert.match(res.json().error.message, /not accepted/);
      }
      const page = await postForm(a.slug, { name: 'X', email: banned, comment: 'Form too' });
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /the moderators have banned it/);
      assert.ok(
        (await t.app.inject({ url: '/api/commenter-bans', headers: bearer(moderator.token) }))
          .json()
          .some((b: { id: string }) => b.id === ban.id),
      );
      assert.equal((await t.app.inject({ url: '/api/commenter-bans' })).statusCode, 401);
      const author = await makeStaff(t.deps, 'author');
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/commenter-bans',
            headers: bearer(author.token),
            payload: { email: 'a@b.example', reason: 'x' },
          })
        ).statusCode,
        403,
      );
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/commenter-bans',
        headers: bearer(moderator.token),
        payload: { ip: '300.1.1.1', reason: 'x' },
      });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.field, 'ip');
      assert.equal(
        (
          await t.app.inject({
            method: 'DELETE',
            url: `/api/commenter-bans/${ban.id}`,
            headers: bearer(moderator.token),
          })
        ).statusCode,
        204,
      );
      assert.equal((await api(a.slug, { name: 'X', email: banned, body: 'Back again' })).statusCode, 201);
    });

    it('takes reader reports on the API, once per reader, and holds the comment at the threshold', async () => {
      const a = await makeArticle(t.deps);
      const c = (await api(a.slug, { name: 'Ana', email: email(), body: 'Contested view' })).json();
      const report = (payload: object, remoteAddress: string) =>
        t.app.inject({ method: 'POST', url: `/api/comments/${c.id}/reports`, remoteAddress, payload });
      const first = await report({ reason: 'Insulting' }, '203.0.113.1');
      assert.equal(first.statusCode, 201);
      assert.deepEqual(first.json(), { commentId: c.id, message: 'Thank you. A moderator will look at this comment.' });
      const twice = await report({ reason: 'Still insulting' }, '203.0.113.1');
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, 'already_reported');
      assert.equal((await report({}, '203.0.113.9')).statusCode, 400);
      assert.equal((await report({ reason: ' ' }, '203.0.113.9')).json().error.code, 'reason_required');
      assert.equal((await report({ reason: 'Off topic' }, '203.0.113.2')).statusCode, 201);
      assert.match((await t.app.inject({ url: `/articles/${a.slug}` })).body, /Contested view/);
      assert.equal((await report({ reason: 'Spam' }, '203.0.113.3')).statusCode, 201);
      assert.doesNotMatch(
        (await t.app.inject({ url: `/articles/${a.slug}` })).body,
        /Contested view/,
        'held: gone from the cached page',
      );
      assert.equal((await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount, 0);
      assert.equal((await report({ reason: 'Late' }, '203.0.113.4')).statusCode, 404);

      const staffView = await t.app.inject({ url: `/api/comments/${c.id}`, headers: bearer(moderator.token) });
      assert.equal(staffView.statusCode, 200);
      const seen = staffView.json();
      assert.equal(seen.status, 'pending');
      assert.deepEqual(
        seen.decisions.map((d: { rule: string }) => d.rule),
        ['passed', 'reports'],
      );
      assert.equal(seen.reports.length, 3);
      assert.equal((await t.app.inject({ url: `/api/comments/${c.id}` })).statusCode, 401);
      const contributor = await makeStaff(t.deps, 'contributor');
      assert.equal(
        (await t.app.inject({ url: `/api/comments/${c.id}`, headers: bearer(contributor.token) })).statusCode,
        403,
      );
    });

    it('puts the same Report link on every comment for every reader, leading to a small page that works without script', async () => {
      const a = await makeArticle(t.deps, { headline: 'Reportable Story' });
      const c = (await api(a.slug, { name: 'Ana <b>', email: email(), body: 'Report <i>me</i>' })).json();
      const one = await t.app.inject({ url: `/articles/${a.slug}`, remoteAddress: '203.0.113.20' });
      const other = await t.app.inject({ url: `/articles/${a.slug}`, remoteAddress: '203.0.113.21' });
      assert.equal(one.body, other.body, 'the same bytes for every reader');
      assert.match(
        one.body,
        new RegExp(
          `<a class="report-link" href="/comments/${c.id}/report" rel="nofollow" aria-label="Report the comment by Ana &lt;b>">Report</a>`,
        ),
      );

      const url = `/comments/${c.id}/report`;
      const page = await t.app.inject({ url });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Report a comment<\/h1>/);
      assert.match(
        page.body,
        /<blockquote class="reported-comment comment-body"><p>Report &lt;i&gt;me&lt;\/i&gt;<\/p>/,
      );
      assert.match(page.body, new RegExp(`<form class="comment-form" method="post" action="${url}">`));
      assert.match(page.body, new RegExp(`href="/articles/${a.slug}#comment-${c.id}">Reportable Story</a>`));

      const empty = await t.app.inject({
        method: 'POST',
        url,
        headers: formHeaders,
        remoteAddress: '203.0.113.30',
        payload: form({ reason: '' }),
      });
      assert.equal(empty.statusCode, 422);
      assert.match(
        empty.body,
        /<p class="field-error" id="reason-error">Please say what is wrong with this comment\.<\/p>/,
      );
      const sent = await t.app.inject({
        method: 'POST',
        url,
        headers: formHeaders,
        remoteAddress: '203.0.113.30',
        payload: form({ reason: 'Rude <script>' }),
      });
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `${url}?sent=1`);
      assert.match(
        (await t.app.inject({ url: `${url}?sent=1` })).body,
        /Thank you\. A moderator will look at this comment\./,
      );
      const again = await t.app.inject({
        method: 'POST',
        url,
        headers: formHeaders,
        remoteAddress: '203.0.113.30',
        payload: form({ reason: 'Again' }),
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /You have already reported this comment/);
      const cross = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...formHeaders, 'sec-fetch-site': 'cross-site' },
        payload: form({ reason: 'x' }),
      });
      assert.equal(cross.statusCode, 403);
      assert.equal((await t.app.inject({ url: '/comments/not-an-id/report' })).statusCode, 404);
      const staff = (await t.app.inject({ url: `/api/comments/${c.id}`, headers: bearer(moderator.token) })).json();
      assert.deepEqual(
        staff.reports.map((r: { reason: string }) => r.reason),
        ['Rude <script>'],
      );
    });
  });
}
