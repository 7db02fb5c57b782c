// A current copy's revalidation answered before routing (src/http/revalidation.ts), over a real socket: the same
// 304 Fastify's route sends, only for what a route taught, never once the page changed, never with a cookie.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateArticle } from '../../src/modules/articles/index.ts';
import { revalidationsOf } from '../../src/http/revalidation.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

/** The headers that differ between any two answers (the time, the connection). */
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive']);
const headersOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => !PER_ANSWER.has(name)).sort(([a], [b]) => a.localeCompare(b)));

for (const dialect of dialects) {
  describe(`revalidations answered before routing on ${dialect}`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await createTestApp(dialect);
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    it('answers as the route does, only what a route taught, and never a page that changed', async () => {
      const editor = await makeStaff(t.deps, 'editor', 'Vera Validator');
      const story = await makeArticle(t.deps, { headline: 'Quay lights repaired' }, editor);
      const url = `${base}/articles/${story.slug}`;
      const early = revalidationsOf(t.deps);
      const get = (headers: Record<string, string>, method = 'GET') => fetch(url, { method, headers });

      // The page's first view teaches the address; a revalidation before any view goes to the route.
      const before = early.answered;
      const untaught = await fetch(`${base}/articles/${story.slug}?cpage=1`, { headers: { 'if-none-match': '"x"' } });
      await untaught.arrayBuffer();
      assert.equal(early.answered, before, 'an address no route taught goes to the route');
      const first = await get({ 'accept-encoding': 'identity' });
      assert.equal(first.status, 200);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      const byRoute = await get({ 'accept-encoding': 'identity', 'if-none-match': etag, cookie: 'theme=dark' });
      assert.equal(byRoute.status, 304, 'a cookie goes to the route, which answers 304 itself');
      assert.equal(early.answered, before);

      const answered = await get({ 'accept-encoding': 'identity', 'if-none-match': etag });
      assert.equal(answered.status, 304);
      assert.equal(early.answered, before + 1, 'answered before routing');
      assert.deepEqual(headersOf(answered), headersOf(byRoute), 'the same headers as the route sends');
      assert.match(answered.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.equal(answered.headers.get('vary'), 'Cookie, Accept-Encoding');

      // Each encoding has its own validator: the identity copy's ETag does not match a brotli reader's.
      const br = await get({ 'accept-encoding': 'br', 'if-none-match': etag });
      assert.equal(br.status, 200);
      await br.arrayBuffer();
      const brEtag = br.headers.get('etag')!;
      assert.notEqual(brEtag, etag);
      assert.equal((await get({ 'accept-encoding': 'br', 'if-none-match': brEtag })).status, 304);
      assert.equal(early.answered, before + 2);

      // Not for HEAD, not for another ETag, not for a commenter, not with credentials.
      assert.equal((await get({ 'accept-encoding': 'identity', 'if-none-match': etag }, 'HEAD')).status, 304);
      assert.equal((await get({ 'accept-encoding': 'identity', 'if-none-match': '"other"' })).status, 200);
      await get({ 'accept-encoding': 'identity', 'if-none-match': etag, cookie: 'dl_commenter=abc' });
      await get({ 'accept-encoding': 'identity', 'if-none-match': etag, authorization: 'Bearer x' });
      assert.equal(early.answered, before + 2);

      // A list is learned as an article is; an address longer than any of ours is not (a reader could invent many).
      const front = await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
      await front.arrayBuffer();
      const frontEtag = front.headers.get('etag')!;
      assert.equal(
        (await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity', 'if-none-match': frontEtag } })).status,
        304,
      );
      assert.equal(early.answered, before + 3);
      const long = `${base}/?from=${'x'.repeat(600)}`;
      await (await fetch(long, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer();
      const longAgain = await fetch(long, { headers: { 'accept-encoding': 'identity', 'if-none-match': frontEtag } });
      assert.equal(longAgain.status, 304, 'the route answers it');
      assert.equal(early.answered, before + 3);

      // The story changes: its cached page is gone, and the old copy gets the new page from the route.
      await updateArticle(t.deps, {
        staff: editor,
        id: story.id,
        changes: { headline: 'Quay lights repaired at last', version: story.version },
      });
      const changed = await get({ 'accept-encoding': 'identity', 'if-none-match': etag });
      assert.equal(changed.status, 200);
      assert.match(await changed.text(), /Quay lights repaired at last/);
      assert.equal(early.answered, before + 3);
    });
  });
}
