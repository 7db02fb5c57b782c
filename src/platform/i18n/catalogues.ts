// The message catalogues: one JSON file per language in src/locales (ICU MessageFormat), read once at start.
// A language is added by dropping in `<tag>.json`; the English catalogue is the reference every other one follows.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The key of every message: the English catalogue names them all, so a misspelt key fails the type check. */
export type MessageKey = keyof typeof import('../../locales/en.json', { with: { type: 'json' }});

/** One language's messages by key (a dropped-in catalogue may lack some: the loader falls back to English per key). */
export type Catalogue = Partial<Record<MessageKey, string>>;

export const BASE_LANGUAGE = 'en';
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

/** Every catalogue in a folder by its language tag (the file's name), lower-cased. */
export function readCatalogues(dir: string = LOCALES_DIR): Map<string, Catalogue> {
  const found = new Map<string, Catalogue>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json')) continue;
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error(`${file}: a catalogue is one JSON object of messages by key.`);
    const messages: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new Error(`${file}: the message ${key} is not a string.`);
      messages[key] = value;
    }
    found.set(file.slice(0, -'.json'.length).toLowerCase(), messages as Catalogue);
  }
  return found;
}

/** The catalogue that answers a language tag: es-CU, else es; undefined when there is none (English then speaks). */
export function catalogueTagFor(catalogues: Map<string, Catalogue>, language: string): string | undefined {
  const parts = language.toLowerCase().split('-');
  for (let n = parts.length; n > 0; n--) {
    const tag = parts.slice(0, n).join('-');
    if (catalogues.has(tag)) return tag;
  }
  return undefined;
}
