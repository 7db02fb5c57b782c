// All SQL about articles, their bylines, tags and old slugs.
import { sql, type SelectQueryBuilder } from 'kysely';
import { byIds, compiledOnce } from '../../platform/db/compiled-once.ts';
import type { Db, Dialect } from '../../platform/db/database.ts';
import { type EditionLanguage, inEditionLanguage } from '../../platform/db/edition-language.ts';
import type {
  ArticleKind,
  ArticleRow,
  Database,
  ArticleRowUpdate,
  NewArticleRow,
  StoredArticleStatus,
} from '../../platform/db/tables.ts';
import { SECTION_COLUMNS, type Section, type Tag } from '../sections/index.ts';
import { contentModifiedAt, deriveStatus, type Article, type ArticleTranslation, type Byline } from './article.ts';
import { findPlaced, listPlacedIds } from './front-page.repository.ts';
import { chunksOf } from '../../platform/db/chunks.ts';
import { addMonths, monthFigures } from '../../platform/db/month-digests.ts';

/**
 * Articles in one language: its tag, and whether it is the site's default, in which articles with no language of
 * their own (null) are written (inEditionLanguage).
 */
export type LanguageFilter = EditionLanguage;

export interface ArticleFilter {
  /** Only the articles of a language's edition. */
  language?: LanguageFilter;
  sectionId?: string;
  tagId?: string;
  authorId?: string;
  /** Lists hold articles; pages (imported "About" and the like) stand apart. */
  kind?: ArticleKind;
  /** Only what readers may see at this instant. */
  publicAt?: string;
  /** The desk's filters: a derived status at this instant, and words in the headline. */
  /** Without it, the desk lists everything but the trash. */
  status?: { is: 'draft' | 'pending' | 'scheduled' | 'published' | 'trash'; now: string };
  /** Published at or after this instant, and before `publishedBefore` (an archive month). */
  publishedFrom?: string;
  publishedBefore?: string;
  desk?: boolean;
  text?: string;
}

export type ArticleSort = 'newest' | 'updated' | 'headline' | 'published' | 'front';

