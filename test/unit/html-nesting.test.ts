import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitNesting, MAX_DEPTH } from '../../src/platform/html/nesting.ts';
import { htmlToText, sanitizeArticleHtml, sanitizeCommentHtml } from '../../src/platform/html/sanitizer.ts';

describe('the sanitizer on deeply nested markup', () => {
  it('leaves ordinary markup alone, however many paragraphs and list items it leaves unclosed', () => {
    const page =
      '<div><p>One<p>Two<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table><svg><g/><g/></svg><br><img src="x"></div>\n'.repeat(
        400,
      );
    assert.equal(limitNesting(page), page);
    const deepButFine = `${'<div>'.repeat(MAX_DEPTH - 1)}text${'</div>'.repeat(MAX_DEPTH - 1)}`;
    assert.equal(limitNesting(deepButFine), deepButFine);
  });

  it('turns tags that would open deeper than the limit into text, attribute values included, and keeps the words', () => {
    const deep = `${'<b>'.repeat(MAX_DEPTH)}<i title="<em>">words</i>`;
    assert.equal(limitNesting(deep), `${'<b>'.repeat(MAX_DEPTH)}&lt;i title="&lt;em>">words</i>`);
    assert.match(sanitizeArticleHtml(deep), /&lt;i title="&lt;em&gt;"&gt;words/);
    // Raw-text elements are never turned into text: their content would become markup.
    const script = `${'<b>'.repeat(MAX_DEPTH)}<script>${'<b>'.repeat(10)}</script>`;
    assert.equal(limitNesting(script), script);
  });

  it('sanitizes a megabyte nested thousands deep in linear time (a minute before the limit)', {
    timeout: 120_000,
  }, () => {
    const fill = (unit: string) => unit.repeat(Math.ceil((1 << 20) / unit.length));
    const time = (f: () => unknown) => {
      const started = performance.now();
      f();
      return performance.now() - started;
    };
    const bound = Math.max(
      2000,
      12 *
        time(() =>
          sanitizeArticleHtml(fill('<p>Some <b>words</b> and <a href="https://example.org/">a link</a>.</p>\n')),
        ),
    );
    for (const unit of ['<b><i>', '<div>', '<b><svg></b>', '<math><mi>', '<ul><li><ol><li>']) {
      const html = fill(unit);
      for (const [name, sanitize] of [
        ['article', sanitizeArticleHtml],
        ['comment', sanitizeCommentHtml],
        ['text', htmlToText],
      ] as const) {
        const ms = time(() => sanitize(html));
        assert.ok(ms < bound, `${name} of ${unit}: ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
      }
    }
  });
});
