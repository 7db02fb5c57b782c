import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveStatus, discussionClosesAt, isDiscussionOpen } from '../../src/modules/articles/index.ts';
import { makeExcerpt, renderArticleBody } from '../../src/modules/articles/body-format.ts';
import { buildThread, editorsPicks, type Comment } from '../../src/modules/comments/index.ts';
import { slugify } from '../../src/platform/text.ts';
import { Translations } from '../../src/platform/i18n/translator.ts';
import { discussionHeading } from '../../src/web/site.ts';

const DAY = 86_400_000;
const published = new Date('2026-11-01T12:00:00Z');

describe('article status and discussion times', () => {
  it('a published article with a future time is scheduled, and public once the time passes', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    assert.equal(deriveStatus('published', at, new Date('2026-11-30T00:00:00Z')), 'scheduled');
    assert.equal(deriveStatus('published', at, new Date('2026-12-01T09:00:00Z')), 'published');
    assert.equal(deriveStatus('draft', at, new Date('2027-01-01T00:00:00Z')), 'draft');
  });

  it('by default the discussion closes N days after publication', () => {
    const a = { commentSetting: 'default' as const, commentsClosedAt: null, publishedAt: published };
    assert.equal(
      discussionClosesAt(a, { commentsCloseAfterDays: 14 })?.toISOString(),
      new Date(published.getTime() + 14 * DAY).toISOString(),
    );
    assert.equal(
      isDiscussionOpen(a, { commentsCloseAfterDays: 14 }, new Date(published.getTime() + 14 * DAY - 1)),
      true,
    );
    assert.equal(isDiscussionOpen(a, { commentsCloseAfterDays: 14 }, new Date(published.getTime() + 14 * DAY)), false);
    assert.equal(discussionClosesAt(a, { commentsCloseAfterDays: 0 }), null);
  });

  it('an editor can keep a discussion open or close it whatever its age', () => {
    const late = new Date(published.getTime() + 400 * DAY);
    assert.equal(
      isDiscussionOpen(
        { commentSetting: 'open', commentsClosedAt: null, publishedAt: published },
        { commentsCloseAfterDays: 14 },
        late,
      ),
      true,
    );
    assert.equal(
      isDiscussionOpen(
        { commentSetting: 'closed', commentsClosedAt: published, publishedAt: published },
        { commentsCloseAfterDays: 14 },
        published,
      ),
      false,
    );
  });
});

describe('threads', () => {
  const c = (id: string, parentId: string | null, featured = false, at = new Date()): Comment => ({
    id,
    parentId,
    articleId: 'a',
    depth: 0,
    authorName: id,
    authorUrl: '',
    bodyHtml: '',
    status: 'approved',
    createdAt: at,
    featured,
    byStaff: false,
  });
  it("gathers editors' picks from every level of the thread, oldest first", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const roots = buildThread([
      c('1', null, false, t(1)),
      c('2', '1', true, t(2)),
      c('3', null, true, t(3)),
      c('4', '2', true, t(4)),
      c('5', null, false, t(5)),
    ]);
    assert.deepEqual(
      editorsPicks(roots).map((p) => p.id),
      ['2', '3', '4'],
    );
    assert.deepEqual(editorsPicks(buildThread([c('1', null)])), []);
  });
  it('nests replies under their parents in order, and shows a reply to a hidden comment on its own', () => {
    const roots = buildThread([c('1', null), c('2', '1'), c('3', null), c('4', '2'), c('5', 'gone')]);
    assert.deepEqual(
      roots.map((r) => r.id),
      ['1', '3', '5'],
    );
    assert.deepEqual(
      roots[0].replies.map((r) => r.id),
      ['2'],
    );
    assert.deepEqual(
      roots[0].replies[0].replies.map((r) => r.id),
      ['4'],
    );
  });

  it('heads the discussion right for none, one and many', () => {
    const site = { i18n: new Translations().for('en', 'UTC') };
    assert.equal(discussionHeading(site, 0, 'X'), 'No thoughts yet on “X”');
    assert.equal(discussionHeading(site, 1, 'X'), 'One thought on “X”');
    assert.equal(discussionHeading(site, 3, 'X'), '3 thoughts on “X”');
    assert.equal(discussionHeading(site, 1200, 'X'), '1,200 thoughts on “X”');
  });
});

describe('article bodies', () => {
  it('renders Markdown and strips dangerous pasted HTML', () => {
    const html = renderArticleBody(
      'Intro with *emphasis*.\n\n<script>alert(1)</script><p onclick="x()">Pasted</p>\n\n[bad](javascript:alert(1)) <img src="x" onerror="alert(1)">',
    );
    assert.match(html, /<em>emphasis<\/em>/);
    assert.ok(!/<script|onclick|onerror|href="javascript:/i.test(html), html);
    assert.match(html, /<p>Pasted<\/p>/);
  });

  it('makes an excerpt from the first paragraph, cut at a word', () => {
    assert.equal(makeExcerpt('<p>First &amp; <em>foremost</em>.</p><p>Second.</p>'), 'First & foremost.');
    const long = makeExcerpt(`<p>${'word '.repeat(100)}</p>`, 50);
    assert.ok(long.length <= 51 && long.endsWith('…'));
  });

  it('makes readable slugs from headlines in any script', () => {
    assert.equal(slugify('Putin to Receive Maduro as Pressure Mounts'), 'putin-to-receive-maduro-as-pressure-mounts');
    assert.equal(slugify('Año nuevo: ¡Fiesta en La Habana!'), 'ano-nuevo-fiesta-en-la-habana');
    assert.equal(slugify('Выборы в Москве'), 'выборы-в-москве');
    assert.equal(slugify('!!!'), 'article');
  });
});
