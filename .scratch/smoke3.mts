import { createTestApp } from '../test/support/http.ts';
import { makeArticle, makeStaff, makeSection } from '../test/support/newsroom.ts';
const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const t = await createTestApp(dialect);
const ed = await makeStaff(t.deps, 'editor', 'Ana Díaz');
await makeSection(t.deps, 'Harbour & Ferries');
await makeArticle(t.deps, { headline: 'AT&T <script>', tags: ['Tides & <b>', 'ferries'], section: 'Harbour & Ferries' }, ed);
await makeArticle(t.deps, { headline: '東京湾フェリー', featuredImage: null });
for (const u of ['/robots.txt', '/sitemap.xml', '/sitemaps/lists.xml', '/sitemaps/news.xml']) {
  const r = await t.app.inject({ url: u });
  console.log(u, r.statusCode, r.headers['content-type']);
  console.log(r.body);
}
const idx = (await t.app.inject({ url: '/sitemap.xml' })).body;
const m = /sitemaps\/(articles-[^<]+)\.xml/.exec(idx)!;
const r = await t.app.inject({ url: `/sitemaps/${m[1]}.xml` });
console.log(r.statusCode, r.body);
await t.close();
