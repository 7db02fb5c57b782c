// The pseudo-locale (en-XA): English made accented, bracketed and a third longer. A page rendered in it shows at a
// glance (and to a test) every word that did not come from a catalogue, and every layout that breaks on long text.
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export const PSEUDO_LANGUAGE = 'en-xa';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i],
  ]),
);

/** Text with every ASCII letter accented and its vowels doubled (the lengthening translations into German or Spanish need). */
export function pseudoText(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) =>
    /[aeiouAEIOU]/.test(c) ? ACCENTED[c] + ACCENTED[c.toLowerCase()] : ACCENTED[c],
  );
}

/** A parsed message with its own words accented, its placeholders, plural forms and tags kept. */
function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: pseudoText(el.value) };
    if (el.type === TYPE.tag) return { ...el, children: pseudoElements(el.children) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      return {
        ...el,
        options: Object.fromEntries(
          Object.entries(el.options).map(([k, o]) => [k, { ...o, value: pseudoElements(o.value) }]),
        ),
      };
    }
    return el;
  });
}

/** The pseudo form of a parsed message: [accented words]. */
export function pseudoMessage(elements: MessageFormatElement[]): MessageFormatElement[] {
  const open = { type: TYPE.literal, value: '[' } as MessageFormatElement;
  const close = { type: TYPE.literal, value: ']' } as MessageFormatElement;
  return [open, ...pseudoElements(elements), close];
}
