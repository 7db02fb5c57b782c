// WordPress's feed addresses (/feed/, /feed/atom/, /comments/feed/, /category/x/feed/, a post's /feed/, ?feed=rss2,
// /wp-rss2.php) answer with the matching Dateline feed, so readers and aggregators that followed the old site keep
// getting news after the move. Addresses an import recorded come first; on a site that was never imported (or for
// things made since), the slug in the address finds the section, tag, author or article.
import type { Deps } from '../../deps.ts';
import { findPublicArticle } from '../articles/index.ts';
import { findUserBySlug } from '../people/index.ts';
import { findSectionBySlug, findTagBySlug } from '../sections/index.ts';
import * as repo from './wordpress.repository.ts';
import { basePath, isSafeTarget, isServedPath, type RequestMatch } from './wordpress-urls.ts';

const feedFile = (base: string, format: 'rss' | 'atom') => `${base === '/' ? '' : base}/${format}.xml`;

/** The feed of a page Dateline serves: a list's own feed, an article's comments, the site's feed for the front page. */
function feedOf(target: string, format: 'rss' | 'atom'): string | undefined {
  const path = target.split(/[?#]/)[0];
  if (path === '/') return feedFile('/', format);
  if (/^\/articles\/[^/]+$/.test(path)) return feedFile(`${path}/comments`, format);
  if (/^\/(sections|tags|authors)\/[^/]+$/.test(path)) return feedFile(path, format);
  return undefined;
}

const lastSegment = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';

/** What an address names by its slug alone: /category/…/slug, /tag/slug, /author/slug, /…/post-slug. */
async function findBySlug(deps: Pick<Deps, 'db' | 'clock'>, path: string): Promise<string | undefined> {
  const slug = lastSegment(path);
  if (!slug) return undefined;
  if (/^\/category\//.test(path))
    return (await findSectionBySlug(deps.db, slug)) && `/sections/${encodeURIComponent(slug)}`;
  if (/^\/tag\//.test(path)) return (await findTagBySlug(deps.db, slug)) && `/tags/${encodeURIComponent(slug)}`;
  if (/^\/author\//.test(path)) return (await findUserBySlug(deps.db, slug)) && `/authors/${encodeURIComponent(slug)}`;
  const found = await findPublicArticle(deps, slug);
  if (!found) return undefined;
  return `/articles/${encodeURIComponent('article' in found ? found.article.slug : found.redirectTo)}`;
}

/**
 * The Dateline feed for a WordPress feed address, or undefined when nothing matches. The site's own feeds map by
 * form alone; any other is never taken under an address the site serves (`served`), as for every old address.
 */
export async function findFeedRedirect(
  deps: Pick<Deps, 'db' | 'clock'>,
  match: RequestMatch,
  served: ReadonlySet<string>,
): Promise<string | undefined> {
  const { format, comments } = match.feed!;
  if (match.siteFeed) return feedFile(comments ? '/comments' : '/', format);
  if (match.path !== '/' && isServedPath(match.path, served)) return undefined;
  // An imported site that lived under a path (https://example.org/news/): its feeds were /news/feed/ and /news/comments/feed/.
  // (A ?p= link under the base names a post, not the site.)
  const bases = match.keys.some((k) => k.startsWith('?'))
    ? []
    : (await repo.listImportSources(deps.db)).map(basePath).filter(Boolean);
  for (const base of bases) {
    if (match.path === base) return feedFile('/', format);
    if (match.path === `${base}/comments`) return feedFile('/comments', format);
  }
  const found = await repo.findLegacyTarget(deps.db, match.keys);
  const recorded = found && isSafeTarget(found.target, found.source) ? found.target : undefined;
  const target = recorded ?? (match.path !== '/' ? await findBySlug(deps, match.path) : undefined);
  return target && feedOf(target, format);
}
