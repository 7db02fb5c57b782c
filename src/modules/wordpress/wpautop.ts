// WordPress's wpautop: blank lines make paragraphs, single newlines line breaks, block elements stay
// unwrapped. WordPress's own patterns match a tag as "<" up to the next ">", which re-scans the rest of the
// text at every "<" that never closes ("<p" repeated: quadratic). Here a tag ends at the next ">" or "<",
// whichever comes first, so each stretch between two "<" is scanned a bounded number of times; and <pre>
// blocks are cut out with one search for their end.

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const TAG = '[^<>]*>';

const BLOCK_OPEN = new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi');
const BLOCK_CLOSE = new RegExp(`(</${BLOCKS}>)`, 'gi');
const P_AROUND_BLOCK = new RegExp(`<p>\\s*(</?${BLOCKS}${TAG})\\s*</p>`, 'gi');
const P_BEFORE_BLOCK = new RegExp(`<p>\\s*(</?${BLOCKS}${TAG})`, 'gi');
const P_AFTER_BLOCK = new RegExp(`(</?${BLOCKS}${TAG})\\s*</p>`, 'gi');
const BR_AFTER_BLOCK = new RegExp(`(</?${BLOCKS}${TAG})\\s*<br />`, 'gi');
const BR_BEFORE_BLOCK = new RegExp(`<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)${TAG})`, 'gi');

/** Takes every <pre>…</pre> out (WordPress leaves their newlines alone), leaving numbered placeholders. */
function holdPres(text: string, nonce: string, pres: string[]): string {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let done = 0;
  for (let i = lower.indexOf('<pre'); i !== -1; i = lower.indexOf('<pre', i + 1)) {
    if (i < done || !/[\s>]/.test(lower.charAt(i + 4))) continue;
    const close = lower.indexOf('</pre>', i);
    // Without a closing tag here, no later <pre> has one either.
    if (close === -1) break;
    out.push(text.slice(done, i), `<pre wp-pre-${nonce}-${pres.push(text.slice(i, close + 6)) - 1}></pre>`);
    done = close + 6;
  }
  out.push(text.slice(done));
  return out.join('');
}

/** WordPress's wpautop, in time linear in the text. */
export function wpautop(input: string): string {
  if (input.trim() === '') return '';
  const pres: string[] = [];
  const nonce = Math.random().toString(36).slice(2, 10);
  let text = `${holdPres(input, nonce, pres).replace(/\r\n?/g, '\n')}\n`;
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  text = text.replace(BLOCK_OPEN, '\n\n$1');
  text = text.replace(BLOCK_CLOSE, '$1\n\n');
  // Newlines inside a tag are not line breaks: a stretch of white space with one in it becomes a space.
  text = text.replace(/<[^<>]*>/g, (tag) => tag.replace(/\s+/g, (space) => (space.includes('\n') ? ' ' : space)));
  text = text.replace(/\n\s*\n+/g, '\n\n');
  text = text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.trim()}</p>\n`)
    .join('');
  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(P_AROUND_BLOCK, '$1');
  text = text.replace(/<p><blockquote([^<>]*)>/gi, '<blockquote$1><p>');
  text = text.replace(/<\/blockquote><\/p>/gi, '</p></blockquote>');
  text = text.replace(P_BEFORE_BLOCK, '$1');
  text = text.replace(P_AFTER_BLOCK, '$1');
  text = text.replace(/([^\n>])\n(?!<\/p>)/g, (_m, before) => `${before}<br />\n`);
  text = text.replace(/(<br \/>)?\n(<\/p>)/g, '$2');
  text = text.replace(BR_AFTER_BLOCK, '$1');
  text = text.replace(BR_BEFORE_BLOCK, '$1');
  const held = new RegExp(`<pre wp-pre-${nonce}-(\\d+)></pre>`, 'g');
  return text.replace(held, (_m, i) => pres[Number(i)]);
}
