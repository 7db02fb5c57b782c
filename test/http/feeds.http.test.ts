// Every feed, RSS and Atom, for articles written in every odd way (no excerpt, no picture, non-Latin headlines,
// hostile text of our own and the Big List of Naughty Strings), read by a real feed parser and held to the feed
// validator's classes; what they carry (dateline, wire credit, picture with its size, full text or excerpt); and what
// they never carry (drafts, scheduled, trashed articles).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Deps } from '../../src/deps.ts';
import {
  createArticle,
  trashArticle,
  updateArticle,
  type Article,
  type ArticleInput,
} from '../../src/modules/articles/index.ts';
import { addExistingComments } from '../../src/modules/comments/index.ts';
import { checkCommentSubmission } from '../../src/modules/comments/comment-input.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { readFeed } from '../support/feeds.ts';
import { HOSTILE_STRINGS, naughtyStrings, typeable } from '../fixtures/feed-strings.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

/** The strings the comment form takes as both a name and a comment (the rest it refuses, as it should). */
const commentable = (strings: readonly string[]) =>
  strings.filter((s) => {
    try {
      checkCommentSubmission({ name: s, email: 'reader@example.org', body: s });
      return true;
    } catch {
      return false;
    }
  });

const FEEDS = (bases: string[]) => bases.flatMap((b) => [`${b}/rss.xml`, `${b}/atom.xml`]);

/** Articles whose every text field holds strings from the list, a few strings each. */
async function writeArticlesWith(
  deps: Deps,
  strings: readonly string[],
  staff: Awaited<ReturnType<typeof makeStaff>>,
): Promise<Article[]> {
  const made: Article[] = [];
  for (let i = 0; i < strings.length; i += 12) {
    const chunk = strings.slice(i, i + 12);
    const pick = (offset: number, max: number) =>
      chunk.map((_, k) => chunk[(k + offset) % chunk.length]).find((s) => typeable(s, max));
    const headline = pick(0, 300);
    if (!headline) continue;
    const input: ArticleInput = {
      headline,
      body: chunk.filter((s) => typeable(s, 10_000)).join('\n\n') || 'Text.',
      excerpt: pick(1, 1000) ?? '',
      dateline: pick(2, 120) ?? '',
      sourceCredit: pick(3, 120) ?? '',
      subheadline: pick(4, 500) ?? '',
      featuredImage: {
        url: '/media/test/ferry.jpg',
        alt: pick(5, 1000) ?? 'A ferry',
        caption: pick(1, 1000) ?? '',
        credit: pick(2, 200) ?? '',
      },
      tags: chunk.filter((s) => typeable(s, 60)).slice(0, 3),
      section: 'World',
      status: 'published',
    };
    made.push(await createArticle(deps, { staff, article: input }));
  }
  return made;
}

