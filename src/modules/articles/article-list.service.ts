// The reader's lists: the front page, a section, a tag and an author's page, a page at a time.
import type { Deps } from '../../deps.ts';
import { authorPath, sectionPath, tagPath } from '../../platform/paths.ts';
import { wallTimeToInstant } from '../../platform/zoned-time.ts';
import { findUserBySlug } from '../people/index.ts';
import { findMovedTerm, findSectionBySlug, findTagBySlug } from '../sections/index.ts';
import type { Article } from './article.ts';
import type { LanguageFilter } from './article.repository.ts';
import { listPublicArticles, nextScheduledChange, type ListQuery } from './article.service.ts';

export type ListKind = 'front' | 'section' | 'tag' | 'author';

export interface ArticleList {
  kind: ListKind;
  title: string;
  /** The section's, tag's or author's own name and slug (not for the front page). */
  name?: string;
  slug?: string;
  /** Shown under the heading: a section's description, an author's bio. */
  intro?: string;
  /** An author's portrait. */
  photo?: string;
  /** The list's address (page 1). */
  path: string;
  articles: Article[];
  page: number;
  pages: number;
  /** More pages than `pages` follow (the list was counted only so far). */
  morePages: boolean;
  /** When the list next changes by itself (a scheduled article going live). */
  expiresAt: Date | null;
}

const PAGE_SIZE = 12;

/** What a list is about, and its filter; undefined when the slug names nothing. */
async function subjectOf(deps: Pick<Deps, 'db'>, kind: ListKind, slug: string) {
  if (kind === 'front') return { title: 'Latest news', path: '/', filter: {} };
  if (kind === 'section') {
    const section = await findSectionBySlug(deps.db, slug);
    return (
      section && {
        title: section.name,
        name: section.name,
        slug: section.slug,
        intro: section.description,
        path: sectionPath(section.slug),
        filter: { sectionId: section.id },
      }
    );
  }
  if (kind === 'tag') {
    const tag = await findTagBySlug(deps.db, slug);
    return (
      tag && {
        title: `Tagged “${tag.name}”`,
        name: tag.name,
        slug: tag.slug,
        path: tagPath(tag.slug),
        filter: { tagId: tag.id },
      }
    );
  }
  const author = await findUserBySlug(deps.db, slug);
  return (
    author && {
      title: author.name,
      name: author.name,
      slug: author.slug,
      intro: author.bio,
      photo: author.photo_url || undefined,
      path: authorPath(author.slug),
      filter: { authorId: author.id },
    }
  );
}

/** One page of a list; undefined when there is no such list or no such page of it. */
export async function loadArticleList(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { kind: ListKind; slug?: string; page: number; language?: LanguageFilter },
): Promise<ArticleList | undefined> {
  const subject = await subjectOf(deps, input.kind, input.slug ?? '');
  if (!subject) return undefined;
  const filter: Omit<ListQuery, 'page' | 'limit'> = { ...subject.filter, language: input.language };
  const [list, next] = await Promise.all([
    listPublicArticles(deps, { ...filter, page: input.page, limit: PAGE_SIZE, boundedTotal: true }),
    nextScheduledChange(deps),
  ]);
  if (input.page > list.pages) return undefined;
  return {
    kind: input.kind,
    title: subject.title,
    name: 'name' in subject ? subject.name : undefined,
    slug: 'slug' in subject ? subject.slug : undefined,
    intro: 'intro' in subject ? subject.intro : undefined,
    photo: 'photo' in subject ? subject.photo : undefined,
    path: subject.path,
    articles: list.articles,
    page: input.page,
    pages: list.pages,
    morePages: list.morePages,
    expiresAt: next,
  };
}

/** A renamed or merged section or tag: the address its old list moved to. */
export async function findMovedList(
  deps: Pick<Deps, 'db'>,
  input: { kind: ListKind; slug?: string },
): Promise<string | undefined> {
  if (input.kind !== 'section' && input.kind !== 'tag') return undefined;
  const slug = await findMovedTerm(deps.db, input.kind, input.slug ?? '');
  return slug ? (input.kind === 'section' ? sectionPath(slug) : tagPath(slug)) : undefined;
}

const ARCHIVE_PAGE_SIZE = 20;

/** A page of one month's articles, the month on the newsroom's calendar; undefined when it holds none, or no such page. */
export async function loadArchiveMonth(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { year: number; month: number; page: number; timeZone: string; language?: LanguageFilter },
): Promise<{ articles: Article[]; total: number; pages: number; expiresAt: Date | null } | undefined> {
  const { year: y, month: m } = input;
  const wall = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01T00:00`;
  const from = wallTimeToInstant(wall(y, m), input.timeZone);
  const until = wallTimeToInstant(m === 12 ? wall(y + 1, 1) : wall(y, m + 1), input.timeZone);
  const [list, next] = await Promise.all([
    listPublicArticles(deps, { from, until, page: input.page, limit: ARCHIVE_PAGE_SIZE, language: input.language }),
    nextScheduledChange(deps),
  ]);
  if (list.total === 0 || input.page > list.pages) return undefined;
  return { articles: list.articles, total: list.total, pages: list.pages, expiresAt: next };
}
