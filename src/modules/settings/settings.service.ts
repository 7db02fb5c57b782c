// Site settings: name, language, time zone, the discussion defaults and its moderation rules, stored as key/value rows.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
import { type PageCache, SETTINGS_CHANGED } from '../../platform/cache/page-cache.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import {
  defaultModerationSettings,
  validateModerationSettings,
  type ModerationSettings,
} from './moderation-settings.ts';
import * as repo from './settings.repository.ts';
import { UNSEEN_KEYS } from './discussion-rules.ts';
import { languageLabel, languageLabels } from '../../platform/i18n/language-names.ts';

/** An image the site shows for itself (logo, default social card), from the media library. */
export interface SiteImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface SiteSettings extends ModerationSettings {
  name: string;
  description: string;
  /** BCP 47 language tag of the site, used for <html lang> and dates: the default of its languages. */
  language: string;
  /**
   * Every language the site publishes in, the default first. Each has its own front page, lists and feeds (under
   * /{tag}/ for all but the default); while only one is chosen it follows `language`.
   */
  languages: string[];
  /** IANA time zone the newsroom dates its pages in. */
  timeZone: string;
  /** Discussions close this many days after publication; 0 keeps them open. */
  commentsCloseAfterDays: number;
  /** Deepest reply level shown as its own nest (1 = no replies). */
  threadDepth: number;
  /** Commenters' IP addresses and browsers are erased this many days after they post. */
  ipRetentionDays: number;
  /** Top-level comments per page of a long discussion; 0 shows them all on one page. */
  commentsPerPage: number;
  /** Show the page with the newest comments first (the others are a link away). */
  commentsNewestPageFirst: boolean;
  /** Minutes between mails to moderators listing comments that wait; 0 sends none. */
  moderationDigestMinutes: number;
  /** Feeds carry each article's full text; false: the excerpt, the picture and a link. */
  feedFullText: boolean;
  /** Articles (or comments) in each feed. */
  feedItems: number;
  /** The newsroom's logo: the publisher logo of structured data, and the feeds' image. */
  logo: SiteImage | null;
  /** The picture shared on social media for pages without one of their own (falls back to the logo). */
  cardImage: SiteImage | null;
}

export const defaultSettings: SiteSettings = {
  name: 'Dateline',
  description: 'An independent newsroom.',
  language: 'en',
  languages: ['en'],
  timeZone: 'UTC',
  commentsCloseAfterDays: 14,
  threadDepth: 5,
  ipRetentionDays: 60,
  commentsPerPage: 50,
  commentsNewestPageFirst: true,
  moderationDigestMinutes: 60,
  feedFullText: true,
  feedItems: 20,
  logo: null,
  cardImage: null,
  ...defaultModerationSettings,
};

type Key = keyof SiteSettings;

/** Reads the site settings, falling back to defaults for keys never set. */
export async function getSettings(deps: Pick<Deps, 'db'>): Promise<SiteSettings> {
  const rows = await repo.listSettingRows(deps.db);
  const settings: Record<string, unknown> = { ...defaultSettings };
  for (const row of rows) {
    if (row.key in defaultSettings) settings[row.key] = JSON.parse(row.value);
  }
  const read = settings as unknown as SiteSettings;
  // A site that never chose its languages speaks its one language; the default is always among them, first.
  read.languages = orderLanguages(read.language, rows.some((r) => r.key === 'languages') ? read.languages : []);
  return read;
}

const held = new WeakMap<PageCache, { settings: Promise<SiteSettings>; changes: number; until: number }>();

/**
 * The settings as a reader's request uses them (posting, reporting, editing a comment, search, feeds, sitemaps, the
 * API), kept in memory instead of read for each, one object shared by every caller (never change it): every change moves the page cache's settingsChanges, in this process and, through Redis, in every
 * other, and the next call reads them again. The page cache's maximum age bounds how long a lost message could leave
 * them stale. A staff page or a write that must see its own transaction reads them with getSettings.
 */
export function currentSettings(deps: Pick<Deps, 'db' | 'pageCache' | 'clock'>): Promise<SiteSettings> {
  const changes = deps.pageCache.settingsChanges;
  const now = deps.clock.now().getTime();
  const kept = held.get(deps.pageCache);
  if (kept && kept.changes === changes && kept.until > now) return kept.settings;
  // The count is taken before reading: a change that lands during the read makes the next call read again.
  const entry = { settings: getSettings(deps), changes, until: now + deps.pageCache.maxAgeMs };
  held.set(deps.pageCache, entry);
  entry.settings.catch(() => {
    if (held.get(deps.pageCache) === entry) held.delete(deps.pageCache);
  });
  return entry.settings;
}

