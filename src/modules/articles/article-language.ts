// The languages an article may be written in, and the names the desk gives them.
import { invalid } from '../../platform/errors.ts';
import type { SiteSettings } from '../settings/index.ts';
import { languageLabel, languageLabels } from '../../platform/i18n/language-names.ts';

/** A tag in its canonical case (es-cu -> es-CU), or undefined when it is not a well-formed BCP 47 tag. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The languages the site publishes in (its languages setting), its default first. */
export function siteLanguages(settings: Pick<SiteSettings, 'language' | 'languages'>): {
  default: string;
  all: string[];
} {
  const first = canonicalLanguage(settings.language) ?? settings.language;
  const all = [first];
  for (const tag of settings.languages) {
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
    throw invalid({
      field: 'language',
      code: 'unsupported_language',
      message: `The site does not publish in ${languageLabel(language, 'en')}. Choose one of its languages: ${languageLabels(offered.all, 'en')}.`,
      values: { language, languages: offered.all.join(', ') },
    });
  return found;
}
