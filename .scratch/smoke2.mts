import { createTestApp } from '../test/support/http.ts';
import { makeArticle, makeStaff } from '../test/support/newsroom.ts';
import { lintFeed } from '../test/support/feed-lint/index.ts';
import { postComment } from '../src/modules/comments/index.ts';
const t = await createTestApp('sqlite');
const ed = await makeStaff(t.deps, 'editor', 'Ana <b>Díaz</b> & Co');
const a = await makeArticle(t.deps, { headline: 'AT&T <script>alert(1)</script> ]]> &amp; news', tags: ['Tides & <b>', 'ferries'], excerpt: 'Short & sweet ]]> end', body: 'See [this](/articles/x) and <img src="/media/a.png" alt="x">' }, ed);
await makeArticle(t.deps, { headline: '東京湾フェリー', featuredImage: null });
await postComment(t.deps, { slug: a.slug, name: 'R </b> &amp; x', email: 'r@example.org', body: 'Hi <b>there</b> ]]> http://x.example/?a=1&b=2', ip: '127.0.0.1', userAgent: 't' });
for (const u of ['/rss.xml', '/atom.xml', '/comments/rss.xml', '/comments/atom.xml', `/articles/${a.slug}/comments/atom.xml`, `/tags/tides-b/rss.xml`]) {
  const r = await t.app.inject({ url: u });
  console.log(u, r.statusCode, JSON.stringify(lintFeed(r.body, { now: t.deps.clock.now(), location: 'http://news.test' + u })));
  if (process.argv[2] === u) console.log(r.body);
}
await t.close();
