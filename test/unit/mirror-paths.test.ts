// Where the mirror puts each address, and how its files link to each other: pure rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewritePage } from '../../src/modules/mirror/mirror-html.ts';
import { fileFor, isLiveOnly, relativeHref } from '../../src/modules/mirror/mirror-paths.ts';

const at = (address: string) => new URL(address, 'http://news.test');

describe('mirror paths', () => {
  it('gives each page an index.html, another page of a list its own folder, files their own path', () => {
    assert.equal(fileFor(at('/'), true), 'index.html');
    assert.equal(fileFor(at('/articles/ferry-fares'), true), 'articles/ferry-fares/index.html');
    assert.equal(fileFor(at('/sections/island?page=2'), true), 'sections/island/page-2/index.html');
    assert.equal(fileFor(at('/articles/caf%C3%A9'), true), 'articles/café/index.html');
    assert.equal(fileFor(at('/assets/style.css?v=abc'), false), 'assets/style.css');
  });

  it('never names a file outside the mirror', () => {
    // The URL parser resolves encoded dot segments itself: what is left is a path inside the mirror.
    assert.equal(fileFor(at('/media/%2e%2e/%2e%2e/etc/passwd'), false), 'etc/passwd');
    for (const address of ['/media/a%2Fb', '/media/a%5Cb', '/media/%00', '/media/%E0%A4%A']) {
      assert.equal(fileFor(at(address), false), undefined, address);
      assert.equal(fileFor(at(address), true), undefined, address);
    }
  });

  it('links relatively, encoded, with the query and fragment kept', () => {
    assert.equal(relativeHref('articles/a/index.html', 'index.html'), '../../index.html');
    assert.equal(
      relativeHref('index.html', 'articles/café/index.html', '#comments'),
      'articles/caf%C3%A9/index.html#comments',
    );
    assert.equal(
      relativeHref('articles/a/cpage-2/index.html', 'assets/style.css', '?v=1'),
      '../../../assets/style.css?v=1',
    );
  });

  it("leaves to the live site what takes a reader's input", () => {
    for (const address of [
      '/search?q=ferry',
      '/admin/articles',
      '/api/articles',
      '/comments/abc/report',
      '/articles/a?replyto=abc',
      '/articles/a?page=x',
    ]) {
      assert.equal(isLiveOnly(at(address)), true, address);
    }
    for (const address of ['/articles/a', '/articles/a?cpage=3', '/comments/abc', '/?page=2'])
      assert.equal(isLiveOnly(at(address)), false, address);
    assert.equal(isLiveOnly(at('/assets/style.css?v=1'), 'resource'), false);
  });
});

describe('mirror pages', () => {
  it('replaces forms with links to the live site, and keeps markup a reader wrote as text', () => {
    const html =
      '<!DOCTYPE html><html><body><form role="search" action="/search"><input name="q"></form>' +
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”</p><a href="/tags/a&amp;b">t</a>' +
      '<div class="respond" id="respond"><form method="post" action="/articles/a/comments"><textarea></textarea></form></div>' +
      '<p class="comment-actions"><a class="report-link" href="/comments/x/report">Report</a></p></body></html>';
    const out = rewritePage(html, {
      pageUrl: at('/articles/a'),
      link: (url) => `mirror:${url.pathname}`,
      absolute: (v) => v,
    });
    assert.ok(out.startsWith('<!DOCTYPE html>'));
    assert.ok(out.includes('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”</p>'), out);
    assert.ok(out.includes('<a href="mirror:/tags/a&amp;b">'), out);
    assert.ok(out.includes('<a href="http://news.test/search">Search on the live site</a>'));
    assert.ok(
      out.includes(
        '<div class="respond" id="respond"><p class="mirror-discussion"><a href="http://news.test/articles/a#respond">',
      ),
    );
    assert.ok(!out.includes('<form') && !out.includes('report'));
  });
});
