// Idempotency-Key on comment posts (form and JSON API): the same post sent again with its key gets the first answer
// and is stored once, even sent at the same moment; the key with another comment is refused; a key lapses after a day.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { pruneIdempotencyKeys } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

let n = 0;
const address = () => `198.51.100.${(++n % 250) + 1}`;

for (const dialect of dialects) {
  describe(`Idempotency-Key on comment posts on ${dialect}`, () => {
    let t: TestApp;
    let article: Article;
    const clock = new ManualClock(new Date('2026-12-03T09:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      article = await makeArticle(t.deps, { headline: 'Harbour Dredging Starts Monday' });
    });
    after(() => t.close());
    beforeEach(() => updateSettings(t.deps, { ...relaxedModeration, commentEditMinutes: 10 }));

    const api = (body: Record<string, unknown>, headers: Record<string, string>, remoteAddress = address()) =>
      t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.slug}/comments`,
        remoteAddress,
        headers,
        payload: body,
      });
    const stored = async (text: string) =>
      (await t.deps.db.selectFrom('comments').select('id').where('body_text', '=', text).execute()).length;

    it('answers a JSON post sent again with its key with the first answer, token included, and stores it once', async () => {
      const key = randomUUID();
      const body = {
        name: 'Ines Reader',
        email: 'ines@example.org',
        body: `The dredger woke the whole street. ${key}`,
      };
      const first = await api(body, { 'idempotency-key': key });
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      // Another node, another address, no cookie: a client that never heard the first answer.
      const again = await api(body, { 'idempotency-key': key });
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.json(), first.json());
      assert.ok(first.json().commentToken, 'the poster gets a token to edit with');
      assert.equal(await stored(body.body), 1);
      // The replayed token works: it edits the comment.
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/comments/${first.json().id}`,
        headers: { 'x-comment-token': again.json().commentToken },
        payload: { body: `${body.body} (edited)` },
      });
      assert.equal(edit.statusCode, 200, edit.body);
    });

    it('stores one comment when the same post and key arrive at the same moment', async () => {
      const key = randomUUID();
      const body = { name: 'Jon Reader', email: 'jon@example.org', body: `Twice at once ${key}` };
      const answers = await Promise.all(Array.from({ length: 4 }, () => api(body, { 'idempotency-key': key })));
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        [201, 201, 201, 201],
      );
      assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
      assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 3);
      assert.equal(await stored(body.body), 1);
    });

    it('posts twice without a key, and once per key with different keys', async () => {
      const body = { name: 'Kai Reader', email: 'kai@example.org', body: `No key at all ${randomUUID()}` };
      assert.equal((await api(body, {})).statusCode, 201);
      assert.equal((await api(body, {})).statusCode, 201);
      assert.equal(await stored(body.body), 2);
      assert.equal((await api(body, { 'idempotency-key': randomUUID() })).statusCode, 201);
      assert.equal(await stored(body.body), 3);
    });

    it('refuses the key sent with another comment (422), and a malformed key (400), storing nothing', async () => {
      const key = randomUUID();
      const first = await api(
        { name: 'Lea', email: 'lea@example.org', body: `First words ${key}` },
        { 'idempotency-key': key },
      );
      assert.equal(first.statusCode, 201);
      const other = await api(
        { name: 'Lea', email: 'lea@example.org', body: `Other words ${key}` },
        { 'idempotency-key': key },
      );
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error.code, 'idempotency_key_reused');
      assert.equal(await stored(`Other words ${key}`), 0);
      const long = await api(
        { name: 'Lea', email: 'lea@example.org', body: 'Too long a key' },
        { 'idempotency-key': 'k'.repeat(256) },
      );
      assert.equal(long.statusCode, 400);
      const spaced = await t.app.inject({
        method: 'POST',
        url: `/articles/${article.slug}/comments`,
        remoteAddress: address(),
        headers: { ...formHeaders, 'idempotency-key': 'has a space' },
        payload: form({ name: 'Lea', email: 'lea@example.org', comment: 'Spaced key' }),
      });
      assert.equal(spaced.statusCode, 400);
      assert.match(spaced.body, /Idempotency-Key/);
      assert.equal((await stored('Too long a key')) + (await stored('Spaced key')), 0);
    });

    it('answers a form post sent again with the same redirect, held or shown, and stores it once', async () => {
      await updateSettings(t.deps, { moderationWords: ['ferry'] });
      for (const [text, where] of [
        ['The ferry was late', /\?comment=held#respond$/],
        ['The bridge was early', /^\/comments\//],
      ] as const) {
        const key = randomUUID();
        const fields = form({ name: 'Mo Reader', email: 'mo@example.org', comment: `${text} ${key}` });
        const post = () =>
          t.app.inject({
            method: 'POST',
            url: `/articles/${article.slug}/comments`,
            remoteAddress: address(),
            headers: { ...formHeaders, 'idempotency-key': key },
            payload: fields,
          });
        const first = await post();
        const again = await post();
        assert.equal(first.statusCode, 303, first.body);
        assert.match(String(first.headers.location), where);
        assert.equal(again.statusCode, 303);
        assert.equal(again.headers.location, first.headers.location);
        assert.equal(again.headers['idempotent-replayed'], 'true');
        assert.equal(await stored(`${text} ${key}`), 1);
      }
    });

    it('repeats the first refusal told after storing (a repeat filed as spam), without storing again', async () => {
      await updateSettings(t.deps, { duplicateWindowMinutes: 10 });
      const body = { name: 'Nia', email: 'nia@example.org', body: `Said once ${randomUUID()}` };
      assert.equal((await api(body, {})).statusCode, 201);
      const key = randomUUID();
      const repeat = await api(body, { 'idempotency-key': key });
      assert.equal(repeat.statusCode, 409);
      const again = await api(body, { 'idempotency-key': key });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(again.json(), repeat.json());
      assert.equal(await stored(body.body), 2, 'the first, and the repeat filed as spam once');
    });

    it('judges a post again after a refusal that stored nothing (flood), and forgets keys after a day', async () => {
      await updateSettings(t.deps, { floodSeconds: 30 });
      const from = address();
      const key = randomUUID();
      const body = { name: 'Oda', email: 'oda@example.org', body: `Flooded ${key}` };
      assert.equal((await api({ ...body, body: `Before ${key}` }, {}, from)).statusCode, 201);
      assert.equal((await api(body, { 'idempotency-key': key }, from)).statusCode, 429);
      clock.advance(31_000);
      const later = await api(body, { 'idempotency-key': key }, from);
      assert.equal(later.statusCode, 201, later.body);
      assert.equal(later.headers['idempotent-replayed'], undefined);

      clock.advance(24 * 3_600_000 + 1000);
      await updateSettings(t.deps, { floodSeconds: 0 });
      const nextDay = await api(body, { 'idempotency-key': key }, from);
      assert.equal(nextDay.statusCode, 201);
      assert.equal(nextDay.headers['idempotent-replayed'], undefined, 'a lapsed key posts anew');
      assert.notEqual(nextDay.json().id, later.json().id);
      clock.advance(24 * 3_600_000 + 1000);
      assert.ok((await pruneIdempotencyKeys(t.deps)) >= 1);
      const left = await t.deps.db.selectFrom('comment_idempotency_keys').select('key_hash').execute();
      assert.equal(left.length, 0);
    });
  });
}
