// What the sitemaps list: every public article once, by month of publication, in files that stay under the limits
// search engines set (50,000 addresses, 50 MB); the lists; and Google News's last two days. Only what readers may see
// now: drafts, the trash, scheduled articles, previews and old slugs never appear.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { languagePrefix } from '../../platform/paths.ts';
import { nextScheduledChange } from '../articles/index.ts';
import { currentSettings, getSiteLanguages } from '../settings/index.ts';
import * as repo from './sitemap.repository.ts';

/**
 * Bytes of byte bound per file. A file holds the entries whose running bound falls in one span of this size, so
 * the bounds of all but its first entry sum to at most this: with every bound at least FIXED_ENTRY_BYTES, a file
 * holds at most 49,901 entries, and its bytes stay under 50 MB (52,428,800) with 2.5 MB to spare for that first
 * entry and the document's own tags.
 */
export const PART_BYTES = 49_900_000;
export const FIXED_ENTRY_BYTES = 1000;
/** Lists are short entries (a slug of at most 120 characters): this many keeps any file far under 50 MB. */
export const LIST_PART_SIZE = 20_000;
/** Google News reads articles of the last two days, at most 1,000. */
export const NEWS_WINDOW_MS = 2 * 86_400_000;
export const NEWS_LIMIT = 1000;

/** An hreflang link's bound without its slug: the tag, a language of up to 35 characters, the site's address. */
export const FIXED_LINK_BYTES = 100;

/**
 * The parts of an entry's bound that do not depend on the article: the tags and dates and the site's address twice
 * (the page and its photo), and per hreflang link its tag and the site's address.
 */
const entryBytes = (deps: Pick<Deps, 'config'>): repo.EntryBytes => ({
  fixedBytes: FIXED_ENTRY_BYTES + 2 * deps.config.publicUrl.length,
  linkBytes: FIXED_LINK_BYTES + deps.config.publicUrl.length,
});

export interface SitemapFile {
  /** "articles-2026-11", "articles-2026-11-2", "lists", "news" */
  name: string;
  lastmod?: Date;
}

/** How big a file may grow, in bytes of byte bound; smaller only in tests of the cutting. */
export interface PartOptions {
  partBytes?: number;
}

/** Every file the index names, newest month first. */
export async function listSitemapFiles(deps: Deps, options: PartOptions = {}): Promise<SitemapFile[]> {
  const partBytes = options.partBytes ?? PART_BYTES;
  const publicAt = iso(deps.clock.now());
  const [months, lists, news] = await Promise.all([
    repo.listArticleMonths(deps.db, { publicAt, ...entryBytes(deps) }),
    repo.countPublicLists(deps.db, publicAt),
    listNewsArticles(deps),
  ]);
  // The newest change of any month is the lists' too (the front page lists everything).
  const lastChange = months.reduce<string | undefined>(
    (max, m) => (max === undefined || m.lastmod > max ? m.lastmod : max),
    undefined,
  );
  const files: SitemapFile[] = [];
  const listParts = Math.max(1, Math.ceil(lists / LIST_PART_SIZE));
  for (let part = 1; part <= listParts; part++)
    files.push({ name: part === 1 ? 'lists' : `lists-${part}`, ...(lastChange && { lastmod: new Date(lastChange) }) });
  if (news.length > 0)
    files.push({ name: 'news', lastmod: new Date(Math.max(...news.map((n) => n.publishedAt.getTime()))) });
  for (const m of months) {
    const parts = Math.max(1, Math.ceil(m.bytes / partBytes));
    for (let part = 1; part <= parts; part++)
      files.push({
        name: part === 1 ? `articles-${m.month}` : `articles-${m.month}-${part}`,
        lastmod: new Date(m.lastmod),
      });
  }
  return files;
}

/** The month and part a sitemap's name stands for. */
export function parseArticleFile(name: string): { start: string; end: string; part: number } | undefined {
  const m = /^articles-(\d{4})-(\d{2})(?:-([2-9]|[1-9]\d{1,3}))?$/.exec(name);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  const start = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
  return { start: iso(start), end: iso(end), part: m[3] ? Number(m[3]) : 1 };
}

export interface SitemapArticle {
  slug: string;
  lastmod: Date;
  image?: { url: string; caption: string };
  /** With published translations: every language's version, this one included, and which is the site default's. */
  alternates?: { language: string; slug: string; isDefault: boolean }[];
}

