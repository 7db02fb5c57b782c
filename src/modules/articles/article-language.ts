// The languages an article may be written in, and the names the desk gives them.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
import type { SiteSettings } from '../settings/index.ts';

/** A tag in its canonical case (es-cu -> es-CU), or undefined when it is not a well-formed BCP 47 tag. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * The languages the site publishes in, its default first. Until the site has its own list of languages, these are
 * the default and every language a catalogue speaks: an article in any other would have a page in a language
 * none of its words around it could be written in.
 */
export function siteLanguages(
  deps: Pick<Deps, 'translations'>,
  settings: Pick<SiteSettings, 'language'>,
): { default: string; all: string[] } {
  const first = canonicalLanguage(settings.language) ?? settings.language;
  const all = [first];
  for (const tag of deps.translations.languages()) {
    const canonical = canonicalLanguage(tag);
    if (canonical && !all.some((l) => l.toLowerCase() === canonical.toLowerCase())) all.push(canonical);
  }
  return { default: first, all };
}

/** The language as the site offers it, or a 422 that names the languages it does offer. */
export function checkLanguage(offered: { all: string[] }, language: string): string {
  const canonical = canonicalLanguage(language.trim());
  const found = canonical && offered.all.find((l) => l.toLowerCase() === canonical.toLowerCase());
  if (!found)
    throw invalid(
      'language',
      'unsupported_language',
      `The site does not publish in "${language}". Choose one of its languages: ${offered.all.join(', ')}.`,
      { language, languages: offered.all.join(', ') },
    );
  return found;
}

/** A language's name in English and in itself, for the desk: "Spanish (español)". */
export function languageName(tag: string, inLanguage = 'en'): string {
  const name = (of: string, lang: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(of) ?? of;
    } catch {
      return of;
    }
  };
  const own = name(tag, tag);
  const here = name(tag, inLanguage);
  return own === here ? here : `${here} (${own})`;
}
