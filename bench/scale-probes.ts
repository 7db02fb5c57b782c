// What the scale bench asks the server for at each size, shared with the test that EXPLAINs every query these
// requests run (test/db/scale-plans.db.test.ts).
import { articleSlug, authorSlug, DEFAULT_AT_EVERY_SIZE, OLD_EDITION, RARE_AUTHOR, RARE_TAG } from './scale-load.ts';

export interface Probe {
  what: string;
  request(k: number): { url: string; init?: RequestInit };
  status: number;
}

/** What the bench asks for at each size; `newest` is article 0's publication time. */
export function probes(newest: Date): Probe[] {
  const month = new Date(newest.getTime() - 45 * 86_400_000).toISOString().slice(0, 7);
  const get = (what: string, url: (k: number) => string): Probe => ({
    what,
    request: (k) => ({ url: url(k) }),
    status: 200,
  });
  return [
    get('front page', () => '/'),
    get('section, page 1', () => '/sections/news'),
    get('section, page 500', () => '/sections/news?page=500'),
    get('author page', (k) => `/authors/${authorSlug(k % 50)}`),
    // A tag of five stories from long ago, and a former writer's five: most of a newsroom's tags and writers.
    get("a rare tag's page", () => `/tags/${RARE_TAG}`),
    get("a former writer's page", () => `/authors/${RARE_AUTHOR}`),
    // An edition the newsroom stopped writing: its stories are the oldest of the site.
    get("an old edition's front page", () => `/${OLD_EDITION}/`),
    get("an old edition's section", () => `/${OLD_EDITION}/sections/news`),
    get("an old edition's feed", () => `/${OLD_EDITION}/rss.xml`),
    get("an old edition's comment feed", () => `/${OLD_EDITION}/comments/rss.xml`),
    // Spread over the default edition's first 9,000 articles, which exist at every size: each view a different article,
    // uncached.
    get('article page', (k) => `/articles/${articleSlug((k * 7919) % DEFAULT_AT_EVERY_SIZE)}`),
    get('site feed', () => '/rss.xml'),
    get("site's comment feed", () => '/comments/rss.xml'),
    get(`month sitemap (${month})`, () => `/sitemaps/articles-${month}.xml`),
    get('lists sitemap', () => '/sitemaps/lists.xml'),
    // Every month of the archive: the ended ones kept while unchanged, this month counted.
    get('sitemap index', () => '/sitemap.xml'),
    get('archive', () => '/archive'),
    // A word in one article in ten (as many matches as a tenth of the site): ranked, newest first, its last page, and
    // narrowed to an author who uses it in half of their articles (one writer in 50); another such word narrowed to a
    // section that has none of its matches (all are in news); then a word in one article only.
    get('search "harbour"', () => '/search?q=harbour'),
    get('search "harbour", newest first', () => '/search?q=harbour&sort=newest'),
    get('search "harbour" by an author', () => `/search?q=harbour&author=${authorSlug(0)}`),
    get('search "bridge" in sport', () => '/search?q=bridge&section=sport'),
    get('search "harbour", page 50', () => '/search?q=harbour&page=50'),
    get('search "4321" (one match)', () => '/search?q=4321'),
    {
      what: 'post a comment (API)',
      status: 201,
      request: (k) => ({
        url: `/api/articles/${articleSlug(k % 50)}/comments`,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Bench Reader ${k}`,
            email: `bench${k}@example.org`,
            body: `A comment from the scale bench, number ${k}, with a few words in it.`,
          }),
        },
      }),
    },
  ];
}
