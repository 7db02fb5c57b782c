// The translator every view is handed (through its site view): messages from the catalogues in ICU MessageFormat
// (intl-messageformat, formatjs), and dates and numbers through Intl in the page's language and the newsroom's zone.
import { createHash } from 'node:crypto';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { BASE_LANGUAGE, catalogueTagFor, readCatalogues, type Catalogue, type MessageKey } from './catalogues.ts';
import { languageLabel, languageLabels } from './language-names.ts';
import { PSEUDO_LANGUAGE, pseudoMessage, pseudoText } from './pseudo.ts';

export type { MessageKey } from './catalogues.ts';

/** The values a message's placeholders take. */
export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** Values of a message with markup: plain values, and a function per tag that wraps its words (<a>…</a>). */
export type RichValues<T> = Record<
  string,
  string | number | Date | T | ((chunks: (string | T)[]) => T) | null | undefined
>;

export interface Translator {
  /** The BCP 47 tag pages in this language carry in `lang`. */
  readonly language: string;
  /** Writing direction of the language, for `dir`. */
  readonly dir: 'ltr' | 'rtl';
  /** A message as text, its placeholders filled. */
  t(key: MessageKey, values?: MessageValues): string;
  /** A message with markup: tags become what the values' functions make of their words (JSX elements). */
  rich<T>(key: MessageKey, values: RichValues<T>): (string | T)[];
  /** A date (and time) as the newsroom writes it, in its time zone. */
  date(date: Date, withTime?: boolean): string;
  /** A month's name ("November"), or with its year ("November 2026"), in the language. */
  month(year: number, month: number, withYear?: boolean): string;
  /** A count or figure with the language's digits and separators. */
  number(value: number): string;
  /** A refusal in the language's words (`errors.<code>` in the catalogue), else as the service wrote it. */
  error(error: { code: string; message: string; field?: string; values?: Record<string, string | number> }): string;
  /** A language's name in this language, with its own name beside it when they differ: "Spanish (español)". */
  languageName(tag: string): string;
  /** Items joined as the language joins a list ("A, B and C", "A, B y C"), the items kept as they are (links). */
  list<T>(items: T[]): (string | T)[];
}

// Language subtags written right to left (their scripts are).
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

