// The words a page shows a person: its title, its text outside scripts and styles, and the attributes read aloud
// or shown (labels, placeholders, tooltips, button values). For tests that look for words no catalogue gave.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const SHOWN_ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt'];

/** Every visible piece of text of an HTML page, each with where it was found. */
export function visibleTexts(html: string): { text: string; where: string }[] {
  const found: { text: string; where: string }[] = [];
  const walk = (nodes: ChildNode[], path: string) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.data.trim();
        if (text) found.push({ text, where: path });
      } else if (node.type === 'tag') {
        const el = node as Element;
        if (el.name === 'script' || el.name === 'style') continue;
        // Words marked as written in a language of their own (a language's own name) say so in their path.
        const own = el.name !== 'html' && el.attribs.lang ? `[lang=${el.attribs.lang}]` : '';
        const here = `${path} > ${el.name}${el.attribs.class ? `.${el.attribs.class.split(' ')[0]}` : ''}${own}`;
        for (const name of SHOWN_ATTRIBUTES)
          if (el.attribs[name]?.trim()) found.push({ text: el.attribs[name].trim(), where: `${here}[${name}]` });
        if (el.name === 'input' && /^(submit|button)$/.test(el.attribs.type ?? '') && el.attribs.value)
          found.push({ text: el.attribs.value, where: `${here}[value]` });
        // The head shows only its title.
        if (el.name === 'head') {
          const title = el.children.find((c): c is Element => c.type === 'tag' && c.name === 'title');
          if (title) walk(title.children, `${here} > title`);
          continue;
        }
        walk(el.children, here);
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, '');
  return found;
}
