// All SQL of the WordPress export: the site's staff, terms and articles read in pages, and the
// WordPress ids an earlier import gave them (reused so a round trip keeps its numbers).
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow, CommentRow, SectionRow, TagRow } from '../../platform/db/tables.ts';

export interface ExportUser {
  id: string;
  slug: string;
  email: string;
  name: string;
}

/** Every staff account, by slug (their WordPress login). */
export const listUsers = (db: Db): Promise<ExportUser[]> =>
  db.selectFrom('users').select(['id', 'slug', 'email', 'name']).orderBy('slug').execute();

export const listSections = (db: Db): Promise<SectionRow[]> =>
  db.selectFrom('sections').selectAll().orderBy('slug').execute();

export const listTags = (db: Db): Promise<TagRow[]> => db.selectFrom('tags').selectAll().orderBy('slug').execute();

export interface ArticleCursor {
  createdAt: string;
  id: string;
}

/** One page of articles (pages too) after the cursor, oldest first: keyset on (created_at, id); `sticky` 1 when placed on the front page. */
export function listArticlesAfter(
  db: Db,
  after: ArticleCursor | undefined,
  limit: number,
): Promise<(ArticleRow & { sticky: number })[]> {
  let q = db
    .selectFrom('articles')
    .leftJoin('front_page_slots', 'front_page_slots.article_id', 'articles.id')
    .selectAll('articles')
    .select((eb) => eb.case().when('front_page_slots.article_id', 'is not', null).then(1).else(0).end().as('sticky'));
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('articles.created_at', '>', after.createdAt),
        eb.and([eb('articles.created_at', '=', after.createdAt), eb('articles.id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('articles.created_at').orderBy('articles.id').limit(limit).execute();
}

/** Bylines of some articles, in byline order. */
export const listBylines = (db: Db, articleIds: string[]) =>
  db
    .selectFrom('article_authors')
    .select(['article_id', 'user_id'])
    .where('article_id', 'in', articleIds)
    .orderBy('article_id')
    .orderBy('position')
    .execute();

/** Tags of some articles. */
export const listArticleTags = (db: Db, articleIds: string[]) =>
  db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', articleIds).execute();

/** The discussions of some articles, oldest first. */
export const listComments = (db: Db, articleIds: string[]): Promise<CommentRow[]> =>
  db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', 'in', articleIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Dateline id -> the WordPress id it was imported from (the smallest, when several sites gave it one). */
export async function listWordPressIds(
  db: Db,
  kind: 'post' | 'comment',
  datelineIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (datelineIds.length === 0) return out;
  const rows = await db
    .selectFrom('wordpress_imports')
    .select(['dateline_id', 'wp_id'])
    .where('kind', '=', kind)
    .where('dateline_id', 'in', datelineIds)
    .execute();
  for (const r of rows) {
    const n = Number(r.wp_id);
    if (!r.dateline_id || !Number.isSafeInteger(n) || n <= 0) continue;
    const known = out.get(r.dateline_id);
    if (known === undefined || n < known) out.set(r.dateline_id, n);
  }
  return out;
}

/** Image URL -> the WordPress attachment it was imported from (the smallest id), for featured images. */
export async function listAttachmentIds(db: Db, urls: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (urls.length === 0) return out;
  const rows = await db
    .selectFrom('wordpress_imports')
    .select(['url', 'wp_id'])
    .where('kind', '=', 'attachment')
    .where('url', 'in', urls)
    .execute();
  for (const r of rows) {
    const n = Number(r.wp_id);
    if (!Number.isSafeInteger(n) || n <= 0) continue;
    const known = out.get(r.url);
    if (known === undefined || n < known) out.set(r.url, n);
  }
  return out;
}

/** The largest numeric WordPress id of posts, attachments and comments: new numbers start above it. */
export async function maxWordPressIds(db: Db): Promise<{ post: number; comment: number }> {
  const rows = await db
    .selectFrom('wordpress_imports')
    .select(['kind', 'wp_id'])
    .where('kind', 'in', ['post', 'attachment', 'comment'])
    .execute();
  const max = { post: 0, comment: 0 };
  for (const r of rows) {
    const n = Number(r.wp_id);
    if (!Number.isSafeInteger(n)) continue;
    const key = r.kind === 'comment' ? 'comment' : 'post';
    if (n > max[key]) max[key] = n;
  }
  return max;
}
