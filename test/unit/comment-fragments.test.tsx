// The discussion's kept comment fragments: a comment renders the same from the kept copy as afresh, and anything its
// markup is made of (text, name, address, edit time, the discussion closing, the site's language) renders it anew.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import type { CommentNode } from '../../src/modules/comments/index.ts';
import { CommentItem } from '../../src/web/discussion.tsx';
import { Translations } from '../../src/platform/i18n/translator.ts';
import type { SiteView } from '../../src/web/site.ts';

const translations = new Translations();
const site = (language = 'en', timeZone = 'UTC') =>
  ({ settings: { language, timeZone }, i18n: translations.for(language, timeZone) }) as unknown as SiteView;
const comment = (changes: Partial<CommentNode> = {}): CommentNode => ({
  id: '0190a000-0000-7000-8000-00000000f00d',
  articleId: 'a',
  parentId: null,
  depth: 0,
  authorName: 'Ana <b>',
  authorUrl: '',
  bodyHtml: '<p>First words</p>',
  status: 'approved',
  createdAt: new Date('2026-11-01T10:00:00Z'),
  featured: false,
  byStaff: false,
  editedAt: null,
  replies: [],
  ...changes,
});
const page = (s: SiteView, c: CommentNode, open = true, editable?: Set<string>) =>
  render(<CommentItem site={s} comment={c} open={open} editable={editable} />);

describe('kept comment fragments', () => {
  it('render what was rendered before, escaped, and follow every change of what the markup shows', () => {
    const first = page(site(), comment());
    assert.equal(page(site(), comment()), first, 'from the kept copy');
    assert.match(first, /<bdi>Ana &lt;b><\/bdi>/);
    assert.match(first, /aria-label="Reply to Ana &lt;b>"/);
    const edited = page(
      site(),
      comment({ bodyHtml: '<p>Second words</p>', editedAt: new Date('2026-11-01T10:05:00Z') }),
    );
    assert.match(edited, /Second words/);
    assert.match(edited, /\(edited\)/);
    assert.doesNotMatch(edited, /First words/);
    assert.match(
      page(site(), comment({ authorName: 'Ana', authorUrl: 'https://ana.example' })),
      /<a href="https:\/\/ana.example" rel="nofollow ugc noopener"><bdi>Ana<\/bdi><\/a>/,
    );
    assert.doesNotMatch(page(site(), comment(), false), /reply-link/, 'the discussion closed');
    assert.match(page(site(), comment()), /reply-link/, 'and open again');
    assert.match(page(site('en', 'America/Havana'), comment()), /5:00 AM/, 'another time zone');
    assert.match(page(site('es'), comment()), /noviembre/, 'another language');
  });

  it('leave a reader’s own comments to their own rendering', () => {
    const c = comment({ id: '0190a000-0000-7000-8000-00000000beef' });
    page(site(), c);
    assert.match(page(site(), c, true, new Set([c.id])), /class="edit-link"/);
    assert.match(page(site(), { ...c, status: 'pending' }), /Awaiting moderation/);
    assert.doesNotMatch(page(site(), c), /edit-link|Awaiting/);
  });
});
