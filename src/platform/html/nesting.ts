// htmlparser2, the parser under sanitize-html, keeps its open elements (and its SVG/MathML contexts) in arrays
// it shifts, unshifts and searches at every tag, so markup nested thousands deep costs time by the square of
// its size: 1 MB of "<b><i>" repeated took over a minute to sanitize, "<b><svg></b>" three seconds. Tags that
// would open deeper than MAX_DEPTH are turned into text before the parser sees them. Depth is counted as htmlparser2 counts it (void elements, the
// closes that an opening <p>, <li> or <td> implies, foreign content), so ordinary markup, however many
// unclosed paragraphs it has, passes through unchanged. One pass of htmlparser2's tokenizer: linear.
import { Tokenizer } from 'htmlparser2';

/** Deeper than any real article or comment; shallow enough that the parser's work per tag stays small. */
export const MAX_DEPTH = 100;

const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DDT = new Set(['dd', 'dt']);
const RTP = new Set(['rt', 'rp']);
// htmlparser2's own table (Parser.js openImpliesClose): opening the key closes an open element named in the set.
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT],
  ['dt', DDT],
  ['rt', RTP],
  ['rp', RTP],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, FORM] as [string, Set<string>]),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t) => [t, P] as [string, Set<string>]),
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
// Their content is raw text to the tokenizer: turning one into text would make its content markup. They cannot
// nest in one another, so keeping them costs at most one level.
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** The markup with every tag that would open deeper than MAX_DEPTH escaped as text; unchanged when none does. */
export function limitNesting(html: string): string {
  // A quick bound: fewer tags than the limit cannot nest past it.
  let opens = 0;
  for (let i = html.indexOf('<'); i !== -1 && opens <= MAX_DEPTH; i = html.indexOf('<', i + 1)) opens++;
  if (opens <= MAX_DEPTH) return html;

  const stack: string[] = [];
  // Top last (htmlparser2 keeps it first): whether the innermost context is SVG/MathML, where <x/> closes itself.
  const foreign: boolean[] = [false];
  const escaped: [number, number][] = [];
  let tag: { name: string; start: number; kept: boolean } | undefined;
  const endTag = (end: number) => {
    if (tag && !tag.kept) escaped.push([tag.start, end]);
    tag = undefined;
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        const closes = IMPLIES_CLOSE.get(name);
        let closed = 0;
        if (closes) while (closed < stack.length && closes.has(stack[stack.length - 1 - closed])) closed++;
        const context = FOREIGN.has(name) || INTEGRATION.has(name);
        const kept =
          VOID.has(name) ||
          RAW_TEXT.has(name) ||
          (stack.length - closed < MAX_DEPTH && (!context || foreign.length < MAX_DEPTH));
        tag = { name, start: start - 1, kept };
        if (!kept) return;
        stack.length -= closed;
        if (VOID.has(name)) return;
        stack.push(name);
        if (context) foreign.push(FOREIGN.has(name));
      },
      onopentagend: (end) => endTag(end + 1),
      onselfclosingtag(end) {
        // In SVG and MathML a self-closing tag closes itself; in HTML it stays open.
        if (tag?.kept && foreign[foreign.length - 1] && stack[stack.length - 1] === tag.name) stack.pop();
        endTag(end + 1);
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
        if (VOID.has(name)) return;
        const at = stack.lastIndexOf(name);
        if (at !== -1) stack.length = at;
      },
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  endTag(html.length);
  if (escaped.length === 0) return html;
  const out: string[] = [];
  let at = 0;
  for (const [start, end] of escaped) {
    // Every "<" inside goes, attribute values' included, so no tag can form from what is left.
    out.push(html.slice(at, start), html.slice(start, end).replaceAll('<', '&lt;'));
    at = end;
  }
  out.push(html.slice(at));
  return out.join('');
}
