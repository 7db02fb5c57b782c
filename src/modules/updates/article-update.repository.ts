// All SQL about the updates and corrections recorded on articles.
import { inEditionLanguage, type EditionLanguage } from '../../platform/db/edition-language.ts';
import { compiledOnce } from '../../platform/db/compiled-once.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleUpdateKind, ArticleUpdatesTable } from '../../platform/db/tables.ts';
import type { ArticleUpdate, ListedCorrection } from './article-update.ts';

const COLUMNS = ['id', 'article_id', 'kind', 'note', 'created_at', 'editor_name'] as const;

const toUpdate = (row: Pick<ArticleUpdatesTable, (typeof COLUMNS)[number]>): ArticleUpdate => ({
  id: row.id,
  articleId: row.article_id,
  kind: row.kind,
  note: row.note,
  createdAt: new Date(row.created_at),
  editorName: row.editor_name,
});

export async function insertArticleUpdate(db: Db, row: ArticleUpdatesTable): Promise<void> {
  await db.insertInto('article_updates').values(row).execute();
}

// Asked on every view of an article's page: a text compiled once.
const updatesOf = compiledOnce((db, p: { articleId: string }) =>
  db
    .selectFrom('article_updates')
    .select(COLUMNS)
    .where('article_id', '=', p.articleId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc'),
);

/** An article's updates and corrections, newest first. */
export async function listArticleUpdates(db: Db, articleId: string): Promise<ArticleUpdate[]> {
  return (await updatesOf(db, { articleId })).map(toUpdate);
}

/** The updates and corrections of several articles, newest first within each. */
export async function listUpdatesOfArticles(db: Db, articleIds: string[]): Promise<ArticleUpdate[]> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_updates')
    .select(COLUMNS)
    .where('article_id', 'in', articleIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toUpdate);
}

export async function findArticleUpdate(db: Db, articleId: string, id: string): Promise<ArticleUpdate | undefined> {
  const row = await db
    .selectFrom('article_updates')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row && toUpdate(row);
}

export async function deleteArticleUpdate(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('article_updates').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Records of one kind on articles readers can see at `publicAt`, newest first, with the total for paging. */
export async function listPublicUpdates(
  db: Db,
  query: { kind: ArticleUpdateKind; language?: EditionLanguage; publicAt: string; limit: number; offset: number },
) {
  let base = db
    .selectFrom('article_updates as u')
    .innerJoin('articles as a', 'a.id', 'u.article_id')
    .where('u.kind', '=', query.kind)
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', query.publicAt);
  if (query.language) base = base.where(inEditionLanguage('a', query.language));
  const [rows, total] = await Promise.all([
    base
      .select(['u.id', 'u.article_id', 'u.kind', 'u.note', 'u.created_at', 'u.editor_name', 'a.slug', 'a.headline'])
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: ListedCorrection[] = rows.map((r) => ({
    ...toUpdate(r),
    article: { slug: r.slug, headline: r.headline },
  }));
  return { items, total: Number(total.n) };
}

/** Every row, oldest first, for the JSON backup. */
export const listAllArticleUpdates = (db: Db) =>
  db.selectFrom('article_updates').selectAll().orderBy('created_at').orderBy('id').execute();
