import fs from 'node:fs';
import { checkRfc822 } from '../test/support/feed-lint/values.ts';
const src = fs.readFileSync('/work/shared/testdata/feedvalidator-testcases/rss20/data-types-datetime/everything.xml', 'utf8');
for (const m of src.matchAll(/<pubDate>([\s\S]*?)<\/pubDate>/g)) console.log(JSON.stringify(m[1]), checkRfc822(m[1], new Date()));