export const directionOf = (language: string): 'ltr' | 'rtl' =>
  RTL.has(language.toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';

/** The catalogues the app speaks: the shipped ones, and any a newsroom keeps in a folder of its own. */
export class Translations {
  private readonly catalogues: Map<string, Catalogue>;
  private readonly translators = new Map<string, Translator>();

  constructor(extraDirs: string[] = []) {
    this.catalogues = readCatalogues();
    if (!this.catalogues.has(BASE_LANGUAGE))
      throw new Error(`The ${BASE_LANGUAGE}.json catalogue is missing from src/locales.`);
    for (const dir of extraDirs)
      for (const [tag, messages] of readCatalogues(dir))
        this.catalogues.set(tag, { ...this.catalogues.get(tag), ...messages });
  }

  private madeFingerprint: string | undefined;

  /** A digest of every message, so a page's validator changes when a deploy changes its words. */
  get fingerprint(): string {
    this.madeFingerprint ??= createHash('sha1')
      .update(JSON.stringify([...this.catalogues].sort(([a], [b]) => (a < b ? -1 : 1))))
      .digest('base64url');
    return this.madeFingerprint;
  }

  /** The language tags that have a catalogue (the pseudo-locale aside). */
  languages(): string[] {
    return [...this.catalogues.keys()].sort();
  }

  /** Whether a language tag is spoken here (its own catalogue, or one of its broader tag). */
  speaks(language: string): boolean {
    return language.toLowerCase() === PSEUDO_LANGUAGE || catalogueTagFor(this.catalogues, language) !== undefined;
  }

  /**
   * The first language of an Accept-Language header spoken here (quality order as the client wrote it, which is how
   * clients send it), or undefined: the JSON API answers in it, and in English for a client that asks for none.
   */
  asked(acceptLanguage: string | undefined): string | undefined {
    return acceptLanguage
      ?.split(',')
      .map((part) => part.split(';')[0].trim())
      .find((tag) => tag !== '' && tag !== '*' && this.speaks(tag));
  }

  /** The translator of a language in a time zone; English where no catalogue matches. */
  for(language: string, timeZone: string): Translator {
    const key = `${language}|${timeZone}`;
    let translator = this.translators.get(key);
    if (!translator) {
      translator = this.build(language, timeZone);
      if (this.translators.size > 200) this.translators.clear();
      this.translators.set(key, translator);
    }
    return translator;
  }

  private build(language: string, timeZone: string): Translator {
    const pseudo = language.toLowerCase() === PSEUDO_LANGUAGE;
    const tag = pseudo ? BASE_LANGUAGE : (catalogueTagFor(this.catalogues, language) ?? BASE_LANGUAGE);
    const own = this.catalogues.get(tag)!;
    const base = this.catalogues.get(BASE_LANGUAGE)!;
    // Intl has no data for the pseudo-locale: it formats as English, then accents the result.
    const intlLocale = pseudo ? BASE_LANGUAGE : language;
    const compiled = new Map<MessageKey, IntlMessageFormat>();
    const message = (key: MessageKey): IntlMessageFormat => {
      let m = compiled.get(key);
      if (!m) {
        // A dropped-in catalogue may be partial: a missing message falls back to English, key by key.
        const fromOwn = own[key] !== undefined;
        const source = own[key] ?? base[key] ?? key;
        let ast: MessageFormatElement[] = parse(source);
        if (pseudo) ast = pseudoMessage(ast);
        m = new IntlMessageFormat(ast, fromOwn ? intlLocale : BASE_LANGUAGE, undefined, { ignoreTag: false });
        compiled.set(key, m);
      }
      return m;
    };
    const dates = new Map<boolean, { format: Intl.DateTimeFormat; seen: Map<number, string> }>();
    const monthFormats = new Map<boolean, Intl.DateTimeFormat>();
    const numbers = new Intl.NumberFormat(intlLocale);
    const lists = new Intl.ListFormat(intlLocale, { type: 'conjunction' });
    const accent = pseudo ? pseudoText : (s: string) => s;
    return {
      language: pseudo ? 'en-XA' : language,
      dir: directionOf(language),
      t: (key, values) => String(message(key).format(values as Record<string, string>)),
      rich: <T>(key: MessageKey, values: RichValues<T>) => {
        const out = message(key).format<T>(values as Record<string, T>);
        return Array.isArray(out) ? out : [out];
      },
      date(date, withTime = false) {
        let f = dates.get(withTime);
        if (!f) {
          f = {
            format: new Intl.DateTimeFormat(intlLocale, {
              dateStyle: 'long',
              ...(withTime ? { timeStyle: 'short' } : {}),
              timeZone,
            }),
            seen: new Map(),
          };
          dates.set(withTime, f);
        }
        // A long discussion formats the same 200 dates on every render.
        const time = date.getTime();
        let text = f.seen.get(time);
        if (text === undefined) {
          text = accent(f.format.format(date));
          if (f.seen.size >= 20_000) f.seen.clear();
          f.seen.set(time, text);
        }
        return text;
      },
      number: (value) => numbers.format(value),
      languageName(tag) {
        const name = (lang: string) => {
          try {
            return new Intl.DisplayNames([lang], { type: 'language' }).of(tag) ?? tag;
          } catch {
            return tag;
          }
        };
        const own = name(tag);
        const here = accent(name(intlLocale));
        return own === name(intlLocale) ? here : `${here} (${own})`;
      },
      month(year, month, withYear = false) {
        // Made once per translator: making a formatter costs far more than using one (the archive names every month).
        let format = monthFormats.get(withYear);
        if (!format) {
          format = new Intl.DateTimeFormat(intlLocale, {
            month: 'long',
            ...(withYear ? { year: 'numeric' } : {}),
            timeZone: 'UTC',
          });
          monthFormats.set(withYear, format);
        }
        return accent(format.format(new Date(Date.UTC(year, month - 1, 15))));
      },
      error(error) {
        const key = `errors.${error.code}` as MessageKey;
        if (own[key] === undefined && base[key] === undefined) return error.message;
        const values: MessageValues = { field: error.field ?? 'none', words: 'comment', ...error.values };
        // Refusals carry languages as tags (what the forms and the API take); the reader is told their names too.
        if (typeof values.language === 'string') values.language = languageLabel(values.language, intlLocale, accent);
        if (typeof values.languages === 'string')
          values.languages = languageLabels(values.languages.split(', '), intlLocale, accent);
        // A form's failure names the field by the label its page shows, in this language (page-context's labelKey).
        const labelKey = error.values?.labelKey as MessageKey | undefined;
        if (labelKey && (own[labelKey] ?? base[labelKey]) !== undefined)
          values.label = String(message(labelKey).format());
        try {
          // A message that says nothing for these values (a select's empty `other`) leaves the service's own words.
          return String(message(key).format(values as Record<string, string>)) || error.message;
        } catch {
          // Two services may share a code and only one pass the message's figures: the other keeps its own words.
          return error.message;
        }
      },
      list<T>(items: T[]) {
        let next = 0;
        return lists
          .formatToParts(items.map((_, i) => String(i)))
          .map((part) => (part.type === 'element' ? items[next++] : accent(part.value)));
      },
    };
  }
}
