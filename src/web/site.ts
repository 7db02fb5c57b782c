// What every page needs to know about the site, and how it writes dates and counts.
import type { Section } from '../modules/sections/index.ts';
import type { SiteSettings } from '../modules/settings/index.ts';
import type { Translator } from '../platform/i18n/translator.ts';
import { archiveMonthPath, articlePath } from '../platform/paths.ts';

export interface SiteView {
  settings: SiteSettings;
  sections: Section[];
  publicUrl: string;
  /** The page's language: its messages, dates and numbers (the site's, or an article's own). */
  i18n: Translator;
  /**
   * The edition of the site the page belongs to: its language, and the prefix of its reader addresses ('' for the
   * default language, '/es' for Spanish on an English site). Lists, search, the archive and feeds live under it.
   */
  edition: { language: string; prefix: string };
  /** Every language of the site with its front page (the default's at /), for the language switcher. */
  languages: { tag: string; name: string; home: string }[];
  assets: {
    stylesheet: string;
    script: string;
    icon: string;
    deskScript: string;
    moderationScript: string;
    frontPageScript: string;
  };
  /** The longest texts the forms take, so each field says so itself (maxlength). */
  limits: {
    comment: { name: number; email: number; website: number; body: number };
    reportReason: number;
  };
  /**
   * A digest of everything above as read (settings, sections, addresses, assets, the catalogues' words): part of
   * every page's validator, so a page re-validated after any of them changed is never answered 304.
   */
  revision: string;
}

/** A reader address in the page's edition: /sections/harbour, or /es/sections/harbour on the Spanish pages. */
export const editionPath = (site: Pick<SiteView, 'edition'>, path: string): string =>
  site.edition.prefix === '' ? path : path === '/' ? `${site.edition.prefix}/` : `${site.edition.prefix}${path}`;

/** A date as the newsroom writes it, in the page's language and the newsroom's time zone. */
export const formatDate = (site: SiteView, date: Date, withTime = false): string => site.i18n.date(date, withTime);

/** "3 thoughts on “Headline”" in the page's language, right in the singular and for none. */
export const discussionHeading = (site: Pick<SiteView, 'i18n'>, count: number, headline: string): string =>
  site.i18n.t('discussion.heading', { count, headline });

export {
  archiveMonthPath,
  articlePath,
  authorPath,
  commentAnchor,
  commentDeletePath,
  commentEditPath,
  commentPermalink,
  commentReportPath,
  sectionPath,
  tagPath,
} from '../platform/paths.ts';

const monthParts = new Map<string, Intl.DateTimeFormat>();
/** The archive month a moment falls in, on the newsroom's calendar. */
export function archivePathOf(site: SiteView, date: Date): string {
  let f = monthParts.get(site.settings.timeZone);
  if (!f)
    monthParts.set(
      site.settings.timeZone,
      (f = new Intl.DateTimeFormat('en-US', { timeZone: site.settings.timeZone, year: 'numeric', month: '2-digit' })),
    );
  const parts = f.formatToParts(date);
  return archiveMonthPath(parts.find((p) => p.type === 'year')!.value, parts.find((p) => p.type === 'month')!.value);
}

export type FeedFormat = 'rss' | 'atom';
/** A list's feed sits under the list's own address: /rss.xml, /sections/{slug}/atom.xml, /articles/{slug}/comments/rss.xml. */
export const feedPath = (base: string, format: FeedFormat) => `${base.replace(/\/$/, '')}/${format}.xml`;
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
