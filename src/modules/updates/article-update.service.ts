// The newsroom's rules for updates and corrections: editors record them on published articles, in one transaction
// with the article's modification time and the audit log; readers see them at once.
import type { EditionLanguage } from '../../platform/db/edition-language.ts';
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { isId, newId } from '../../platform/ids.ts';
import { findArticleForStaff, markArticleModified, type Article } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { checkNote, type ArticleUpdate, type ArticleUpdateKind } from './article-update.ts';
import * as repo from './article-update.repository.ts';

/** Pages that show updates: the article (and the lists and feeds that date it), and the corrections page. */
const changed = (deps: Pick<Deps, 'pageCache'>, articleId: string) =>
  deps.pageCache.invalidate([`article:${articleId}`, 'lists', 'corrections']);

async function publishedArticle(deps: Deps, articleId: string): Promise<Article> {
  const article = await findArticleForStaff(deps, articleId);
  if (!article) throw notFound('There is no article with that id.', 'article');
  if (article.status !== 'published') {
    throw conflict({
      code: 'article_not_published',
      message: `This article is ${article.status}: updates and corrections are for published articles. Edit it directly instead.`,
      values: { of: 'article', status: article.status },
    });
  }
  return article;
}

export interface RecordUpdateInput {
  staff: Staff;
  articleId: string;
  kind: ArticleUpdateKind;
  note: string;
  ip?: string;
}

/** Records an update or a correction; the article's dateModified moves with it. */
export async function recordArticleUpdate(deps: Deps, input: RecordUpdateInput): Promise<ArticleUpdate> {
  authorize(input.staff, 'article.correct');
  const note = checkNote(input.note);
  const article = await publishedArticle(deps, input.articleId);
  const now = deps.clock.now();
  const row = {
    id: newId(),
    article_id: article.id,
    kind: input.kind,
    note,
    created_at: iso(now),
    editor_id: input.staff.id,
    editor_name: input.staff.name,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertArticleUpdate(trx, row);
    await markArticleModified(trx, article.id, iso(now));
    await recordAudit(trx, {
      actor: input.staff,
      action: input.kind === 'correction' ? 'article.correction_recorded' : 'article.update_recorded',
      subject: article.slug,
      details: { id: article.id, updateId: row.id, note },
      ip: input.ip,
      at: now,
    });
  });
  await changed(deps, article.id);
  return { id: row.id, articleId: article.id, kind: input.kind, note, createdAt: now, editorName: input.staff.name };
}

/** Takes back an update or correction recorded by mistake (audited with its text). */
export async function removeArticleUpdate(
  deps: Deps,
  input: { staff: Staff; articleId: string; updateId: string; ip?: string },
): Promise<void> {
  authorize(input.staff, 'article.correct');
  const article = await findArticleForStaff(deps, input.articleId);
  if (!article) throw notFound('There is no article with that id.', 'article');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const update = await repo.findArticleUpdate(trx, article.id, input.updateId);
    if (!update || !(await repo.deleteArticleUpdate(trx, update.id)))
      throw notFound('This article has no such update or correction.');
    await recordAudit(trx, {
      actor: input.staff,
      action: 'article.update_removed',
      subject: article.slug,
      details: { id: article.id, updateId: update.id, kind: update.kind, note: update.note },
      ip: input.ip,
      at: now,
    });
  });
  await changed(deps, article.id);
}

/** An article's updates and corrections, newest first. */
export const listArticleUpdates = (deps: Pick<Deps, 'db'>, articleId: string) =>
  repo.listArticleUpdates(deps.db, articleId);

/** The updates and corrections of several articles (a feed's), by article id, newest first. */
export async function listUpdatesOf(
  deps: Pick<Deps, 'db'>,
  articleIds: string[],
): Promise<Map<string, ArticleUpdate[]>> {
  const byArticle = new Map<string, ArticleUpdate[]>();
  for (const u of await repo.listUpdatesOfArticles(deps.db, articleIds))
    byArticle.set(u.articleId, [...(byArticle.get(u.articleId) ?? []), u]);
  return byArticle;
}

/** The published corrections, newest first; of one edition's articles when `language` is given. */
export async function listCorrections(
  deps: Pick<Deps, 'db' | 'clock'>,
  query: { page: number; limit: number; language?: EditionLanguage },
) {
  const { items, total } = await repo.listPublicUpdates(deps.db, {
    kind: 'correction',
    language: query.language,
    publicAt: iso(deps.clock.now()),
    limit: query.limit,
    offset: (query.page - 1) * query.limit,
  });
  return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.limit)) };
}

/** An article and its updates, for the desk's page of them (editors and admins). */
export async function loadArticleUpdates(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string },
): Promise<{ article: Article; updates: ArticleUpdate[] }> {
  authorize(input.staff, 'article.correct');
  const article = isId(input.id) ? await findArticleForStaff(deps, input.id) : undefined;
  if (!article) throw notFound('There is no article with that id.', 'article');
  return { article, updates: await listArticleUpdates(deps, article.id) };
}