const sectionsOf = byIds((db, ids) => db.selectFrom('sections').select(SECTION_COLUMNS).where('id', 'in', ids));
const bylinesOf = byIds((db, ids) =>
  db
    .selectFrom('article_authors')
    .innerJoin('users', 'users.id', 'article_authors.user_id')
    .select(['article_authors.article_id', 'users.id', 'users.name', 'users.slug'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.position'),
);
const tagsOf = byIds((db, ids) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', ids)
    .orderBy('tags.name'),
);
// Asked on every view of an article's page: a text compiled once.
const articleBySlug = compiledOnce((db, p: { slug: string }) =>
  db.selectFrom('articles').selectAll().where('slug', '=', p.slug),
);

/** Rows plus their relations, mapped to the domain type. */
async function hydrate(db: Db, rows: ArticleRow[], now: Date): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sectionIds = [...new Set(rows.map((r) => r.section_id).filter((s): s is string => s !== null))];
  const groups = [...new Set(rows.map((r) => r.translation_group).filter((g): g is string => g !== null))];
  const [sections, authors, tags, placed, members] = await Promise.all([
    sectionsOf(db, sectionIds),
    bylinesOf(db, ids),
    tagsOf(db, ids),
    findPlaced(db, ids),
    groups.length ? listGroupMembers(db, groups) : [],
  ]);
  const sectionById = new Map<string, Section>(sections.map((s) => [s.id, s]));
  const group = <T extends { article_id: string }, U>(items: T[], pick: (t: T) => U) => {
    const map = new Map<string, U[]>();
    for (const item of items) map.set(item.article_id, [...(map.get(item.article_id) ?? []), pick(item)]);
    return map;
  };
  const authorsBy = group(authors, (a): Byline => ({ id: a.id, name: a.name, slug: a.slug }));
  const tagsBy = group(tags, (t): Tag => ({ id: t.id, slug: t.slug, name: t.name }));
  return rows.map((row) => ({
    ...toArticle(
      row,
      {
        section: row.section_id ? (sectionById.get(row.section_id) ?? null) : null,
        authors: authorsBy.get(row.id) ?? [],
        tags: tagsBy.get(row.id) ?? [],
        pinned: placed.has(row.id),
      },
      now,
    ),
    translations: members
      .filter((m) => m.translation_group === row.translation_group && m.id !== row.id)
      .map((m) => translationOf(m, now)),
  }));
}

const MEMBER_COLUMNS = ['id', 'slug', 'headline', 'language', 'status', 'published_at', 'translation_group'] as const;
type MemberRow = Pick<ArticleRow, (typeof MEMBER_COLUMNS)[number]>;

/** Every article of the given translation groups, oldest first. */
function listGroupMembers(db: Db, groups: string[]): Promise<MemberRow[]> {
  return db
    .selectFrom('articles')
    .select([...MEMBER_COLUMNS])
    .where('translation_group', 'in', groups)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const translationOf = (m: MemberRow, now: Date): ArticleTranslation => ({
  id: m.id,
  slug: m.slug,
  headline: m.headline,
  language: m.language,
  status: deriveStatus(m.status, m.published_at ? new Date(m.published_at) : null, now),
});

/** The articles of one translation group (the language each is written in, its id and slug), oldest first. */
export async function listTranslationGroup(db: Db, group: string, now: Date): Promise<ArticleTranslation[]> {
  return (await listGroupMembers(db, [group])).map((m) => translationOf(m, now));
}

/** Puts articles in a translation group (null takes them out of any), fixing each one's language as it is now. */
export async function setTranslationGroup(
  db: Db,
  members: { id: string; language: string }[],
  group: string | null,
): Promise<void> {
  for (const m of members)
    await db
      .updateTable('articles')
      .set({ translation_group: group, language: m.language })
      .where('id', '=', m.id)
      .execute();
}

/** An article from its row and what hydrate() read beside it: section, bylines, tags, a place on the front page. */
function toArticle(
  row: ArticleRow,
  { section, authors, tags, pinned }: { section: Section | null; authors: Byline[]; tags: Tag[]; pinned: boolean },
  now: Date,
): Article {
  const publishedAt = row.published_at ? new Date(row.published_at) : null;
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    subheadline: row.subheadline,
    bodySource: row.body_source,
    bodyHtml: row.body_html,
    excerpt: row.excerpt,
    dateline: row.dateline,
    sourceCredit: row.source_credit,
    language: row.language,
    translationGroup: row.translation_group,
    translations: [],
    section,
    authors,
    tags,
    featuredImage: row.image_url
      ? {
          url: row.image_url,
          caption: row.image_caption,
          credit: row.image_credit,
          alt: row.image_alt,
          width: row.image_width,
          height: row.image_height,
          srcset: row.image_srcset,
        }
      : null,
    status: deriveStatus(row.status, publishedAt, now),
    publishedAt,
    commentSetting: row.comment_setting,
    commentsClosedAt: row.comments_closed_at ? new Date(row.comments_closed_at) : null,
    commentCount: Number(row.comment_count),
    pinned,
    version: Number(row.version),
    discussionRevision: Number(row.discussion_revision),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    modifiedAt: contentModifiedAt(
      publishedAt,
      row.modified_at ? new Date(row.modified_at) : null,
      new Date(row.created_at),
    ),
  };
}

export async function findArticleBySlug(db: Db, slug: string, now: Date): Promise<Article | undefined> {
  const [row] = await articleBySlug(db, { slug });
  return row ? (await hydrate(db, [row], now))[0] : undefined;
}

export async function findArticlesByIds(db: Db, ids: string[], now: Date): Promise<Article[]> {
  if (ids.length === 0) return [];
  return hydrate(db, await db.selectFrom('articles').selectAll().where('id', 'in', ids).execute(), now);
}

export async function findArticleById(db: Db, id: string, now: Date): Promise<Article | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrate(db, [row], now))[0] : undefined;
}

