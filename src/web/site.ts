// What every page needs to know about the site, and how it writes dates and counts.
import type { Section } from '../modules/sections/index.ts';
import type { SiteSettings } from '../modules/settings/index.ts';
import { archiveMonthPath, articlePath } from '../platform/paths.ts';

export interface SiteView {
  settings: SiteSettings;
  sections: Section[];
  publicUrl: string;
  assets: { stylesheet: string; script: string; icon: string; deskScript: string; moderationScript: string; frontPageScript: string };
  /** The longest texts the forms take, so each field says so itself (maxlength). */
  limits: {
    comment: { name: number; email: number; website: number; body: number };
    reportReason: number;
  };
}

interface DateFormatter {
  format: Intl.DateTimeFormat;
  /** Formatted strings by timestamp: a long discussion formats the same 200 dates on every render. */
  seen: Map<number, string>;
}

const formatters = new Map<string, DateFormatter>();
const MAX_REMEMBERED = 20_000;

/** A date as the newsroom writes it, in the site's language and time zone. */
export function formatDate(site: SiteView, date: Date, withTime = false): string {
  const key = `${site.settings.language}|${site.settings.timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = {
      format: new Intl.DateTimeFormat(site.settings.language, {
        dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: site.settings.timeZone,
      }),
      seen: new Map(),
    };
    formatters.set(key, f);
  }
  const time = date.getTime();
  let text = f.seen.get(time);
  if (text === undefined) {
    text = f.format.format(date);
    if (f.seen.size >= MAX_REMEMBERED) f.seen.clear();
    f.seen.set(time, text);
  }
  return text;
}

/** "3 thoughts on “Headline”", right in the singular and for none. */
export function discussionHeading(count: number, headline: string): string {
  if (count === 0) return `No thoughts yet on “${headline}”`;
  if (count === 1) return `One thought on “${headline}”`;
  return `${count.toLocaleString('en')} thoughts on “${headline}”`;
}

export {
  archiveMonthPath, articlePath, authorPath, commentAnchor, commentDeletePath, commentEditPath, commentPermalink, commentReportPath, sectionPath, tagPath,
} from '../platform/paths.ts';

const monthParts = new Map<string, Intl.DateTimeFormat>();
/** The archive month a moment falls in, on the newsroom's calendar. */
export function archivePathOf(site: SiteView, date: Date): string {
  let f = monthParts.get(site.settings.timeZone);
  if (!f) monthParts.set(site.settings.timeZone, f = new Intl.DateTimeFormat('en-US', { timeZone: site.settings.timeZone, year: 'numeric', month: '2-digit' }));
  const parts = f.formatToParts(date);
  return archiveMonthPath(parts.find((p) => p.type === 'year')!.value, parts.find((p) => p.type === 'month')!.value);
}

export type FeedFormat = 'rss' | 'atom';
/** A list's feed sits under the list's own address: /rss.xml, /sections/{slug}/atom.xml, /articles/{slug}/comments/rss.xml. */
export const feedPath = (base: string, format: FeedFormat) => `${base === '/' ? '' : base}/${format}.xml`;
/** The base of the feeds of the site's latest comments, and of one article's comments. */
export const SITE_COMMENTS_BASE = '/comments';
export const articleCommentsBase = (slug: string) => `${articlePath(slug)}/comments`;
export const CORRECTIONS_PATH = '/corrections';

/** A page's address made absolute for feeds, cards and structured data. */
export function absoluteUrl(site: Pick<SiteView, 'publicUrl'>, pathOrUrl: string): string {
  try {
    return new URL(pathOrUrl, `${site.publicUrl}/`).href;
  } catch {
    return `${site.publicUrl}/`;
  }
}

/** The picture that stands for the site when a page has none: the card image, else the logo. */
export const defaultCardImage = (site: SiteView) => site.settings.cardImage ?? site.settings.logo;