/** The language the newsroom saved as its site's, or undefined while it never chose one (the default stands). */
export async function chosenSiteLanguage(deps: Pick<Deps, 'db'>): Promise<string | undefined> {
  const row = (await repo.listSettingRows(deps.db)).find((r) => r.key === 'language');
  return row ? (JSON.parse(row.value) as string) : undefined;
}

/** The site's languages: the default first, then the others as chosen, each once (tags compared without case). */
function orderLanguages(language: string, languages: string[]): string[] {
  const seen = new Set([language.toLowerCase()]);
  const others = languages.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [language, ...others];
}

/** The languages a site publishes in, for the pages and services that list, route or index by language. */
export interface SiteLanguages {
  /** The default: its pages live at the root (/, /sections/…), and articles with no language of their own are in it. */
  default: string;
  /** Every language of the site, the default first. */
  all: string[];
}

/** The site's languages, the default among them. */
export async function getSiteLanguages(deps: Pick<Deps, 'db'>): Promise<SiteLanguages> {
  const settings = await getSettings(deps);
  return { default: settings.language, all: settings.languages };
}

/** Validates and stores changed settings in one transaction; a person's change is audited with it. */
export async function updateSettings(
  deps: Pick<Deps, 'db' | 'pageCache' | 'clock' | 'translations'>,
  given: Partial<SiteSettings>,
  actor?: { staff: Staff; ip: string },
): Promise<SiteSettings> {
  if (actor) authorize(actor.staff, 'settings.manage');
  validateSettings(given);
  const before = await getSettings(deps);
  const input = { ...given, ...settleLanguages(deps, before, given) };
  const changed = Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => v !== undefined && JSON.stringify(before[k as Key]) !== JSON.stringify(v))
      .map(([k, v]) => [k, { from: before[k as Key], to: v }]),
  );
  if (Object.keys(changed).length === 0) return before;
  await deps.db.transaction().execute(async (trx) => {
    if (actor)
      await recordAudit(trx, {
        actor: actor.staff,
        action: 'settings.changed',
        details: changed,
        ip: actor.ip,
        at: deps.clock.now(),
      });
    for (const key of Object.keys(changed)) await repo.upsertSetting(trx, key, JSON.stringify(input[key as Key]));
  });
  // Pages show the site's name, language, zone and discussion display: drop them. The moderation rules only meet
  // new comments, so a change to them alone keeps every cached page.
  await deps.pageCache.invalidate(
    Object.keys(changed).some((key) => !UNSEEN_KEYS.has(key)) ? ['*'] : [SETTINGS_CHANGED],
  );
  return getSettings(deps);
}