for (const dialect of dialects) {
  describe(`feeds on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    const articles: Article[] = [];
    let writer: Awaited<ReturnType<typeof makeStaff>>;
    const naughty = naughtyStrings();

    before(async () => {
      t = await createTestApp(dialect, { clock });
      await updateSettings(t.deps, { feedItems: 100 });
      writer = await makeStaff(t.deps, 'editor', 'Ana <b>Díaz</b> & Co');
      await makeSection(t.deps, 'World');
      // The photo exists in the media folder, so its enclosure says its size.
      fs.mkdirSync(path.join(t.deps.config.mediaDir, 'test'), { recursive: true });
      fs.writeFileSync(path.join(t.deps.config.mediaDir, 'test/ferry.jpg'), Buffer.alloc(4321, 1));
      articles.push(
        await makeArticle(
          t.deps,
          {
            headline: 'A Picture Only',
            body: '![](/media/test/ferry.jpg)',
            excerpt: '',
            featuredImage: null,
            dateline: '',
            sourceCredit: '',
            section: 'World',
            tags: ['Odd Ones'],
          },
          writer,
        ),
      );
      for (const headline of [
        '東京湾フェリー、冬ダイヤに',
        'الأخبار العاجلة: وزير يعلن',
        'Новости дня: паром',
        '👨‍👩‍👧‍👦 𝕿𝖍𝖊 𝖓𝖊𝖜𝖘',
      ]) {
        clock.advance(60_000);
        articles.push(
          await makeArticle(t.deps, { headline, featuredImage: null, section: 'World', tags: ['Odd Ones'] }, writer),
        );
      }
      clock.advance(60_000);
      articles.push(...(await writeArticlesWith(t.deps, HOSTILE_STRINGS, writer)));
      clock.advance(60_000);
      if (!naughty.skip) articles.push(...(await writeArticlesWith(t.deps, naughty.strings, writer)));
      // The discussion in hostile words too: names and comments of the same lists.
      const words = commentable([...HOSTILE_STRINGS, ...naughty.strings]);
      clock.advance(60_000);
      await addExistingComments(
        t.deps,
        articles[0].id,
        words.map((w, i) => ({
          name: w,
          email: `reader${i}@example.org`,
          body: `${w}\n\n${words[(i + 1) % words.length]}`,
          status: 'approved' as const,
          createdAt: new Date(clock.now().getTime() - i * 1000),
        })),
      );
    });
    after(() => t.close());

    it("has every feed: site, section, tag, author, discussion, an article's discussion; each clean and read by a feed reader", async () => {
      const urls = FEEDS([
        '',
        '/sections/world',
        '/tags/odd-ones',
        `/authors/${articles[0].authors[0].slug}`,
        '/comments',
        `/articles/${articles[0].slug}/comments`,
      ]);
      for (const url of urls) {
        const { feed } = await readFeed(t, url);
        assert.ok(feed.items.length > 0, `${url} has items`);
        assert.ok(feed.title, `${url} has a title`);
        assert.ok(feed.self?.endsWith(url), `${url} names itself: ${feed.self}`);
      }
    });

    it('carries every odd article with its exact headline, address and dates, in both formats', async () => {
      if (naughty.skip) console.log(`# only our own hostile strings: ${naughty.skip}`);
      else assert.ok(articles.length > 45, `the naughty strings made ${articles.length} articles`);
      assert.ok(articles.length <= 100, 'every article fits one feed of the maximum size');
      for (const url of ['/rss.xml', '/atom.xml']) {
        const { feed } = await readFeed(t, url);
        assert.equal(feed.items.length, articles.length, `${url}: one item per article (${articles.length})`);
        for (const article of articles) {
          const item = feed.items.find((i) => i.id === `urn:uuid:${article.id}`);
          assert.ok(item, `${url} has "${article.headline}"`);
          assert.equal(item.title, article.headline, `${url}: the title reads as the headline`);
          assert.equal(item.url, `http://news.test/articles/${encodeURIComponent(article.slug)}`);
          assert.equal(
            item.published?.getTime(),
            Math.floor(article.publishedAt!.getTime() / (url === '/rss.xml' ? 1000 : 1)) *
              (url === '/rss.xml' ? 1000 : 1),
          );
          assert.deepEqual(
            item.authors.map((a) => a.name),
            ['Ana ‹b>Díaz‹/b> & Co'],
            'a name that looks like markup is made inert, not dropped',
          );
        }
      }
    });

    it('names every comment of the hostile discussion, each clean', async () => {
      const { feed } = await readFeed(t, '/comments/atom.xml');
      const written = commentable([...HOSTILE_STRINGS, ...naughty.strings]).length;
      assert.equal(feed.items.length, Math.min(written, 100), "every comment, up to the setting's 100 items");
      for (const item of feed.items)
        assert.ok(item.id?.startsWith('urn:uuid:') && item.url?.startsWith('http://news.test/comments/'));
    });

    it('keeps the dateline and the wire credit, gives the photo as an enclosure with its type and size, and makes every address absolute', async () => {
      const article = await makeArticle(
        t.deps,
        {
          headline: 'Pier Reopens',
          body: 'The pier [reopened](/articles/a-picture-only) today.\n\n![The pier](/media/test/ferry.jpg)',
        },
        writer,
      );
      articles.push(article);
      const rss = await readFeed(t, '/rss.xml');
      const item = rss.feed.items.find((i) => i.id === `urn:uuid:${article.id}`)!;
      assert.match(item.content ?? '', /<span class="dateline">ALDER BAY – <\/span>The pier/);
      assert.match(item.content ?? '', /<p>Source: Coastal Press Service<\/p>/);
      assert.match(item.content ?? '', /href="http:\/\/news\.test\/articles\/a-picture-only"/);
      assert.match(item.content ?? '', /src="http:\/\/news\.test\/media\/test\/ferry\.jpg"/);
      assert.deepEqual(
        item.media.map((m) => [m.url, m.mimeType, m.length]),
        [['http://news.test/media/test/ferry.jpg', 'image/jpeg', 4321]],
      );
      assert.match(item.description ?? '', /^ALDER BAY – The pier reopened today/);
      const atom = await readFeed(t, '/atom.xml');
      const entry = atom.feed.items.find((i) => i.id === `urn:uuid:${article.id}`)!;
      assert.match(entry.content ?? '', /Source: Coastal Press Service/);
    });

    it('sends the excerpt, the picture and a link when the site chooses excerpts, and as many items as it says', async () => {
      await updateSettings(t.deps, { feedFullText: false, feedItems: 3 });
      try {
        const { feed, xml } = await readFeed(t, '/rss.xml');
        assert.equal(feed.items.length, 3);
        const latest = articles.at(-1)!;
        assert.match(feed.items[0].content ?? '', /Continue reading “Pier Reopens”/);
        assert.doesNotMatch(xml, /reopened<\/a> today/, 'no full text');
        assert.equal(feed.items[0].id, `urn:uuid:${latest.id}`);
        await readFeed(t, '/atom.xml');
      } finally {
        await updateSettings(t.deps, { feedFullText: true, feedItems: 100 });
      }
    });

    it('never carries a draft, a scheduled or a trashed article; a scheduled one appears when its time comes', async () => {
      const draft = await makeArticle(t.deps, { headline: 'Draft Story', status: 'draft' }, writer);
      const scheduled = await makeArticle(
        t.deps,
        {
          headline: 'Scheduled Story',
          status: 'scheduled',
          publishAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
        },
        writer,
      );
      const trashed = await makeArticle(t.deps, { headline: 'Trashed Story' }, writer);
      await trashArticle(t.deps, { staff: writer, id: trashed.id });
      for (const url of FEEDS(['', '/sections/world', `/authors/${articles[0].authors[0].slug}`])) {
        const { xml } = await readFeed(t, url);
        for (const hidden of [draft, scheduled, trashed])
          assert.ok(!xml.includes(hidden.id), `${url} has no ${hidden.headline}`);
      }
      clock.advance(3_600_001);
      const { xml } = await readFeed(t, '/rss.xml');
      assert.ok(
        xml.includes(scheduled.id),
        'the scheduled article is in the feed once public (the cached feed expired at that moment)',
      );
    });

    it('names the feeds on every kind of page', async () => {
      const article = articles[1];
      const pages: [string, string[]][] = [
        ['/', ['/rss.xml', '/atom.xml']],
        ['/sections/world', ['/rss.xml', '/sections/world/rss.xml', '/sections/world/atom.xml']],
        ['/tags/odd-ones', ['/tags/odd-ones/rss.xml', '/tags/odd-ones/atom.xml']],
        [`/authors/${article.authors[0].slug}`, [`/authors/${article.authors[0].slug}/rss.xml`]],
        [
          `/articles/${encodeURIComponent(article.slug)}`,
          ['/rss.xml', `/articles/${encodeURIComponent(article.slug)}/comments/atom.xml`],
        ],
        ['/corrections', ['/rss.xml', '/atom.xml']],
      ];
      for (const [page, feeds] of pages) {
        const html = (await t.app.inject({ url: page })).body;
        for (const feed of feeds) {
          const type = feed.endsWith('atom.xml') ? 'application/atom+xml' : 'application/rss+xml';
          assert.match(
            html,
            new RegExp(
              `<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]+" href="${feed.replace(/[.?+]/g, '\\$&')}"/>`,
            ),
            `${page} names ${feed}`,
          );
        }
      }
    });

    it('answers an old address of a list or an article with a 301 to its feed, and an unknown one with a 404', async () => {
      const moved = await makeArticle(t.deps, { headline: 'Before the Rename' }, writer);
      await updateArticle(t.deps, { staff: writer, id: moved.id, changes: { slug: 'after-the-rename' } });
      const res = await t.app.inject({ url: `/articles/${moved.slug}/comments/atom.xml` });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/articles/after-the-rename/comments/atom.xml');
      for (const url of [
        '/sections/nowhere/rss.xml',
        '/tags/nowhere/atom.xml',
        '/authors/nobody/rss.xml',
        '/articles/nothing-here/comments/rss.xml',
      ]) {
        assert.equal((await t.app.inject({ url })).statusCode, 404, url);
      }
    });
  });
}
