import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commentToText,
  expandShortcodes,
  renderWordPressBody,
  type BodyContext,
} from '../../src/modules/wordpress/wordpress-body.ts';
import { wpautop } from '../../src/modules/wordpress/wpautop.ts';
import { matchRequest, permalinksOf } from '../../src/modules/wordpress/wordpress-urls.ts';

const ctx: BodyContext = {
  origin: 'http://old.test',
  attachments: new Map([['7', { url: '/media/wordpress/2024/05/a.jpg', label: 'Boats "at" rest' }]]),
  children: [{ url: '/media/wordpress/2024/05/child.jpg', label: 'Child' }],
  rewriteUpload: (address) => `/media/wordpress/${address.relative}`,
};

describe('WordPress bodies', () => {
  it('makes paragraphs and line breaks as wpautop does, leaving block elements and <pre> alone', () => {
    assert.equal(wpautop('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>\n');
    assert.equal(
      wpautop('<blockquote>Quoted</blockquote>\n\n<pre>a\n\nb</pre>'),
      '<blockquote><p>Quoted</p></blockquote>\n<pre>a\n\nb</pre>\n',
    );
    assert.equal(wpautop('  \n '), '');
  });

  it('turns [caption] into a figure with a figcaption, with the image link moved to the media folder', () => {
    const { html } = renderWordPressBody(
      '[caption id="attachment_6" width="300"]<a href="http://old.test/wp-content/uploads/2024/05/x.jpg"><img src="http://old.test/wp-content/uploads/2024/05/x.jpg" alt="X" width="300" height="200" /></a> The <strong>caption</strong>[/caption]\n\nAfter.',
      ctx,
    );
    assert.equal(
      html,
      '<figure><a href="/media/wordpress/2024/05/x.jpg"><img src="/media/wordpress/2024/05/x.jpg" alt="X" width="300" height="200" loading="lazy" /></a><figcaption>The <strong>caption</strong></figcaption></figure>\n<p>After.</p>',
    );
    assert.equal(
      renderWordPressBody('[caption caption="Old style"]<img src="https://x.test/a.png" alt="" />[/caption]', ctx).html,
      '<figure><img src="https://x.test/a.png" alt="" loading="lazy" /><figcaption>Old style</figcaption></figure>',
    );
  });

  it("turns [gallery] into a figure of images: by ids, or the post's own attachments", () => {
    assert.equal(
      renderWordPressBody('[gallery ids="7,99"]', ctx).html,
      '<figure><ul><li><a href="/media/wordpress/2024/05/a.jpg"><img src="/media/wordpress/2024/05/a.jpg" alt="Boats &quot;at&quot; rest" loading="lazy" /></a></li></ul></figure>',
    );
    assert.match(renderWordPressBody('[gallery]', ctx).html, /child\.jpg/);
  });

  it('turns [embed] and URLs alone on a line into plain links (images into figures): no third-party frames', () => {
    const { html } = renderWordPressBody(
      'Watch:\n\nhttps://www.youtube.com/watch?v=x1\n\n[embed]https://vimeo.com/1[/embed]\n\n[embed]https://x.test/pic.jpg[/embed]',
      ctx,
    );
    assert.equal(
      html,
      '<p>Watch:</p>\n<p><a href="https://www.youtube.com/watch?v=x1" rel="noopener">https://www.youtube.com/watch?v=x1</a></p>\n' +
        '<p><a href="https://vimeo.com/1" rel="noopener">https://vimeo.com/1</a></p>\n<figure><img src="https://x.test/pic.jpg" alt="" loading="lazy" /></figure>',
    );
    assert.doesNotMatch(html, /iframe/);
  });

  it('keeps other shortcodes as text and names them; [[x]] is the escaped form', () => {
    const result = renderWordPressBody(
      'Write to us: [contact-form-7 id="9"] and [[gallery]] and [footnote]x[/footnote]',
      ctx,
    );
    assert.equal(result.html, '<p>Write to us: [contact-form-7 id="9"] and [gallery] and [footnote]x[/footnote]</p>');
    assert.deepEqual(result.unknownShortcodes.sort(), ['contact-form-7', 'footnote']);
    assert.deepEqual(expandShortcodes('[caption]x[/caption]', ctx).unknownShortcodes, []);
  });

  it('passes everything through the one sanitizer: scripts, handlers and javascript: links go', () => {
    const { html } = renderWordPressBody(
      '<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p><script>alert(1)</script><iframe src="https://evil.test"></iframe>',
      ctx,
    );
    assert.equal(html, '<p>Hi <a>there</a></p>');
    assert.equal(renderWordPressBody('[embed]javascript:alert(1)[/embed]', ctx).html, '<p>javascript:alert(1)</p>');
  });

  it('skips wpautop for block-editor content, as WordPress does', () => {
    assert.equal(
      renderWordPressBody('<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->', ctx).html,
      '<p>One\ntwo</p>',
    );
  });

  it("turns a comment's light HTML into plain text with its breaks and its links", () => {
    assert.equal(
      commentToText('Hi.<br />Read <a href="https://x.test/a">this</a> &amp; <b>that</b>.<p>Next</p>'),
      'Hi.\nRead this (https://x.test/a) & that.\n\nNext',
    );
  });
});

describe('old WordPress addresses', () => {
  it("lists an item's own link, its ?p= link and the common permalink structures", () => {
    const paths = permalinksOf({
      id: '12',
      type: 'post',
      slug: 'ferry-cuts',
      date: '2024-05-14 09:30:00',
      link: 'https://x.test/blog/2024/05/14/ferry-cuts/',
      guid: 'https://x.test/blog/?p=12',
      category: 'ferries',
      base: '/blog',
    });
    assert.deepEqual(
      paths.map((p) => `${p.priority} ${p.path}`),
      [
        '2 /blog/2024/05/14/ferry-cuts',
        '2 ?p=12',
        '2 ?p=12',
        '1 /blog/2024/05/14/ferry-cuts',
        '1 /blog/2024/05/ferry-cuts',
        '1 /blog/archives/12',
        '1 /blog/ferry-cuts',
        '1 /blog/ferries/ferry-cuts',
      ],
    );
  });

  it('matches requests with trailing slashes, percent-encoding, feeds and paging', () => {
    assert.deepEqual(matchRequest('/2024/05/14/Ferry-Cuts/'), {
      keys: ['/2024/05/14/ferry-cuts'],
      siteFeed: false,
      feed: undefined,
      path: '/2024/05/14/ferry-cuts',
      page: undefined,
    });
    assert.deepEqual(matchRequest('/?p=12&utm=x').keys, ['?p=12']);
    assert.deepEqual(matchRequest('/index.php?page_id=3').keys, ['?page_id=3']);
    assert.deepEqual(matchRequest('/%E6%9D%B1%E4%BA%AC/').keys, ['/東京']);
    assert.deepEqual(matchRequest('/category/news/feed/'), {
      keys: ['/category/news'],
      siteFeed: false,
      feed: { format: 'rss', comments: false },
      path: '/category/news',
      page: undefined,
    });
    assert.deepEqual(matchRequest('/feed/'), {
      keys: [],
      siteFeed: true,
      feed: { format: 'rss', comments: false },
      path: '/',
      page: undefined,
    });
    assert.deepEqual(matchRequest('/comments/feed/atom/'), {
      keys: [],
      siteFeed: true,
      feed: { format: 'atom', comments: true },
      path: '/',
      page: undefined,
    });
    assert.deepEqual(matchRequest('/?p=12&feed=comments-rss2').feed, { format: 'rss', comments: true });
    assert.deepEqual(matchRequest('/tag/tides/page/3/'), {
      keys: ['/tag/tides'],
      siteFeed: false,
      feed: undefined,
      path: '/tag/tides',
      page: 3,
    });
  });
});

describe('hostile WordPress bodies and comments', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));
  const time = (convert: () => unknown) => {
    const started = performance.now();
    convert();
    return performance.now() - started;
  };
  const plain: BodyContext = { ...ctx, rewriteUpload: (address) => address.absolute };
  // Each of these made the old converters re-scan the rest of the text at every unclosed "<" or "[": 80 KB of
  // "<p" took 39 s. The bound is generous (2 s, or twelve times what a megabyte of ordinary markup costs on this
  // machine at this moment, for a loaded machine): quadratic work at a megabyte takes minutes, not seconds.
  const kinds: [string, string][] = [
    ['"<p" repeated', '<p'],
    ['"[caption" repeated', '[caption'],
    ['unclosed [caption]s', '[caption]x'],
    ['nested quotes', '[caption caption="<a title=\''],
    ['unclosed "<!--"', '<!--'],
    ['unclosed <b><i> nested deep', '<b><i>'],
    ['unclosed <pre>', '<pre>'],
    ['unclosed attribute quotes', '<a href="'],
    ['upload addresses run together', '//wp-content/uploads/'],
  ];

  it('converts a megabyte of each kind of pathological markup in linear time, bodies and comments alike', {
    timeout: 120_000,
  }, () => {
    const ordinary = fill(
      'The council met on <strong>Tuesday</strong> about the <a href="https://example.org/b">harbour budget</a> &amp; ferries.\n' +
        'A second line.\n\n[caption id="attachment_7" width="300"]<img src="https://old.test/wp-content/uploads/2024/05/a.jpg" alt="A" /> The quay[/caption]\n\n',
    );
    const bound = Math.max(2000, 12 * time(() => renderWordPressBody(ordinary, plain)));
    for (const [name, unit] of kinds) {
      const text = fill(unit);
      const body = time(() => renderWordPressBody(text, plain));
      const comment = time(() => commentToText(text));
      assert.ok(body < bound, `body of ${name}: ${body.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
      assert.ok(comment < bound, `comment of ${name}: ${comment.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    }
  });

  it('still converts what is well formed in them, as WordPress would', () => {
    assert.equal(renderWordPressBody('[caption]x'.repeat(2), ctx).html, '<p>xx</p>');
    assert.equal(
      renderWordPressBody('[caption]<img src="https://x.test/a.png" alt="" /> A[/caption] [caption', ctx).html,
      '<figure><img src="https://x.test/a.png" alt="" loading="lazy" /><figcaption>A</figcaption></figure>\n<p>[caption</p>',
    );
    assert.equal(
      commentToText('<a href="https://x.test/">x</a> <a href="https://y.test/">never closed'),
      'x (https://x.test/) never closed',
    );
  });
});