/** One file of a month's articles, oldest first; empty when the month or part has none. */
export async function listArticleFile(
  deps: Deps,
  file: { start: string; end: string; part: number },
  options: PartOptions = {},
): Promise<SitemapArticle[]> {
  const partBytes = options.partBytes ?? PART_BYTES;
  const part: repo.MonthPart = {
    publicAt: iso(deps.clock.now()),
    start: file.start,
    end: file.end,
    ...entryBytes(deps),
    from: (file.part - 1) * partBytes,
    to: file.part * partBytes,
  };
  const [rows, alternates, settings] = await Promise.all([
    repo.listMonthArticles(deps.db, part),
    repo.listMonthAlternates(deps.db, part),
    currentSettings(deps),
  ]);
  const defaultLanguage = settings.language.toLowerCase();
  const bySlug = new Map<string, NonNullable<SitemapArticle['alternates']>>();
  for (const r of alternates) {
    const language = r.language ?? settings.language;
    const list = bySlug.get(r.slug) ?? [];
    list.push({ language, slug: r.alternate_slug, isDefault: language.toLowerCase() === defaultLanguage });
    bySlug.set(r.slug, list);
  }
  return rows.map((r) => {
    // A group whose only public member is the article itself has no translation to name yet.
    const versions = bySlug
      .get(r.slug)
      ?.sort((x, y) => (x.language < y.language ? -1 : x.language > y.language ? 1 : 0));
    return {
      slug: r.slug,
      lastmod: new Date(r.lastmod),
      ...(r.image_url && { image: { url: r.image_url, caption: r.image_caption } }),
      ...(versions && versions.length > 1 && { alternates: versions }),
    };
  });
}

export interface SitemapList {
  /** An edition is another language's front page (/es/); its slug is the language's prefix (/es). */
  kind: 'front' | 'edition' | 'corrections' | 'section' | 'tag' | 'author';
  slug?: string;
  lastmod?: Date;
}

/** A file of the lists: the front pages of every edition and the corrections first, then sections, tags and authors with public articles. */
export async function listListsFile(deps: Deps, part: number): Promise<SitemapList[]> {
  const publicAt = iso(deps.clock.now());
  const [rows, lastChange, languages] = await Promise.all([
    repo.listPublicLists(deps.db, { publicAt, limit: LIST_PART_SIZE, offset: (part - 1) * LIST_PART_SIZE }),
    part === 1 ? repo.findLastChange(deps.db, publicAt) : undefined,
    getSiteLanguages(deps),
  ]);
  // Each edition's front page lists its own language's articles; the newest change of all stands for each.
  const lastmod = lastChange ? { lastmod: new Date(lastChange) } : {};
  const editions: SitemapList[] = languages.all
    .map((l) => languagePrefix(l, languages.default))
    .filter((prefix) => prefix !== '')
    .map((prefix) => ({ kind: 'edition', slug: prefix, ...lastmod }));
  const head: SitemapList[] = part === 1 ? [{ kind: 'front', ...lastmod }, ...editions, { kind: 'corrections' }] : [];
  return [...head, ...rows.map((r) => ({ kind: r.kind, slug: r.slug, lastmod: new Date(r.lastmod) }))];
}

export interface NewsArticle {
  slug: string;
  headline: string;
  publishedAt: Date;
}

/** Articles of the last two days, newest first, for Google News. */
export async function listNewsArticles(deps: Deps): Promise<NewsArticle[]> {
  const now = deps.clock.now();
  const rows = await repo.listRecentArticles(deps.db, {
    publicAt: iso(now),
    since: iso(new Date(now.getTime() - NEWS_WINDOW_MS)),
    limit: NEWS_LIMIT,
  });
  return rows.map((r) => ({ slug: r.slug, headline: r.headline, publishedAt: new Date(r.published_at) }));
}

/** The publication as Google News names it: the site's name and its language (ISO 639; zh-cn or zh-tw for Chinese). */
export async function newsPublication(deps: Deps): Promise<{ name: string; language: string }> {
  const settings = await currentSettings(deps);
  const tag = settings.language.toLowerCase();
  const language = tag.startsWith('zh') ? (/-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-tw' : 'zh-cn') : tag.split('-')[0];
  return { name: settings.name, language };
}

/** When the sitemaps next change by themselves: a scheduled article going out, or the oldest news leaving the window. */
export async function sitemapExpiry(deps: Deps, news: NewsArticle[] = []): Promise<Date | null> {
  const next = await nextScheduledChange(deps);
  const oldest = news.at(-1);
  const leaves = oldest ? new Date(oldest.publishedAt.getTime() + NEWS_WINDOW_MS) : null;
  if (!next) return leaves;
  if (!leaves) return next;
  // biome-ignore lint/complexity/useMathMinMax: two Dates, and the earlier Date is wanted, not a number
  return next < leaves ? next : leaves;
}
