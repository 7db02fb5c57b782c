// Site settings: name, language, time zone, the discussion defaults and its moderation rules, stored as key/value rows.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
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
  /** BCP 47 language tag of the site, used for <html lang> and dates. */
  language: string;
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
  return settings as unknown as SiteSettings;
}

/** Validates and stores changed settings in one transaction; a person's change is audited with it. */
export async function updateSettings(
  deps: Pick<Deps, 'db' | 'pageCache' | 'clock'>,
  input: Partial<SiteSettings>,
  actor?: { staff: Staff; ip: string },
): Promise<SiteSettings> {
  if (actor) authorize(actor.staff, 'settings.manage');
  validateSettings(input);
  const before = await getSettings(deps);
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
  if (Object.keys(changed).some((key) => !UNSEEN_KEYS.has(key))) await deps.pageCache.invalidate(['*']);
  return getSettings(deps);
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
      throw invalid(
        'timeZone',
        'invalid_time_zone',
        `"${input.timeZone}" is not an IANA time zone such as America/Havana.`,
      );
    }
  }
  if (input.language !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(input.language)) {
    throw invalid('language', 'invalid_language', 'The language must be a tag such as en or es-CU.');
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