const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** A language tag as BCP 47 writes it (es-cu: es-CU), or undefined for what is not a tag. */
function canonicalTag(tag: string): string | undefined {
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    return canonical && TAG.test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default language and the site's languages after a change: every one a tag with a catalogue, the default among
 * them. A site of one language keeps following its default; a site of several must choose a default it offers.
 */
function settleLanguages(
  deps: Pick<Deps, 'translations'>,
  before: SiteSettings,
  input: Partial<SiteSettings>,
): Pick<SiteSettings, 'language' | 'languages'> | undefined {
  if (input.language === undefined && input.languages === undefined) return undefined;
  const language = input.language ?? before.language;
  const noCatalogue = (tag: string) =>
    `There is no catalogue for ${tag}: add src/locales/${tag.toLowerCase()}.json, or choose from ${deps.translations.languages().join(', ')}.`;
  if (input.language !== undefined && !deps.translations.speaks(language))
    throw invalid('language', 'language_without_catalogue', noCatalogue(language));
  if (input.languages === undefined) {
    // Only the default changed: a one-language site follows it; a site of several must already offer it.
    if (before.languages.length === 1) return { language, languages: [language] };
    if (!before.languages.some((tag) => tag.toLowerCase() === language.toLowerCase()))
      throw invalid({
        field: 'language',
        code: 'default_language_not_offered',
        message: `The default language must be one of the site's languages, ${languageLabels(before.languages, 'en')}: add ${languageLabel(language, 'en')} to them first.`,
        values: { kind: 'default', language, languages: before.languages.join(', ') },
      });
    return { language, languages: orderLanguages(language, before.languages) };
  }
  const tags: string[] = [];
  for (const given of input.languages) {
    const tag = typeof given === 'string' ? canonicalTag(given.trim()) : undefined;
    if (!tag)
      throw invalid('languages', 'invalid_language', `"${String(given)}" is not a language tag such as en or es-CU.`);
    if (!deps.translations.speaks(tag)) throw invalid('languages', 'language_without_catalogue', noCatalogue(tag));
    tags.push(tag);
  }
  if (tags.length === 0) throw invalid('languages', 'no_languages', 'Choose at least one language for the site.');
  if (!tags.some((tag) => tag.toLowerCase() === language.toLowerCase()))
    throw invalid({
      field: 'languages',
      code: 'default_language_not_offered',
      message: `The default language, ${languageLabel(language, 'en')}, must be one of the site's languages: add it, or choose another default.`,
      values: { kind: 'languages', language, languages: tags.join(', ') },
    });
  return { language, languages: orderLanguages(language, tags) };
}

function validateSettings(input: Partial<SiteSettings>): void {
  for (const key of Object.keys(input)) {
    if (!(key in defaultSettings)) throw invalid(key, 'unknown_setting', `There is no setting called ${key}.`);
  }
  if (
    input.commentsPerPage !== undefined &&
    !(Number.isInteger(input.commentsPerPage) && input.commentsPerPage >= 0 && input.commentsPerPage <= 1000)
  ) {
    throw invalid(
      'commentsPerPage',
      'invalid_comments_per_page',
      'Comments per page must be a whole number from 0 (all on one page) to 1000.',
    );
  }
  if (input.commentsNewestPageFirst !== undefined && typeof input.commentsNewestPageFirst !== 'boolean') {
    throw invalid('commentsNewestPageFirst', 'invalid_page_order', 'Say true or false.');
  }
  if (
    input.moderationDigestMinutes !== undefined &&
    !(
      Number.isInteger(input.moderationDigestMinutes) &&
      input.moderationDigestMinutes >= 0 &&
      input.moderationDigestMinutes <= 10_080
    )
  ) {
    throw invalid(
      'moderationDigestMinutes',
      'invalid_digest_interval',
      'Minutes between moderation digests must be a whole number from 0 (none) to 10080 (a week).',
    );
  }
  if (
    input.ipRetentionDays !== undefined &&
    !(Number.isInteger(input.ipRetentionDays) && input.ipRetentionDays >= 1 && input.ipRetentionDays <= 3650)
  ) {
    throw invalid('ipRetentionDays', 'invalid_retention', 'Keep addresses for a whole number of days, from 1 to 3650.');
  }
  if (input.name !== undefined && (input.name.trim() === '' || input.name.length > 120)) {
    throw invalid('name', 'invalid_site_name', 'The site name must be 1 to 120 characters.');
  }
  if (input.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
    } catch {
      throw invalid({
        field: 'timeZone',
        code: 'invalid_time_zone',
        message: `"${input.timeZone}" is not an IANA time zone such as America/Havana.`,
        values: { zone: String(input.timeZone) },
      });
    }
  }
  if (input.language !== undefined && (typeof input.language !== 'string' || !TAG.test(input.language))) {
    throw invalid('language', 'invalid_language', 'The language must be a tag such as en or es-CU.');
  }
  if (input.languages !== undefined && (!Array.isArray(input.languages) || input.languages.length > 20)) {
    throw invalid(
      'languages',
      'invalid_languages',
      'Give the site between 1 and 20 languages, as tags such as en or es.',
    );
  }
  if (
    input.commentsCloseAfterDays !== undefined &&
    !(
      Number.isInteger(input.commentsCloseAfterDays) &&
      input.commentsCloseAfterDays >= 0 &&
      input.commentsCloseAfterDays <= 36_500
    )
  ) {
    throw invalid(
      'commentsCloseAfterDays',
      'invalid_close_after',
      'Days before discussions close must be a whole number from 0 (never) to 36500.',
    );
  }
  if (
    input.threadDepth !== undefined &&
    !(Number.isInteger(input.threadDepth) && input.threadDepth >= 1 && input.threadDepth <= 10)
  ) {
    throw invalid('threadDepth', 'invalid_thread_depth', 'Thread depth must be a whole number from 1 to 10.');
  }
  if (input.feedFullText !== undefined && typeof input.feedFullText !== 'boolean') {
    throw invalid('feedFullText', 'invalid_feed_text', 'Say true (full text) or false (excerpts).');
  }
  if (
    input.feedItems !== undefined &&
    !(Number.isInteger(input.feedItems) && input.feedItems >= 1 && input.feedItems <= 100)
  ) {
    throw invalid('feedItems', 'invalid_feed_items', 'Items per feed must be a whole number from 1 to 100.');
  }
  for (const key of ['logo', 'cardImage'] as const) {
    const image = input[key];
    if (image === undefined || image === null) continue;
    if (
      typeof image !== 'object' ||
      typeof image.url !== 'string' ||
      !/^\/media\/[^\s"<>]+$/.test(image.url) ||
      image.url.length > 500 ||
      !Number.isInteger(image.width) ||
      !Number.isInteger(image.height) ||
      image.width < 1 ||
      image.height < 1 ||
      typeof image.alt !== 'string' ||
      image.alt.length > 1000 ||
      hasControlCharacters(image.alt)
    ) {
      throw invalid(
        key,
        'invalid_site_image',
        'Upload the image at the desk (Settings): a photo from the media library with its size and alt text.',
      );
    }
  }
  validateModerationSettings(input);
}
