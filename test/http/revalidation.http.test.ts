// A current copy's revalidation answered before routing (src/http/revalidation.ts), over a real socket: the same
// 304 Fastify's route sends, only for what a route taught, never once the page changed, never with a cookie.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateArticle } from '../../src/modules/articles/index.ts';
import { revalidationsOf } from '../../src/http/revalidation.ts';
import { ManualClock } from '../../src/platform/clock.ts';
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

  describe(`revalidations of feeds, sitemaps and expired pages on ${dialect}`, () => {
    let t: TestApp;
    let base: string;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    /** A first view, then a revalidation without and with a cookie: the early answer and the route's own. */
    const revalidate = async (path: string) => {
      const headers = { 'accept-encoding': 'identity' };
      const first = await fetch(`${base}${path}`, { headers });
      assert.equal(first.status, 200, path);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      const early = await fetch(`${base}${path}`, { headers: { ...headers, 'if-none-match': etag } });
      const byRoute = await fetch(`${base}${path}`, { headers: { ...headers, 'if-none-match': etag, cookie: 'a=b' } });
      return { etag, early, byRoute };
    };

    it('answers a feed and a sitemap as their routes do', async () => {
      await makeArticle(t.deps, { headline: 'Ferry timetable for winter' });
      const early = revalidationsOf(t.deps);
      for (const path of ['/rss.xml', '/atom.xml', '/sitemap.xml']) {
        const before = early.answered;
        const answers = await revalidate(path);
        assert.equal(answers.early.status, 304, path);
        assert.equal(early.answered, before + 1, `${path} answered before routing`);
        assert.equal(answers.byRoute.status, 304, path);
        assert.deepEqual(headersOf(answers.early), headersOf(answers.byRoute), `${path}: the route's headers`);
      }
    });

    it('sends to the route a page that expired, or that another process dropped from the cache', async () => {
      const story = await makeArticle(t.deps, { headline: 'Lighthouse keeper retires' });
      const path = `/articles/${story.slug}`;
      const early = revalidationsOf(t.deps);
      const { etag } = await revalidate(path);
      const again = () =>
        fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } });
      let before = early.answered;
      assert.equal((await again()).status, 304);
      assert.equal(early.answered, before + 1);
      // Past the cache's age limit the entry is dead: the route answers, from the story's versions alone.
      clock.advance(t.deps.pageCache.maxAgeMs + 1);
      before = early.answered;
      assert.equal((await again()).status, 304, 'the page is unchanged, so the route answers 304 too');
      assert.equal(early.answered, before, 'an expired entry is not answered early');
      // A reader's full view renders and caches it again: its revalidations are answered early again.
      const view = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(view.headers.get('etag'), etag, 'the same page');
      await view.arrayBuffer();
      assert.equal((await again()).status, 304);
      assert.equal(early.answered, before + 1);
      // Dropped from the cache (what an invalidation from another process does): to the route again.
      await t.deps.pageCache.invalidate(['*']);
      before = early.answered;
      assert.equal((await again()).status, 304);
      assert.equal(early.answered, before);
    });
  });
}
