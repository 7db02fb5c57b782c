// A language's own name ("Español", "English"), for the links and choices that offer it: a reader looks for the
// name in their language, whatever language the page around it speaks.
const names = new Map<string, string>();

/** The language's name in itself, capitalised as it begins a label; the tag where Intl knows no name. */
export function languageName(tag: string): string {
  let name = names.get(tag);
  if (name === undefined) {
    try {
      const own = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
      name = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
    } catch {
      name = tag;
    }
    names.set(tag, name);
  }
  return name;
}

/**
 * A language as a message in `locale` names it, with the tag the settings forms and the API take: "Spanish (es)",
 * "español (es)". The tag alone where Intl knows no name for it (or it is no tag at all). `decorate` changes the name
 * alone (the pseudo-locale's accents): the tag stays as the reader types it.
 */
export function languageLabel(tag: string, locale: string, decorate = (name: string) => name): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(tag);
    return name ? `${decorate(name)} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** Languages named as languageLabel names each, in a list: "English (en), Spanish (es)". */
export const languageLabels = (tags: string[], locale: string, decorate?: (name: string) => string): string =>
  tags.map((tag) => languageLabel(tag, locale, decorate)).join(', ');
