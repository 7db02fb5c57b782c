import assert from 'node:assert/strict';
import { it } from 'node:test';
import { absoluteUrls } from '../../src/modules/wordpress/wordpress-export.service.ts';
import { cdata, rssDate, wpDateTime, xmlChars, xmlText } from '../../src/modules/wordpress/wxr-writer.ts';

it('splits every ]]> across two CDATA sections', () => {
  assert.equal(cdata('a]]>b]]>'), '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
});

it('drops what XML 1.0 forbids and keeps what it allows', () => {
  assert.equal(xmlChars('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh\ri😀j'), 'abcdef\tg\nh\ri😀j');
  assert.equal(xmlText('<a href="x">&\u0001</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
});

it('writes WordPress and RSS dates in UTC', () => {
  assert.equal(wpDateTime('2024-05-14T08:30:00.000Z'), '2024-05-14 08:30:00');
  assert.equal(rssDate('2024-05-14T08:30:00.000Z'), 'Tue, 14 May 2024 08:30:00 +0000');
});

it('makes the site-relative image addresses of a body absolute and leaves links alone', () => {
  const body =
    '<a href="/articles/x">x</a><img src="/media/a.jpg" srcset="/media/a-600.webp 600w, /media/a-1200.webp 1200w" alt="">' +
    '<a href="//cdn.example/y">y</a><a href="https://example.org/z">z</a>';
  assert.equal(
    absoluteUrls(body, 'https://news.example'),
    '<a href="/articles/x">x</a><img src="https://news.example/media/a.jpg" ' +
      'srcset="https://news.example/media/a-600.webp 600w, https://news.example/media/a-1200.webp 1200w" alt="">' +
      '<a href="//cdn.example/y">y</a><a href="https://example.org/z">z</a>',
  );
});
