// Fetches a feed from the test app and holds it to the feed checker and a real feed parser.
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { TestApp } from './http.ts';
import { lintFeed } from './feed-lint/index.ts';

export const PUBLIC_URL = 'http://news.test';

/** The feed at `url`: 200, the right type, none of the validator's problems, and what a feed reader makes of it. */
export async function readFeed(t: TestApp, url: string) {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  assert.match(
    String(res.headers['content-type']),
    url.endsWith('atom.xml') ? /^application\/atom\+xml; charset=utf-8$/ : /^application\/rss\+xml; charset=utf-8$/,
  );
  const problems = lintFeed(res.body, { now: t.deps.clock.now(), location: `${PUBLIC_URL}${url}` });
  assert.deepEqual(
    problems.map((p) => `${p.kind} at ${p.where}: ${p.detail.slice(0, 200)}`),
    [],
    `${url} has problems a feed validator reports`,
  );
  return { res, xml: res.body, feed: parseFeed(res.body) };
}
