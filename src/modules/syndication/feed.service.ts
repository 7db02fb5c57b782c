// What each feed holds: the newest public articles of the site, a section, a tag or an author, or the newest
// approved comments of the site or of one article. Only what readers may see at this instant.
import type { EditionLanguage } from '../../platform/db/edition-language.ts';
import type { Deps } from '../../deps.ts';
import {
  findPublicArticle,
  listPublicArticles,
  nextScheduledChange,
  type Article,
  type LanguageFilter,
} from '../articles/index.ts';
import { listLatestComments, type LatestComment } from '../comments/index.ts';
import { findUserBySlug } from '../people/index.ts';
import { findMovedTerm, findSectionBySlug, findTagBySlug } from '../sections/index.ts';
import { currentSettings } from '../settings/index.ts';
import { listUpdatesOf, type ArticleUpdate } from '../updates/index.ts';
import { imageEnclosures, type Enclosure } from './enclosures.ts';

export type ArticleFeedScope = { kind: 'site' } | { kind: 'section' | 'tag' | 'author'; slug: string };

export interface ArticleFeed {
  kind: ArticleFeedScope['kind'];
  /** The list's name (a section's, a tag's, an author's); the site's name for the site. */
  name: string;
  description: string;
  /** The slug the list is at (for its addresses). */
  slug?: string;
  entries: { article: Article; updates: ArticleUpdate[]; enclosures: Enclosure[] }[];
  fullText: boolean;
  /** When a scheduled article next changes the feed by itself. */
  expiresAt: Date | null;
}

/** The feed of a list of articles; a renamed section or tag gives its new slug instead; undefined when there is no such list. */
export async function loadArticleFeed(
  deps: Deps,
  scope: ArticleFeedScope,
  /** Only the articles of one language's edition. */
  language?: LanguageFilter,
): Promise<ArticleFeed | { movedTo: string } | undefined> {
  const settings = await currentSettings(deps);
  let filter: { sectionId?: string; tagId?: string; authorId?: string } = {};
  let name = settings.name;
  let description = settings.description;
  if (scope.kind === 'section' || scope.kind === 'tag') {
    const term =
      scope.kind === 'section'
        ? await findSectionBySlug(deps.db, scope.slug)
        : await findTagBySlug(deps.db, scope.slug);
    if (!term) {
      const movedTo = await findMovedTerm(deps.db, scope.kind, scope.slug);
      return movedTo ? { movedTo } : undefined;
    }
    filter = scope.kind === 'section' ? { sectionId: term.id } : { tagId: term.id };
    // A tag's feed is titled in the feed's language by the presenter ("Tagged “…”").
    name = term.name;
    if ('description' in term && typeof term.description === 'string' && term.description)
      description = term.description;
  } else if (scope.kind === 'author') {
    const author = await findUserBySlug(deps.db, scope.slug);
    if (!author) return undefined;
    filter = { authorId: author.id };
    name = author.name;
    if (author.bio) description = author.bio;
  }
  const [list, expiresAt] = await Promise.all([
    listPublicArticles(deps, {
      ...filter,
      language,
      page: 1,
      limit: settings.feedItems,
      newestFirst: true,
      boundedTotal: true,
    }),
    nextScheduledChange(deps),
  ]);
  const updates = await listUpdatesOf(
    deps,
    list.articles.map((a) => a.id),
  );
  const entries = await Promise.all(
    list.articles.map(async (article) => ({
      article,
      updates: updates.get(article.id) ?? [],
      enclosures: await imageEnclosures(deps, article.featuredImage),
    })),
  );
  return {
    kind: scope.kind,
    name,
    description,
    slug: 'slug' in scope ? scope.slug : undefined,
    entries,
    fullText: settings.feedFullText,
    expiresAt,
  };
}

export interface CommentFeed {
  /** The article whose discussion this is; absent for the site's. */
  article?: Article;
  comments: LatestComment[];
}

/** The newest approved comments of the site, or of a public article (an old slug gives the new one). */
export async function loadCommentFeed(
  deps: Deps,
  scope: { slug?: string; language?: EditionLanguage },
): Promise<CommentFeed | { movedTo: string } | undefined> {
  const settings = await currentSettings(deps);
  if (scope.slug === undefined)
    return { comments: await listLatestComments(deps, { language: scope.language, limit: settings.feedItems }) };
  const found = await findPublicArticle(deps, scope.slug);
  if (!found) return undefined;
  if ('redirectTo' in found) return { movedTo: found.redirectTo };
  return {
    article: found.article,
    comments: await listLatestComments(deps, { articleId: found.article.id, limit: settings.feedItems }),
  };
}
