import { createTestApp } from '../test/support/http.ts';
import { makeArticle, makeStaff } from '../test/support/newsroom.ts';
const t = await createTestApp('sqlite');
const ed = await makeStaff(t.deps, 'editor', 'Ana <b>Díaz</b> & Co');
await makeArticle(t.deps, { headline: 'AT&T <script>alert(1)</script> ]]> &amp; news', tags: ['Tides & <b>', 'ferries'], excerpt: 'Short & sweet ]]> end' }, ed);
await makeArticle(t.deps, { headline: '東京湾フェリー', featuredImage: null });
for (const u of ['/rss.xml', '/atom.xml']) {
  const r = await t.app.inject({ url: u });
  console.log(r.statusCode, r.headers['content-type'], r.headers.etag);
  console.log(r.body);
}
await t.close();
