import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { dialects, redisUrl } from '../support/databases.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';
import { hostileControls, hostileStrings } from '../fixtures/hostile-strings.ts';

const naughtyStrings = sharedCorpus('testdata/naughty-strings');
const naughty = (): string[] => JSON.parse(fs.readFileSync(naughtyStrings.file('blns.json'), 'utf8'));

for (const dialect of dialects) {
  describe(`the comment form on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const postForm = (slug: string, fields: Record<string, string>, headers: Record<string, string> = formHeaders) =>
      t.app.inject({ method: 'POST', url: `/articles/${slug}/comments`, headers, payload: form(fields) });

    it('posts as a plain HTML form and redirects back to the new comment', async () => {
      const a = await makeArticle(t.deps);
      const res = await postForm(a.slug, {
        name: 'Ana',
        email: 'ana@example.org',
        website: '',
        comment: 'From the form',
        parentId: '',
        fax: '',
      });
      assert.equal(res.statusCode, 303);
      // The comment's permalink, which knows the page of the discussion it is on.
      const id = /^\/comments\/([0-9a-f-]+)$/.exec(String(res.headers.location))?.[1];
      assert.ok(id, String(res.headers.location));
      const found = await t.app.inject({ url: String(res.headers.location) });
      assert.equal(found.headers.location, `/articles/${a.slug}#comment-${id}`);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.match(page.body, new RegExp(`id="comment-${id}"[\\s\\S]*From the form`));
    });

    it('offers returning readers to be remembered without changing the page: hidden until the script shows it; the box is ignored by the server', async () => {
      const a = await makeArticle(t.deps);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.match(
        page.body,
        /<p class="field checkbox-field remember-field" hidden><input id="comment-remember" name="remember" type="checkbox" value="1"\/> <label for="comment-remember">Save my name, email and website in this browser for the next time I comment<\/label><\/p>/,
      );
      assert.doesNotMatch(page.body, /<script>/, "no inline script: the page's own discussion.js fills the fields in");
      const script = await t.app.inject({ url: /src="(\/assets\/discussion\.js[^"]*)"/.exec(page.body)![1] });
      assert.match(script.body, /localStorage/);
      const res = await postForm(a.slug, {
        name: 'Ana',
        email: 'ana-remember@example.org',
        comment: 'Remember me',
        remember: '1',
      });
      assert.equal(res.statusCode, 303);
      const again = await t.app.inject({
        url: `/articles/${a.slug}`,
        headers: { cookie: String(res.headers['set-cookie'] ?? '') },
      });
      assert.doesNotMatch(again.body, /value="ana-remember@example.org"/, 'the server never fills the fields in');
    });

    it('answers the page script with JSON: the new comment rendered and the new heading', async () => {
      const a = await makeArticle(t.deps, { headline: 'Script Post' });
      const res = await postForm(
        a.slug,
        { name: 'Js', email: 'js@example.org', comment: 'Posted without reload' },
        { ...formHeaders, accept: 'application/json' },
      );
      assert.equal(res.statusCode, 201);
      const body = res.json();
      assert.match(body.html, /^<li class="comment" id="comment-/);
      assert.match(body.html, /Posted without reload/);
      assert.equal(body.heading, 'One thought on “Script Post”');
    });

    it('shows the form again with 422, what was typed, and the message beside the field', async () => {
      const a = await makeArticle(t.deps);
      const res = await postForm(a.slug, {
        name: 'Ana',
        email: 'not-an-email',
        comment: 'Keep this text <b>please</b>',
      });
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /<input id="comment-email" name="email" type="email"[^>]*value="not-an-email" aria-invalid="true" aria-describedby="email-error"\/>/,
      );
      assert.match(res.body, /<p class="field-error" id="email-error">Please give a valid email address/);
      assert.match(res.body, /Keep this text &lt;b>please&lt;\/b><\/textarea>/);
      assert.equal(res.headers['cache-control'], 'private, no-store');
    });

    it('refuses a closed discussion on the form path too', async () => {
      const a = await makeArticle(t.deps, { commentStatus: 'closed' });
      const res = await postForm(a.slug, { name: 'Ana', email: 'ana@example.org', comment: 'Too late' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Comments are closed on this article\./);
    });

    it('refuses posts that a browser says come from another site, and accepts same-site ones', async () => {
      const a = await makeArticle(t.deps);
      const fields = { name: 'Ana', email: 'ana@example.org', comment: 'Hi' };
      const cross = await postForm(a.slug, fields, {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      });
      assert.equal(cross.statusCode, 403);
      assert.match(cross.body, /came from another site/);
      const evilOrigin = await postForm(a.slug, fields, {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      });
      assert.equal(evilOrigin.statusCode, 403);
      const nullOrigin = await postForm(a.slug, fields, {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
      });
      assert.equal(nullOrigin.statusCode, 403);
      const api = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        headers: { 'sec-fetch-site': 'cross-site' },
        payload: { name: 'A', email: 'a@example.org', body: 'x' },
      });
      assert.equal(api.statusCode, 403);
      assert.equal(api.json().error.code, 'cross_site_request');
      assert.equal((await postForm(a.slug, fields)).statusCode, 303);
      const sameHost = await postForm(a.slug, fields, {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:80',
        host: 'localhost:80',
      });
      assert.equal(sameHost.statusCode, 303);
    });

    it('files a filled honeypot as spam without telling the bot', async () => {
      const a = await makeArticle(t.deps);
      const res = await postForm(a.slug, {
        name: 'Bot',
        email: 'bot@example.org',
        comment: 'Buy now',
        fax: 'http://spam.example',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/articles/${a.slug}#comments`);
      assert.doesNotMatch((await t.app.inject({ url: `/articles/${a.slug}` })).body, /Buy now/);
    });

    it('removes bidirectional and invisible characters from names, by form and by API, and isolates every name in <bdi>', async () => {
      const a = await makeArticle(t.deps);
      const byForm = await postForm(a.slug, {
        name: 'Ana\u202E nimdA\u200B',
        email: 'ana@example.org',
        website: '',
        comment: 'By form',
        parentId: '',
        fax: '',
      });
      assert.equal(byForm.statusCode, 303);
      const byApi = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        payload: { name: '\u2067Edi\u200Dtor\u2069\uFEFF', email: 'b@example.org', body: 'By API' },
      });
      assert.equal(byApi.statusCode, 201);
      assert.equal(byApi.json().authorName, 'Editor');
      const emoji = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        payload: { name: 'علی\u200Cرضا 👩\u200D💻', email: 'c@example.org', body: 'Joiners that do a job stay' },
      });
      assert.equal(emoji.json().authorName, 'علی\u200Cرضا 👩\u200D💻');
      const stored = await t.deps.db
        .selectFrom('comments')
        .select(['id', 'author_name'])
        .where('article_id', '=', a.id)
        .execute();
      assert.deepEqual(
        stored.map((c) => c.author_name).sort(),
        ['Ana nimdA', 'Editor', 'علی\u200Cرضا 👩\u200D💻'].sort(),
      );
      // A name stored before this rule (or by an import) is still isolated where it is shown.
      await t.deps.db
        .updateTable('comments')
        .set({ author_name: 'Old\u202Eeman' })
        .where('id', '=', byApi.json().id)
        .execute();
      const page = (await t.app.inject({ url: `/articles/${a.slug}` })).body;
      assert.match(page, /<span class="comment-author"><bdi>Ana nimdA<\/bdi><\/span>/);
      assert.match(page, /<span class="comment-author"><bdi>Old\u202Eeman<\/bdi><\/span>/);
      assert.equal(
        page.match(/<span class="comment-author">(?!<bdi>|<a [^>]*><bdi>)/g),
        null,
        'every name on the page is isolated',
      );
      const reply = (await t.app.inject({ url: `/articles/${a.slug}?replyto=${byApi.json().id}` })).body;
      assert.match(reply, /<h2 id="respond-title">Reply to <bdi>Old\u202Eeman<\/bdi><\/h2>/);
    });

    /** Posts each string as a comment through the API; each is stored as inert text or refused with a clear message. */
    async function postHostile(strings: string[]) {
      const a = await makeArticle(t.deps);
      const hostile = [
        ...strings.filter((s) => s.trim() !== ''),
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">click</a>',
        '<b>unclosed <i>markup',
        '\u202Ereversed\u202C',
        'zero\u200Bwidth',
        '🏳️‍🌈👨‍👩‍👧',
        'x'.repeat(10_000),
      ];
      let stored = 0;
      let refused = 0;
      const refusedStrings = new Set<string>();
      for (const s of hostile) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/articles/${a.slug}/comments`,
          payload: {
            name: s.slice(0, 80).replace(/\n/g, ' ') || 'x',
            email: 'h@example.org',
            website: s.startsWith('http') ? s : undefined,
            body: s,
          },
        });
        if (res.statusCode === 201) stored++;
        else {
          refused++;
          refusedStrings.add(s);
          assert.ok([400, 422].includes(res.statusCode), `${res.statusCode} for ${JSON.stringify(s).slice(0, 60)}`);
          assert.ok(res.json().error.message.length > 10);
        }
      }
      const page = (await t.app.inject({ url: `/articles/${a.slug}` })).body;
      // Attribute values are quoted and escaped; what matters is the markup outside them.
      const discussion = page.slice(page.indexOf('<section class="discussion"')).replace(/="[^"]*"/g, '=""');
      assert.doesNotMatch(discussion, /<(script|img|iframe|svg|object|embed|style)\b/i);
      assert.doesNotMatch(page, /<a\b[^<>]*href="\s*javascript:/i);
      assert.match(page, /<p>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/p>/);
      for (const tag of discussion.match(/<[a-z][^>]*>/g) ?? []) {
        assert.match(
          tag,
          /^<(section|h2|nav|ol|li|article|footer|span|a|time|div|p|br|form|input|textarea|label|button|bdi)[\s>/]/,
          tag,
        );
        assert.doesNotMatch(tag, /\son\w+=/i, tag);
      }
      return { stored, refused, refusedStrings };
    }

    it('stores every naughty string as inert text, or refuses it with a clear message', {
      skip: naughtyStrings.skip,
    }, async () => {
      const { stored, refused } = await postHostile(naughty());
      assert.ok(stored > 400, `stored ${stored}`);
      assert.ok(refused > 0);
    });

    it('stores every string of our own hostile list as inert text, or refuses it with a clear message', async () => {
      const { stored, refusedStrings } = await postHostile(hostileStrings);
      for (const s of hostileControls)
        assert.ok(refusedStrings.has(s), `control characters must be refused: ${JSON.stringify(s)}`);
      // Besides those: the over-long ones, and the ones that put a line break in the name.
      assert.ok(
        stored >= hostileStrings.length - hostileControls.length - 4,
        `stored ${stored} of ${hostileStrings.length}`,
      );
    });
  });

  describe(`rate limits on ${dialect}${dialect === 'postgres' && redisUrl ? ' with Redis' : ''}`, () => {
    let t: TestApp;
    before(async () => {
      const env: Record<string, string> = { COMMENT_RATE_LIMIT: '3/60' };
      if (dialect === 'postgres' && redisUrl) env.REDIS_URL = redisUrl;
      t = await createTestApp(dialect, { env });
    });
    after(() => t.close());

    it('lets an address post N comments per window, then answers 429 with Retry-After', async () => {
      const a = await makeArticle(t.deps);
      const address = `127.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200) + 1}`;
      const post = (remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/articles/${a.slug}/comments`,
          remoteAddress,
          payload: { name: 'Fast', email: 'fast@example.org', body: 'Again' },
        });
      for (let i = 0; i < 3; i++) assert.equal((await post(address)).statusCode, 201);
      const limited = await post(address);
      assert.equal(limited.statusCode, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(limited.json().error.code, 'rate_limited');
      assert.match(limited.json().error.message, /Wait \d+ seconds/);
      const form = await t.app.inject({
        method: 'POST',
        url: `/articles/${a.slug}/comments`,
        remoteAddress: address,
        headers: formHeaders,
        payload: 'name=a&email=a%40example.org&comment=x',
      });
      assert.equal(form.statusCode, 429);
      assert.match(form.body, /posting too fast/);
      assert.equal(
        (await post(`${address.split('.').slice(0, 3).join('.')}.250`)).statusCode,
        201,
        'another address is not limited',
      );
    });
  });
}