/**
 * What posting a comment needs of an article, in one query: is it public, is its discussion open (with its section's
 * own closing rule), and its headline for reply mail. Lighter than findArticleBySlug, which also loads bylines and tags.
 */
export async function findDiscussionTarget(db: Db, slug: string) {
  const row = await db
    .selectFrom('articles as a')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .select([
      'a.id',
      'a.slug',
      'a.headline',
      'a.language',
      'a.status',
      'a.published_at',
      'a.comment_setting',
      'a.comments_closed_at',
      's.comments_close_after_days',
    ])
    .where('a.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const publishedAt = row.published_at ? new Date(row.published_at) : null;
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    language: row.language,
    stored: row.status,
    publishedAt,
    commentSetting: row.comment_setting,
    commentsClosedAt: row.comments_closed_at ? new Date(row.comments_closed_at) : null,
    section: { comments_close_after_days: row.comments_close_after_days },
  };
}

/** The article's current slug if `slug` is one it used to have. */
export async function findRedirectedSlug(db: Db, slug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .select('articles.slug')
    .where('slug_redirects.old_slug', '=', slug)
    .executeTakeFirst();
  return row?.slug;
}

export const slugInUse = async (db: Db, slug: string, exceptId?: string): Promise<boolean> => {
  let q = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const redirect = await db
    .selectFrom('slug_redirects')
    .select('article_id')
    .where('old_slug', '=', slug)
    .executeTakeFirst();
  return (await q.executeTakeFirst()) !== undefined || (redirect !== undefined && redirect.article_id !== exceptId);
};

/** Which of these slugs are in use (by an article, or as an old slug that redirects), in one statement a few hundred. */
export async function slugsInUse(db: Db, slugs: string[]): Promise<Map<string, boolean>> {
  const out = new Map(slugs.map((s) => [s, false]));
  const unique = [...out.keys()];
  for (const chunk of chunksOf(unique, 500)) {
    const rows = await db
      .selectFrom('articles')
      .select('slug')
      .where('slug', 'in', chunk)
      .unionAll(db.selectFrom('slug_redirects').select('old_slug as slug').where('old_slug', 'in', chunk))
      .execute();
    for (const r of rows) out.set(r.slug, true);
  }
  return out;
}

/**
 * A page of articles with the total for paging; with `countUpTo`, the total stops there (a lower bound, cheap at any
 * size of the site).
 */
