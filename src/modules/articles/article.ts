// The article as the newsroom thinks of it, and the rules derived from its stored times.
import type { CommentSetting, StoredArticleStatus } from '../../platform/db/tables.ts';
import type { SiteSettings } from '../settings/index.ts';
import type { Section, Tag } from '../sections/index.ts';

export type ArticleStatus = 'draft' | 'pending' | 'scheduled' | 'published' | 'trash';

export interface Byline {
  id: string;
  name: string;
  slug: string;
}

/** A featured image as a revision stored it: snapshots from before responsive sizes have no srcset. */
export type StoredFeaturedImage = Omit<FeaturedImage, 'srcset'> & { srcset?: string };

export interface FeaturedImage {
  url: string;
  caption: string;
  credit: string;
  alt: string;
  width: number | null;
  height: number | null;
  /** Responsive sizes when the image comes from the media library; empty otherwise. */
  srcset: string;
}

/** Another article of the same translation group, as the article's page and the desk name it. */
export interface ArticleTranslation {
  id: string;
  slug: string;
  headline: string;
  /** BCP 47 tag; null means the site's default language. */
  language: string | null;
  status: ArticleStatus;
}

export interface Article {
  id: string;
  slug: string;
  headline: string;
  subheadline: string;
  bodySource: string;
  bodyHtml: string;
  excerpt: string;
  dateline: string;
  sourceCredit: string;
  section: Section | null;
  authors: Byline[];
  tags: Tag[];
  featuredImage: FeaturedImage | null;
  status: ArticleStatus;
  publishedAt: Date | null;
  commentSetting: CommentSetting;
  commentsClosedAt: Date | null;
  commentCount: number;
  /** BCP 47 tag of the article's language; null follows the site's default (see articleLanguage). */
  language: string | null;
  /** Shared by an article and its translations; null when it has none. */
  translationGroup: string | null;
  /** The other articles of its translation group, whatever their status (readers are shown the published ones). */
  translations: ArticleTranslation[];
  /** Placed among the front page's top stories by an editor (WordPress's sticky on import). */
  pinned: boolean;
  version: number;
  /** Bumped by the database whenever a comment readers can see changes; with `version`, the page's validator. */
  discussionRevision: number;
  createdAt: Date;
  updatedAt: Date;
  /**
   * When readers last saw its content change: a real edit or a recorded update or correction after publication,
   * else the publication time. Never moved by a comment, a pin or a discussion switch (dateModified, feeds, sitemaps).
   */
  modifiedAt: Date;
}

/** The later of the publication time and the last change of content (both optional). */
export function contentModifiedAt(publishedAt: Date | null, modifiedAt: Date | null, createdAt: Date): Date {
  const times = [publishedAt, modifiedAt].filter((t): t is Date => t !== null);
  if (times.length === 0) return createdAt;
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

/** Draft stays draft; a published article whose time has not come is scheduled. */
export function deriveStatus(stored: StoredArticleStatus, publishedAt: Date | null, now: Date): ArticleStatus {
  if (stored !== 'published') return stored;
  return publishedAt && publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/**
 * When the discussion closes, or null if it stays open. Derived on read, so no job has to run:
 * closed by hand, kept open by hand, or the site default of N days after publication.
 */
export function discussionClosesAt(
  article: Pick<Article, 'commentSetting' | 'commentsClosedAt' | 'publishedAt'> & {
    section?: Pick<Section, 'comments_close_after_days'> | null;
  },
  settings: Pick<SiteSettings, 'commentsCloseAfterDays'>,
): Date | null {
  if (article.commentSetting === 'closed') return article.commentsClosedAt ?? new Date(0);
  if (article.commentSetting === 'open') return null;
  // A section may keep its discussions open longer or shorter than the site does.
  const days = article.section?.comments_close_after_days ?? settings.commentsCloseAfterDays;
  if (!article.publishedAt || days <= 0) return null;
  return new Date(article.publishedAt.getTime() + days * 86_400_000);
}

export function isDiscussionOpen(
  article: Parameters<typeof discussionClosesAt>[0],
  settings: Pick<SiteSettings, 'commentsCloseAfterDays'>,
  now: Date,
): boolean {
  const closesAt = discussionClosesAt(article, settings);
  return closesAt === null || closesAt.getTime() > now.getTime();
}

/** The byline in words: "By A, B and C"; a wire story without staff authors is "By" its credit; '' with neither. */
export function bylineText(authors: readonly { name: string }[], sourceCredit: string): string {
  const names = authors.map((a) => a.name);
  if (names.length === 0) return sourceCredit ? `By ${sourceCredit}` : '';
  return `By ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}`;
}

/** The language an article is written in: its own, else the site's default. */
export const articleLanguage = (article: Pick<Article, 'language'>, siteLanguage: string): string =>
  article.language ?? siteLanguage;
