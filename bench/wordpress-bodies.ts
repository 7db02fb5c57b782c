// Part of `npm run bench -- wordpress`: how long a megabyte of each kind of pathological markup takes to
// convert (post body and comment), next to a megabyte of ordinary markup in the same run. Linear
// conversion keeps every ratio near 1; the old regular expressions took 39 s for 80 KB of "<p".
import { commentToText, renderWordPressBody, type BodyContext } from '../src/modules/wordpress/wordpress-body.ts';

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));
const ctx: BodyContext = {
  origin: 'https://old.example',
  attachments: new Map(),
  children: [],
  rewriteUpload: (a) => a.absolute,
};

const ORDINARY = fill(
  'The council met on <strong>Tuesday</strong> about the <a href="https://example.org/b">harbour budget</a> &amp; ferries.\n' +
    'A second line.\n\n[caption id="attachment_7" width="300"]<img src="https://old.example/wp-content/uploads/2024/05/a.jpg" alt="A" /> The quay[/caption]\n\n',
);
const KINDS: [string, string][] = [
  ['"<p" repeated', '<p'],
  ['"<" repeated', '<'],
  ['"[caption" repeated', '[caption'],
  ['unclosed [caption]s', '[caption]x'],
  ['nested quotes', '[caption caption="<a title=\''],
  ['unclosed "<!--"', '<!--'],
  ['<b><i> nested deep', '<b><i>'],
  ['unclosed <pre>', '<pre>'],
  ['unclosed attribute quotes', '<a href="'],
  ['upload addresses run together', '//wp-content/uploads/'],
  ['URLs alone on lines (embeds)', 'https://example.org/\n'],
];

/** The best of three runs, in milliseconds. */
function best(convert: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    convert();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** Prints the table. */
export function benchWordPressBodies(): void {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const baseBody = best(() => renderWordPressBody(ORDINARY, ctx));
  const baseComment = best(() => commentToText(ORDINARY));
  console.log(`Converting 1 MiB of markup (best of 3), ratios to 1 MiB of ordinary markup in this run:\n`);
  console.log(`${pad('kind', 32)} ${pad('body ms', 9)} ${pad('x', 6)} ${pad('comment ms', 11)} ${pad('x', 6)}`);
  console.log(
    `${pad('ordinary article markup', 32)} ${pad(baseBody.toFixed(0), 9)} ${pad('1.0', 6)} ${pad(baseComment.toFixed(0), 11)} ${pad('1.0', 6)}`,
  );
  for (const [name, unit] of KINDS) {
    const text = fill(unit);
    const body = best(() => renderWordPressBody(text, ctx));
    const comment = best(() => commentToText(text));
    console.log(
      `${pad(name, 32)} ${pad(body.toFixed(0), 9)} ${pad((body / baseBody).toFixed(1), 6)} ${pad(comment.toFixed(0), 11)} ${pad((comment / baseComment).toFixed(1), 6)}`,
    );
  }
  console.log('');
}