export async function listArticles(
  db: Db,
  {
    filter,
    page,
    now,
  }: {
    filter: ArticleFilter;
    page: { limit: number; offset: number; sort?: ArticleSort; countUpTo?: number };
    now: Date;
  },
) {
  let q = db.selectFrom('articles');
  if (filter.publicAt)
    q = q.where('articles.status', '=', 'published').where('articles.published_at', '<=', filter.publicAt);
  if (filter.status) {
    const { is, now: at } = filter.status;
    q =
      is === 'scheduled' || is === 'published'
        ? q
            .where('articles.status', '=', 'published')
            .where('articles.published_at', is === 'scheduled' ? '>' : '<=', at)
        : q.where('articles.status', '=', is);
  } else if (filter.desk) {
    q = q.where('articles.status', '!=', 'trash');
  }
  if (filter.text) {
    const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    // ESCAPE spelled out: SQLite has no default escape character for LIKE.
    for (const word of words)
      q = q.where(
        sql<boolean>`lower(articles.headline) like ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
      );
  }
  if (filter.kind) q = q.where('articles.kind', '=', filter.kind);
  if (filter.publishedFrom) q = q.where('articles.published_at', '>=', filter.publishedFrom);
  if (filter.publishedBefore) q = q.where('articles.published_at', '<', filter.publishedBefore);
  if (filter.sectionId) q = q.where('articles.section_id', '=', filter.sectionId);
  if (filter.language) q = q.where(inEditionLanguage('articles', filter.language));
  // A reader's list of a tag or an author is read off that tag's or author's own newest-first index (the link below);
  // any other link is a condition on each article.
  const sort = page.sort ?? (filter.publicAt ? 'published' : 'newest');
  const link = sort === 'published' ? listLink(filter) : undefined;
  if (filter.tagId && link?.table !== 'article_tags') {
    const tagId = filter.tagId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .select('article_tags.tag_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('article_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (filter.authorId && link?.table !== 'article_authors') {
    const authorId = filter.authorId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.user_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.user_id', '=', authorId),
      ),
    );
  }
  // The page's ids first, then their rows: with a covering index the skipped rows of a deep page are index entries
  // only, never table rows, so the 500th page costs a walk of 6,000 index entries at any size of the site.
  if (link) q = throughLink(q, link, filter.publicAt);
  const ids =
    sort === 'front'
      ? await frontPageIds(db, q, page)
      : await sorted(q.select('articles.id'), link ? 'link' : sort)
          .limit(page.limit)
          .offset(page.offset)
          .execute();
  // Counting every match grows with the site; a reader's list only needs to know there are pages beyond this one.
  const counted =
    page.countUpTo === undefined
      ? q.select((eb) => eb.fn.countAll<number>().as('n'))
      : db
          .selectFrom(q.select('articles.id').limit(page.countUpTo).as('capped'))
          .select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, total] = await Promise.all([
    ids.length
      ? db
          .selectFrom('articles')
          .selectAll()
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
      : [],
    counted.executeTakeFirstOrThrow(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((r) => byId.get(r.id)).filter((r): r is ArticleRow => r !== undefined);
  return { articles: await hydrate(db, ordered, now), total: Number(total.n) };
}

// biome-ignore lint/complexity/noBannedTypes: Kysely's type for a query that selects nothing yet
type ListQuery = SelectQueryBuilder<Database, 'articles', {}>;

/** A tag or a byline that leads a list to its articles: its table, and the tag or author. */
interface ListLink {
  table: 'article_tags' | 'article_authors';
  id: string;
}

/** The tag or author whose list this is (the tag when both are asked for). */
function listLink(filter: ArticleFilter): ListLink | undefined {
  if (filter.tagId) return { table: 'article_tags', id: filter.tagId };
  if (filter.authorId) return { table: 'article_authors', id: filter.authorId };
  return undefined;
}

/**
 * The list's articles joined to their tag or byline (as `link`). Ordered by the link's copy of the publication time
 * (sorted(q, 'link')), the page is read off the tag's or author's newest-first index and each entry asks its article
 * whether it is public: a tag of five stories from years ago reads five entries, where a walk of every article newest
 * first read them all. The same join counts the list's articles.
 */
function throughLink(q: ListQuery, link: ListLink, publicAt: string | undefined): ListQuery {
  const joined =
    link.table === 'article_tags'
      ? q.innerJoin('article_tags as link', 'link.article_id', 'articles.id').where('link.tag_id', '=', link.id)
      : q.innerJoin('article_authors as link', 'link.article_id', 'articles.id').where('link.user_id', '=', link.id);
  // The index starts at the present: what is scheduled stays behind.
  const walk = publicAt ? joined.where('link.published_at', '<=', publicAt) : joined;
  // The join adds a table the list's other conditions never name; the type of the list's query stays one.
  return walk as unknown as ListQuery;
}

/**
 * The front page's ids: the editors' arrangement first (lead, then the top stories in order), then the rest newest
 * first. The placed few are read on their own, so the rest walks the publication-time index like any list and a deep
 * page stays cheap at any size of the site.
 */
async function frontPageIds(db: Db, q: ListQuery, page: { limit: number; offset: number }): Promise<{ id: string }[]> {
  // The arrangement in order (its position index, no sort), then which of those the list's filter keeps.
  const order = await listPlacedIds(db);
  const kept = order.length
    ? new Set((await q.select('articles.id').where('articles.id', 'in', order).execute()).map((r) => r.id))
    : new Set<string>();
  const placed = order.filter((id) => kept.has(id)).map((id) => ({ id }));
  const head = placed.slice(page.offset, page.offset + page.limit);
  const room = page.limit - head.length;
  if (room === 0) return head;
  const rest: { id: string }[] = await sorted(
    q
      .select('articles.id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('front_page_slots')
              .select('front_page_slots.article_id')
              .whereRef('front_page_slots.article_id', '=', 'articles.id'),
          ),
        ),
      ),
    'published',
  )
    .limit(room)
    .offset(Math.max(0, page.offset - placed.length))
    .execute();
  return [...head, ...rest];
}

// biome-ignore lint/suspicious/noExplicitAny: Kysely's orderBy overloads differ per builder; both callers pass a select on articles
function sorted<T extends { orderBy: (...args: any[]) => T }>(q: T, sort: ArticleSort | 'link'): T {
  // The link's copy of the publication time, in the order of its index: the same order as 'published'.
  if (sort === 'link') return q.orderBy('link.published_at', 'desc').orderBy('link.article_id', 'desc');
  if (sort === 'updated') return q.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc');
  if (sort === 'headline') return q.orderBy('articles.headline', 'asc').orderBy('articles.id', 'desc');
  if (sort === 'published') return q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
  // Drafts have no publication time yet; they sort by when they were written.
  return (
    q
      // biome-ignore lint/suspicious/noExplicitAny: see above
      .orderBy((eb: any) => eb.fn.coalesce('articles.published_at', 'articles.created_at'), 'desc')
      .orderBy('articles.id', 'desc')
  );
}

// Asked on every view of an article's page: a text compiled once.
const nextScheduled = compiledOnce((db, p: { after: string }) =>
  db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('published_at').as('at'))
    .where('status', '=', 'published')
    .where('published_at', '>', p.after),
);

/** The next moment a scheduled article goes public, so cached lists know when to expire. */
export async function nextScheduledAt(db: Db, after: string): Promise<Date | null> {
  const [row] = await nextScheduled(db, { after });
  return row?.at ? new Date(row.at) : null;
}

/** The few columns an import compares before writing. */
export const findArticleSlugAndVersion = (db: Db, id: string) =>
  db.selectFrom('articles').select(['slug', 'version']).where('id', '=', id).executeTakeFirst();

export async function insertArticle(db: Db, row: NewArticleRow): Promise<void> {
  await db.insertInto('articles').values(row).execute();
}

/** Many new articles (an import's batch); 30-odd columns a row, so 50 rows a statement. */
export async function insertArticles(db: Db, rows: NewArticleRow[]): Promise<void> {
  for (const chunk of chunksOf(rows, 50)) await db.insertInto('articles').values(chunk).execute();
}

/** Bylines of many new articles. */
export async function insertAuthorRows(
  db: Db,
  rows: { article_id: string; user_id: string; position: number }[],
): Promise<void> {
  for (const chunk of chunksOf(rows, 500)) await db.insertInto('article_authors').values(chunk).execute();
}

/** Tags of many new articles. */
export async function insertTagRows(db: Db, rows: { article_id: string; tag_id: string }[]): Promise<void> {
  for (const chunk of chunksOf(rows, 500)) await db.insertInto('article_tags').values(chunk).execute();
}

/** Updates only if the version still matches; returns whether it did (optimistic locking). */
export async function updateArticle(
  db: Db,
  { id, expectedVersion, changes }: { id: string; expectedVersion: number; changes: ArticleRowUpdate },
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that readers will see changed content: an edit of its words, picture or labels, or an update or correction. */
export async function markArticleModified(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('articles').set({ modified_at: at }).where('id', '=', id).execute();
}

/** Deletes the article (its comments, bylines and revisions go with it) if its stored status is one of `from`. */
export async function deleteArticle(db: Db, id: string, from: StoredArticleStatus[]): Promise<boolean> {
  const result = await db.deleteFrom('articles').where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** How many comments (all, and those readers see) and revisions an article has. */
export async function countDiscussionAndRevisions(
  db: Db,
  id: string,
): Promise<{ comments: number; approvedComments: number; revisions: number }> {
  const [comments, revisions] = await Promise.all([
    db
      .selectFrom('comments')
      .where('article_id', '=', id)
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'approved').then(1).else(0).end()).as('approved'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('article_revisions')
      .where('article_id', '=', id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    comments: Number(comments.n),
    approvedComments: Number(comments.approved ?? 0),
    revisions: Number(revisions.n),
  };
}

export async function replaceAuthors(db: Db, articleId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await insertAuthors(db, articleId, userIds);
}

/** Bylines of an article that has none yet, in order. */
export async function insertAuthors(db: Db, articleId: string, userIds: string[]): Promise<void> {
  if (userIds.length) {
    await db
      .insertInto('article_authors')
      .values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
      .execute();
  }
}

export async function replaceTags(db: Db, articleId: string, tagIds: string[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  await insertTags(db, articleId, tagIds);
}

/** Tags of an article that has none yet. */
export async function insertTags(db: Db, articleId: string, tagIds: string[]): Promise<void> {
  if (tagIds.length)
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id) => ({ article_id: articleId, tag_id })))
      .execute();
}

export async function insertSlugRedirect(db: Db, oldSlug: string, articleId: string): Promise<void> {
  await db
    .insertInto('slug_redirects')
    .values({ old_slug: oldSlug, article_id: articleId })
    .onConflict((oc) => oc.column('old_slug').doUpdateSet({ article_id: articleId }))
    .execute();
}

export async function deleteSlugRedirect(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('slug_redirects').where('old_slug', '=', slug).execute();
}

/** Moves an article between stored statuses only if it is still in `from`. */
export async function updateStoredStatus(
  db: Db,
  { id, from, to, at }: { id: string; from: StoredArticleStatus[]; to: StoredArticleStatus; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ status: to, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The article a live (unexpired) preview link opens. */
export async function findArticleByPreviewHash(db: Db, tokenHash: string, now: Date): Promise<Article | undefined> {
  const row = await db
    .selectFrom('preview_links')
    .innerJoin('articles', 'articles.id', 'preview_links.article_id')
    .selectAll('articles')
    .where('preview_links.token_hash', '=', tokenHash)
    .where('preview_links.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? (await hydrate(db, [row], now))[0] : undefined;
}

/** Moves every article of one section into another. */
export async function moveArticlesToSection(db: Db, fromId: string, intoId: string): Promise<void> {
  await db.updateTable('articles').set({ section_id: intoId }).where('section_id', '=', fromId).execute();
}

/** Gives every article tagged with one tag the other tag too (the first goes with its tag). */
export async function copyTagToArticles(db: Db, fromId: string, intoId: string): Promise<void> {
  const already = db.selectFrom('article_tags as t2').select('t2.article_id').where('t2.tag_id', '=', intoId);
  await db
    .insertInto('article_tags')
    .columns(['article_id', 'tag_id'])
    .expression(
      db
        .selectFrom('article_tags')
        .select(['article_id', (eb) => eb.val(intoId).as('tag_id')])
        .where('tag_id', '=', fromId)
        .where('article_id', 'not in', already),
    )
    .execute();
}

const publicArticles = (db: Db, at: string) =>
  db
    .selectFrom('articles')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', at)
    .where('articles.kind', '=', 'article');

/** The newest public articles of a section, but one. */
export async function listSectionNeighbours(
  db: Db,
  input: { sectionId: string; exceptId: string; at: string; limit: number },
  now: Date,
): Promise<Article[]> {
  const rows = await publicArticles(db, input.at)
    .selectAll('articles')
    .where('articles.section_id', '=', input.sectionId)
    .where('articles.id', '!=', input.exceptId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(input.limit)
    .execute();
  return hydrate(db, rows, now);
}

/** Public articles sharing the most of these tags with an article (newest first among equals), not the article itself. */
export async function listTagNeighbours(
  db: Db,
  input: { tagIds: string[]; exceptIds: string[]; at: string; limit: number },
  now: Date,
): Promise<Article[]> {
  if (input.tagIds.length === 0 || input.limit <= 0) return [];
  const ranked = await publicArticles(db, input.at)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .select([
      'articles.id',
      (eb) => eb.fn.countAll<number>().as('shared'),
      (eb) => eb.fn.max('articles.published_at').as('at'),
    ])
    .where('article_tags.tag_id', 'in', input.tagIds)
    .where('articles.id', 'not in', input.exceptIds)
    .groupBy('articles.id')
    .orderBy('shared', 'desc')
    .orderBy('at', 'desc')
    .limit(input.limit)
    .execute();
  const articles = await findArticlesByIds(
    db,
    ranked.map((r) => r.id),
    now,
  );
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ranked.map((r) => byId.get(r.id)).filter((a): a is Article => a !== undefined);
}

/** Months that have public articles, newest first, with how many; months as YYYY-MM on the site's wall clock. */
export async function listArchiveMonths(
  db: Db,
  dialect: Dialect,
  input: { at: string; timeZone: string; offsetMinutes: number; language?: LanguageFilter },
) {
  // PostgreSQL knows time zones; SQLite shifts by the zone's offset now (a month's edge can be off by an hour across DST).
  const month =
    dialect === 'postgres'
      ? sql<string>`to_char((articles.published_at::timestamptz) at time zone ${input.timeZone}, 'YYYY-MM')`
      : sql<string>`strftime('%Y-%m', articles.published_at, ${`${input.offsetMinutes >= 0 ? '+' : ''}${input.offsetMinutes} minutes`})`;
  const language = input.language;
  const kept = (from: string, to?: string) =>
    publicArticles(db, input.at)
      .where('articles.published_at', '>=', from)
      .$if(to !== undefined, (q) => q.where('articles.published_at', '<', to!))
      .$if(language !== undefined, (q) => q.where(inEditionLanguage('articles', language!)));
  // A wall-clock month starts and ends within 14 hours of the UTC month: a day on each side holds all of it. Every
  // month before last month (UTC) has ended on any wall clock, so its count is kept (monthFigures) until one of its
  // articles changes.
  const dayFrom = (m: string, days: number) =>
    new Date(Date.parse(`${m}-01T00:00:00Z`) + days * 86_400_000).toISOString();
  const liveFrom = addMonths(input.at.slice(0, 7), -1);
  const months = await monthFigures<{ n: number }>(db, {
    scope: `archive:${dialect === 'postgres' ? input.timeZone : input.offsetMinutes}:${language ? `${language.tag}:${language.isDefault}` : '*'}`,
    liveFrom,
    reach: [-1, 0, 1],
    month: async (m, versions) =>
      kept(dayFrom(m, -1), dayFrom(addMonths(m, 1), 1))
        .where(month, '=', m)
        .select([versions.as('versions'), (eb) => eb.fn.countAll<number>().as('n')])
        .executeTakeFirstOrThrow(),
    live: async () =>
      (
        await kept(dayFrom(liveFrom, -1))
          .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(sql`1`)
          .execute()
      )
        .filter((r) => String(r.month) >= liveFrom)
        .map((r) => ({ month: String(r.month), figures: { n: Number(r.n) } })),
  });
  return months.filter((m) => Number(m.figures.n) > 0).map((m) => ({ month: m.month, count: Number(m.figures.n) }));
}

/**
 * Articles (the trash included) that show the image at this address: as their featured image, or in their body's
 * HTML (an <img> or a srcset naming it). Read from the stored articles themselves, so imported and restored articles count.
 */
export async function listArticlesShowingImage(
  db: Db,
  url: string,
): Promise<{ id: string; headline: string; status: string; featured: boolean; inBody: boolean }[]> {
  const pattern = `%${url.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const inBody = sql<boolean>`body_html like ${pattern} escape '\\'`;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'image_url'])
    .select(inBody.as('in_body'))
    .where((eb) => eb.or([eb('image_url', '=', url), inBody]))
    .orderBy('updated_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    featured: r.image_url === url,
    inBody: Boolean(Number(r.in_body)),
  }));
}
