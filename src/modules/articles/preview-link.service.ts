// Private preview links: an address where an article not yet public can be read by whoever the editor sends it to.
// Only a hash of the secret is stored, so the raw link is shown once, to the editor who made it. A link expires
// (PREVIEW_LINK_DAYS), can be revoked, and ends when the article is published, unpublished or trashed.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isId, newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { Staff } from '../permissions/index.ts';
import type { Article, ArticleStatus } from './article.ts';
import * as articles from './article.repository.ts';
import { assertCanEdit } from './article.service.ts';
import * as repo from './preview-link.repository.ts';

export interface PreviewLink {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  /** Who made it, if that is still known. */
  createdBy: string | undefined;
}

export interface NewPreviewLink {
  /** The address with its secret: shown once, never stored. */
  path: string;
  expiresAt: Date;
}

/** What a preview can show: an article readers cannot see yet and that is not in the trash. */
export const previewable = (status: ArticleStatus): boolean =>
  status === 'draft' || status === 'pending' || status === 'scheduled';

async function editableArticle(deps: Pick<Deps, 'db' | 'clock'>, staff: Staff, id: string): Promise<Article> {
  const article = isId(id) ? await articles.findArticleById(deps.db, id, deps.clock.now()) : undefined;
  if (!article) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(staff, article);
  return article;
}

/** Makes a private preview link for an article that is not public yet; returns its address once. */
export async function createPreviewLink(deps: Deps, input: { staff: Staff; id: string }): Promise<NewPreviewLink> {
  const article = await editableArticle(deps, input.staff, input.id);
  if (!previewable(article.status)) {
    throw new AppError({
      status: 409,
      code: 'not_previewable',
      message:
        article.status === 'trash'
          ? 'This article is in the trash: restore it before sharing a preview.'
          : 'This article is public: share its address instead of a preview link.',
      values: { status: article.status === 'trash' ? 'trash' : 'public' },
    });
  }
  const now = deps.clock.now();
  const secret = newSecret(24);
  const expiresAt = new Date(now.getTime() + deps.config.previewLinkDays * 86_400_000);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertPreviewLink(trx, {
      id,
      article_id: article.id,
      token_hash: sha256(secret),
      created_by: input.staff.id,
      created_at: iso(now),
      expires_at: iso(expiresAt),
    });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'preview_link.created',
      subject: article.slug,
      details: { id: article.id, link: id, expiresAt: iso(expiresAt) },
      at: now,
    });
  });
  return { path: `/preview/${secret}`, expiresAt };
}

/** The article behind a preview secret, while the link is live and the article still unpublished. */
export async function findArticleByPreviewToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<Article | undefined> {
  const article = await articles.findArticleByPreviewHash(deps.db, sha256(token), deps.clock.now());
  // A scheduled article that has gone live needs no preview; the rows go when it is next unpublished or trashed.
  return article && previewable(article.status) ? article : undefined;
}

/** An article's live preview links, for the people who may edit it. */
export async function listPreviewLinks(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; article: Article },
): Promise<PreviewLink[]> {
  assertCanEdit(input.staff, input.article);
  return (await repo.listLivePreviewLinks(deps.db, input.article.id, iso(deps.clock.now()))).map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    createdBy: r.created_by_name ?? undefined,
  }));
}

/** Revokes one preview link at once (sent to the wrong person, or no longer needed). */
export async function revokePreviewLink(
  deps: Deps,
  input: { staff: Staff; id: string; linkId: string },
): Promise<void> {
  const article = await editableArticle(deps, input.staff, input.id);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!isId(input.linkId) || !(await repo.deletePreviewLink(trx, article.id, input.linkId)))
      throw notFound('There is no such preview link (it may have been revoked already).');
    await recordAudit(trx, {
      actor: input.staff,
      action: 'preview_link.revoked',
      subject: article.slug,
      details: { id: article.id, link: input.linkId },
      at: now,
    });
  });
}
