// npm run bench: the article page (cached, 304, uncached, private, a long discussion) and comment posting under load,
// each figure next to a ceiling (a bare Node server sending the same bytes) measured in the same run (pages.ts); then the comment load test
// (comment-load.ts), the WordPress import (wordpress-import.ts), search (search.ts), the page budget
// (page-budget.ts) and the sitemaps at 100,000 articles (sitemap.ts). `npm run bench -- pages`,
// `-- comments`, `-- wordpress`, `-- search`, `-- budget` or `-- sitemap` runs one of them; `-- scale` (scale.ts,
// the site at a million articles) runs only when named.
import { runCommentLoad } from './comment-load.ts';
import { benchPages } from './pages.ts';
import { benchWordPressImport } from './wordpress-import.ts';
import { benchSearch } from './search.ts';
import { benchPageBudget } from './page-budget.ts';
import { benchSitemaps } from './sitemap.ts';
import { benchScale } from './scale.ts';

const only = process.argv[2];
const PARTS = ['pages', 'comments', 'wordpress', 'search', 'budget', 'sitemap', 'scale'];
if (only !== undefined && !PARTS.includes(only)) {
  console.error(
    `npm run bench [-- pages | comments | wordpress | search | budget | sitemap | scale [--sizes N,N,...]]: unknown part "${only}"`,
  );
  process.exit(2);
}
if (only === undefined || only === 'pages') await benchPages();
if (only === undefined || only === 'comments') {
  if (only === undefined) console.log('');
  process.exitCode = await runCommentLoad();
}
if (only === undefined || only === 'wordpress') {
  if (only === undefined) console.log('');
  await benchWordPressImport();
}
if (only === undefined || only === 'search') {
  if (only === undefined) console.log('');
  await benchSearch();
}
if (only === undefined || only === 'budget') {
  if (only === undefined) console.log('');
  if (!(await benchPageBudget())) process.exitCode = 1;
}
if (only === undefined || only === 'sitemap') {
  if (only === undefined) console.log('');
  await benchSitemaps();
}
// A million articles takes a while to load and a few GB of disk: only when asked for (`npm run bench -- scale`).
if (only === 'scale') await benchScale();
