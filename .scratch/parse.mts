import { parseFeed } from '@rowanmanning/feed-parser';
import { createTestApp } from '../test/support/http.ts';
import { makeArticle } from '../test/support/newsroom.ts';
const t = await createTestApp('sqlite');
await makeArticle(t.deps, { headline: 'AT&T <b>bold</b> ]]> &amp; "q" it\'s', excerpt: 'Ex & <i>cerpt</i>' });
for (const u of ['/rss.xml', '/atom.xml']) {
  const f = parseFeed((await t.app.inject({ url: u })).body);
  const i = f.items[0];
  console.log(u, JSON.stringify({ title: f.title, it: i.title, id: i.id, url: i.url, d: i.description, pub: i.published, upd: i.updated, media: i.media, authors: i.authors, cats: i.categories }));
}
await t.close();
