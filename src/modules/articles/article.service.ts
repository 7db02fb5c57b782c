// The newsroom's rules for writing, publishing and reading articles.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleKind, CommentSetting, NewArticleRow, StoredArticleStatus } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId, newSecret } from '../../platform/ids.ts';
import { hasControlCharacters, SLUG_PATTERN, slugify } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { findUsersByIdsOrSlugs } from '../people/index.ts';
import { authorize, can, type Staff } from '../permissions/index.ts';
import { ensureTags, resolveSection } from '../sections/index.ts';
import type { Article } from './article.ts';
import * as repo from './article.repository.ts';
import { insertRevision } from './revision.service.ts';
import { makeExcerpt, renderArticleBody } from './body-format.ts';

export interface ArticleInput {
  headline?: string;
  subheadline?: string;
  slug?: string;
  /** Markdown; raw HTML inside it is sanitized. */
  body?: string;
  excerpt?: string;
  dateline?: string;
  sourceCredit?: string;
  /** Staff ids, slugs or emails; defaults to the writer. */
  authors?: string[];
  /** Section slug or name; null for none. */
  section?: string | null;
  tags?: string[];
  featuredImage?: { url: string; caption?: string; credit?: string; alt: string; width?: number; height?: number; srcset?: string } | null;
  status?: 'draft' | 'pending' | 'scheduled' | 'published';
  /** ISO time: when a scheduled article goes public, or the published time to record. */
  publishAt?: string;
  commentStatus?: CommentSetting;
  /** Pin to the top of the front page (editors and admins). */
  pinned?: boolean;
  /** The version the writer started from; a different current version is a conflict. */
  version?: number;
}

const LIMITS = { headline: 300, subheadline: 500, body: 200_000, excerpt: 1000, dateline: 120, sourceCredit: 120, caption: 1000, credit: 200, alt: 1000, url: 2000 };

function checkText(field: keyof typeof LIMITS, value: string | undefined, required = false): void {
  if (value === undefined) return;
  if (required && value.trim() === '') throw invalid(field, `${snake(field)}_required`, `The ${field} must not be empty.`);
  if (value.length > LIMITS[field]) throw invalid(field, `${snake(field)}_too_long`, `The ${field} must be at most ${LIMITS[field]} characters (it has ${value.length}).`);
  if (hasControlCharacters(value)) throw invalid(field, 'control_characters', `The ${field} contains control characters; remove them.`);
}
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function validate(input: ArticleInput, creating: boolean): void {
  checkText('headline', input.headline, true);
  if (creating && input.headline === undefined) throw invalid('headline', 'headline_required', 'An article needs a headline.');
  if (creating && input.body === undefined) throw invalid('body', 'body_required', 'An article needs a body.');
  checkText('subheadline', input.subheadline);
  checkText('body', input.body, true);
  checkText('excerpt', input.excerpt);
  checkText('dateline', input.dateline);
  checkText('sourceCredit', input.sourceCredit);
  if (input.slug !== undefined && (!SLUG_PATTERN.test(input.slug) || input.slug.length > 200)) {
    throw invalid('slug', 'invalid_slug', 'The slug may hold lowercase letters, digits and single hyphens, at most 200 characters, e.g. "city-council-votes".');
  }
  const image = input.featuredImage;
  if (image) {
    checkText('url', image.url, true);
    if (!/^(https?:\/\/|\/(?!\/))/.test(image.url)) throw invalid('featuredImage.url', 'invalid_image_url', 'The image URL must start with http://, https:// or /.');
    checkText('caption', image.caption);
    checkText('credit', image.credit);
    checkText('alt', image.alt);
    if (!image.alt?.trim()) throw invalid('featuredImage.alt', 'image_alt_required', 'Describe the image in its alt text for readers who cannot see it.');
  }
  if (input.publishAt !== undefined && Number.isNaN(Date.parse(input.publishAt))) {
    throw invalid('publishAt', 'invalid_time', 'publishAt must be an ISO 8601 time such as 2026-12-01T09:00:00Z.');
  }
}

/** Stored status and publication time from what the writer asked for. */
function publication(input: ArticleInput, current: Article | undefined, now: Date): Pick<NewArticleRow, 'status' | 'published_at'> | undefined {
  const requested = input.status ?? (input.publishAt !== undefined ? current?.status : undefined);
  if (requested === undefined) return undefined;
  const at = input.publishAt ? new Date(input.publishAt) : undefined;
  if (requested === 'draft' || requested === 'pending') return { status: requested, published_at: at ? iso(at) : null };
  if (requested === 'trash') return { status: 'draft', published_at: at ? iso(at) : null };
  if (requested === 'scheduled') {
    if (!at || at.getTime() <= now.getTime()) throw invalid('publishAt', 'schedule_in_past', 'A scheduled article needs a publishAt time in the future.');
    return { status: 'published', published_at: iso(at) };
  }
  const keep = current?.status === 'published' && current.publishedAt ? current.publishedAt : now;
  return { status: 'published', published_at: iso(at ?? keep) };
}

async function resolveAuthors(deps: Pick<Deps, 'db'>, keys: string[] | undefined, staff: Staff): Promise<string[] | undefined> {
  if (keys === undefined) return undefined;
  if (keys.length === 0) throw invalid('authors', 'authors_required', 'An article needs at least one author.');
  const users = await findUsersByIdsOrSlugs(deps.db, keys);
  const ids = keys.map((k) => users.find((u) => u.id === k || u.slug === k || u.email === k.toLowerCase())?.id);
  const missing = keys.filter((_, i) => ids[i] === undefined);
  if (missing.length) throw invalid('authors', 'unknown_author', `No staff member is known as ${missing.map((m) => `"${m}"`).join(', ')}.`);
  if (!can(staff, 'article.edit_any') && !ids.includes(staff.id)) {
    throw invalid('authors', 'must_include_self', 'You must stay among the authors of your article.');
  }
  return [...new Set(ids as string[])];
}

async function uniqueSlug(db: Deps['db'], base: string, exceptId?: string): Promise<string> {
  let slug = base;
  for (let n = 2; await repo.slugInUse(db, slug, exceptId); n++) slug = `${base}-${n}`;
  return slug;
}

function imageColumns(image: ArticleInput['featuredImage'] | null) {
  return {
    image_url: image?.url ?? '', image_caption: image?.caption ?? '', image_credit: image?.credit ?? '',
    image_alt: image?.alt ?? '', image_width: image?.width ?? null, image_height: image?.height ?? null, image_srcset: image?.srcset ?? '',
  };
}

/** Writes a new article; publishing or scheduling it needs the right to publish. */
export async function createArticle(deps: Deps, input: { staff: Staff; article: ArticleInput }): Promise<Article> {
  const { staff, article } = input;
  authorize(staff, 'article.create');
  validate(article, true);
  const now = deps.clock.now();
  const pub = publication(article, undefined, now) ?? { status: 'draft' as const, published_at: null };
  if (pub.status === 'published') authorize(staff, 'article.publish');
  if (article.pinned) authorize(staff, 'article.pin');
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const tx = { db: trx };
    const section = article.section ? await resolveSection(trx, article.section) : null;
    const authors = (await resolveAuthors(tx, article.authors, staff)) ?? [staff.id];
    const tags = await ensureTags(trx, article.tags ?? []);
    if (article.slug !== undefined && await repo.slugInUse(trx, article.slug)) {
      throw conflict('slug_taken', `The slug "${article.slug}" is already used by another article.`, 'slug');
    }
    const slug = article.slug ?? await uniqueSlug(trx, slugify(article.headline!));
    const bodyHtml = renderArticleBody(article.body!);
    await repo.insertArticle(trx, {
      id, slug, headline: article.headline!.trim(), subheadline: article.subheadline?.trim() ?? '',
      body_source: article.body!, body_html: bodyHtml, excerpt: article.excerpt?.trim() || makeExcerpt(bodyHtml),
      dateline: article.dateline?.trim() ?? '', source_credit: article.sourceCredit?.trim() ?? '',
      section_id: section?.id ?? null, ...imageColumns(article.featuredImage ?? null), ...pub,
      comment_setting: article.commentStatus ?? 'default',
      comments_closed_at: article.commentStatus === 'closed' ? iso(now) : null,
      comment_count: 0, sticky: article.pinned ? 1 : 0, created_at: iso(now), updated_at: iso(now),
    });
    await repo.replaceAuthors(trx, id, authors);
    await repo.replaceTags(trx, id, tags.map((t) => t.id));
    await insertRevision(trx, { article: (await repo.findArticleById(trx, id, now))!, editor: staff, at: now });
    await recordAudit(trx, { actor: staff, action: 'article.created', subject: slug, details: { id, status: article.status ?? 'draft' }, at: now });
    if (pub.status === 'published') {
      const action = article.status === 'scheduled' ? 'article.scheduled' : 'article.published';
      await recordAudit(trx, { actor: staff, action, subject: slug, details: { id, publishedAt: pub.published_at }, at: now });
    }
  });
  await deps.pageCache.invalidate([`article:${id}`, 'lists']);
  return (await repo.findArticleById(deps.db, id, now))!;
}

/** The audit action for a change of publication, if there is one. */
function publicationAction(before: Article, requested: ArticleInput['status'] | undefined, pub: ReturnType<typeof publication>): string | undefined {
  if (!pub) return undefined;
  if (pub.status === 'pending') return before.status === 'pending' ? undefined : 'article.submitted';
  if (pub.status === 'draft') return before.status === 'draft' ? undefined : 'article.unpublished';
  if (requested === 'scheduled') return 'article.scheduled';
  return before.status === 'published' ? undefined : 'article.published';
}

/** Editors edit anything; authors their own articles; contributors their own drafts. */
export function assertCanEdit(staff: Staff, article: Article): void {
  if (can(staff, 'article.edit_any')) return;
  authorize(staff, 'article.create');
  if (!article.authors.some((a) => a.id === staff.id)) throw new AppError(403, 'forbidden', 'You may edit only your own articles.');
  if (staff.role === 'contributor' && article.status !== 'draft') throw new AppError(403, 'forbidden', 'Contributors may edit only their drafts.');
}

/** Changes an article; the old slug keeps working as a redirect. Refuses a stale version. */
export async function updateArticle(deps: Deps, input: { staff: Staff; id: string; changes: ArticleInput }): Promise<Article> {
  const { staff, id, changes } = input;
  const now = deps.clock.now();
  const current = await repo.findArticleById(deps.db, id, now);
  if (!current) throw notFound('There is no article with that id.');
  assertCanEdit(staff, current);
  validate(changes, false);
  const pub = publication(changes, current, now);
  // Leaving draft or review for the public, or taking a public article back, needs the right to publish.
  if (pub && (pub.status === 'published' || (current.status !== 'draft' && current.status !== 'pending'))) authorize(staff, 'article.publish');
  if (changes.commentStatus !== undefined && changes.commentStatus !== current.commentSetting) authorize(staff, 'discussion.open_close');
  const pinChanged = changes.pinned !== undefined && changes.pinned !== current.pinned;
  if (pinChanged) authorize(staff, 'article.pin');
  const expected = changes.version ?? current.version;

  await deps.db.transaction().execute(async (trx) => {
    const section = changes.section === undefined ? undefined : changes.section === null ? null : await resolveSection(trx, changes.section);
    const authors = await resolveAuthors({ db: trx }, changes.authors, staff);
    const tags = changes.tags === undefined ? undefined : await ensureTags(trx, changes.tags);
    if (changes.slug !== undefined && changes.slug !== current.slug) {
      if (await repo.slugInUse(trx, changes.slug, id)) throw conflict('slug_taken', `The slug "${changes.slug}" is already used by another article.`, 'slug');
      await repo.deleteSlugRedirect(trx, changes.slug);
      await repo.insertSlugRedirect(trx, current.slug, id);
    }
    const bodyHtml = changes.body === undefined ? undefined : renderArticleBody(changes.body);
    const updated = await repo.updateArticle(trx, id, expected, {
      ...(changes.headline !== undefined && { headline: changes.headline.trim() }),
      ...(changes.subheadline !== undefined && { subheadline: changes.subheadline.trim() }),
      ...(changes.slug !== undefined && { slug: changes.slug }),
      ...(bodyHtml !== undefined && { body_source: changes.body, body_html: bodyHtml }),
      ...(changes.excerpt !== undefined || bodyHtml !== undefined
        ? { excerpt: changes.excerpt?.trim() || makeExcerpt(bodyHtml ?? current.bodyHtml) } : {}),
      ...(changes.dateline !== undefined && { dateline: changes.dateline.trim() }),
      ...(changes.sourceCredit !== undefined && { source_credit: changes.sourceCredit.trim() }),
      ...(section !== undefined && { section_id: section?.id ?? null }),
      ...(changes.featuredImage !== undefined && imageColumns(changes.featuredImage)),
      ...pub,
      ...(changes.commentStatus !== undefined && {
        comment_setting: changes.commentStatus,
        comments_closed_at: changes.commentStatus === 'closed' ? iso(current.commentsClosedAt ?? now) : null,
      }),
      ...(pinChanged && { sticky: changes.pinned ? 1 : 0 }),
      updated_at: iso(now),
    });
    if (!updated) {
      throw conflict('edit_conflict', `Someone else saved this article since you opened it (your version ${expected}, now ${current.version}). Reload it and apply your changes again.`, 'version');
    }
    if (authors) await repo.replaceAuthors(trx, id, authors);
    if (tags) await repo.replaceTags(trx, id, tags.map((t) => t.id));
    await insertRevision(trx, { article: (await repo.findArticleById(trx, id, now))!, editor: staff, at: now });
    const subject = changes.slug ?? current.slug;
    const action = publicationAction(current, changes.status, pub);
    if (action) await recordAudit(trx, { actor: staff, action, subject, details: { id, publishedAt: pub?.published_at }, at: now });
    if (pinChanged) await recordAudit(trx, { actor: staff, action: changes.pinned ? 'article.pinned' : 'article.unpinned', subject, details: { id }, at: now });
    if (changes.commentStatus !== undefined && changes.commentStatus !== current.commentSetting) {
      await recordAudit(trx, { actor: staff, action: 'discussion.changed', subject, details: { id, from: current.commentSetting, to: changes.commentStatus }, at: now });
    }
  });
  await deps.pageCache.invalidate([`article:${id}`, 'lists']);
  return (await repo.findArticleById(deps.db, id, now))!;
}

/** Deletes an article with its discussion. */
export async function deleteArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const article = await repo.findArticleById(trx, input.id, now);
    if (!article || !(await repo.deleteArticle(trx, input.id))) throw notFound('There is no article with that id.');
    await recordAudit(trx, { actor: input.staff, action: 'article.deleted', subject: article.slug, details: { id: input.id, headline: article.headline }, at: now });
  });
  await deps.pageCache.invalidate([`article:${input.id}`, 'lists']);
}

/** What a reader may see at a slug: the article, a redirect to its new slug, or nothing. */
export async function findPublicArticle(deps: Pick<Deps, 'db' | 'clock'>, slug: string): Promise<{ article: Article } | { redirectTo: string } | undefined> {
  const now = deps.clock.now();
  const article = await repo.findArticleBySlug(deps.db, slug, now);
  if (article) return article.status === 'published' ? { article } : undefined;
  const moved = await repo.findRedirectedSlug(deps.db, slug);
  return moved ? { redirectTo: moved } : undefined;
}

export interface ListQuery {
  sectionId?: string;
  tagId?: string;
  authorId?: string;
  page: number;
  limit: number;
}

/** A page of public articles, newest first; on the front list (no section, tag or author) pinned ones lead. */
export async function listPublicArticles(deps: Pick<Deps, 'db' | 'clock'>, query: ListQuery) {
  const now = deps.clock.now();
  const front = !query.sectionId && !query.tagId && !query.authorId;
  const { articles, total } = await repo.listArticles(deps.db,
    { sectionId: query.sectionId, tagId: query.tagId, authorId: query.authorId, kind: 'article', publicAt: iso(now) },
    { limit: query.limit, offset: (query.page - 1) * query.limit, sort: front ? 'front' : 'published' }, now);
  return { articles, total, page: query.page, limit: query.limit, pages: Math.max(1, Math.ceil(total / query.limit)) };
}

/** When the public lists next change by themselves (a scheduled article going live). */
export const nextScheduledChange = (deps: Pick<Deps, 'db' | 'clock'>) => repo.nextScheduledAt(deps.db, iso(deps.clock.now()));

export const findArticleForStaff = (deps: Pick<Deps, 'db' | 'clock'>, id: string) => repo.findArticleById(deps.db, id, deps.clock.now());

export interface DeskQuery {
  status?: 'draft' | 'pending' | 'scheduled' | 'published' | 'trash';
  sectionId?: string;
  authorId?: string;
  text?: string;
  sort?: 'newest' | 'updated' | 'headline';
  page: number;
  limit: number;
}

/** The desk's list: every article, whatever its status, filtered and sorted. */
export async function listDeskArticles(deps: Pick<Deps, 'db' | 'clock'>, query: DeskQuery) {
  const now = deps.clock.now();
  const { articles, total } = await repo.listArticles(deps.db, {
    sectionId: query.sectionId, authorId: query.authorId, text: query.text, desk: true,
    status: query.status && { is: query.status, now: iso(now) },
  }, { limit: query.limit, offset: (query.page - 1) * query.limit, sort: query.sort }, now);
  return { articles, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.limit)) };
}

/** Sets an article aside: gone from the site, kept with its discussion, restorable. */
export async function trashArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  await moveStatus(deps, input, ['draft', 'pending', 'published'], 'trash', 'article.trashed');
}

/** Takes an article out of the trash as a draft, to be published again on purpose. */
export async function restoreArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  await moveStatus(deps, input, ['trash'], 'draft', 'article.restored');
}

async function moveStatus(deps: Deps, input: { staff: Staff; id: string }, from: StoredArticleStatus[], to: StoredArticleStatus, action: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const article = await repo.findArticleById(trx, input.id, now);
    if (!article) throw notFound('There is no article with that id.');
    if (!(await repo.updateStoredStatus(trx, input.id, from, to, iso(now)))) {
      throw conflict('wrong_status', `This article is ${article.status}, so it cannot be moved to ${to === 'trash' ? 'the trash' : 'drafts'}.`);
    }
    await insertRevision(trx, { article: (await repo.findArticleById(trx, input.id, now))!, editor: input.staff, at: now });
    await recordAudit(trx, { actor: input.staff, action, subject: article.slug, details: { id: input.id, from: article.status }, at: now });
  });
  await deps.pageCache.invalidate([`article:${input.id}`, 'lists']);
}

/** A private address where an unpublished article can be read before it goes out. */
export async function createPreviewLink(deps: Deps, input: { staff: Staff; id: string }): Promise<string> {
  const article = await repo.findArticleById(deps.db, input.id, deps.clock.now());
  if (!article) throw notFound('There is no article with that id.');
  assertCanEdit(input.staff, article);
  const token = newSecret(24);
  await repo.setPreviewToken(deps.db, article.id, token);
  return `/preview/${token}`;
}

export const findArticleByPreviewToken = (deps: Pick<Deps, 'db' | 'clock'>, token: string) =>
  repo.findArticleByPreviewToken(deps.db, token, deps.clock.now());
export interface ImportedArticle {
  /** The article to overwrite; omitted to create one. */
  id?: string;
  kind: ArticleKind;
  /** The slug wanted; a number is added if another article has it. */
  slug: string;
  headline: string;
  /** Already sanitized HTML; also kept as the source, since HTML is valid Markdown for later edits. */
  bodyHtml: string;
  /** Plain text; made from the body when empty. */
  excerpt: string;
  sectionId: string | null;
  authorIds: string[];
  tagIds: string[];
  featuredImage: { url: string; alt: string; caption: string } | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  commentSetting: CommentSetting;
  sticky: boolean;
  createdAt: Date;
  /** Now: when the import wrote it. */
  updatedAt: Date;
}

/**
 * Writes an article brought over from another system, inside the caller's transaction. No permission
 * checks (the importer runs from the CLI as the site's owner) and no publishing rules (history is
 * history: a past schedule is simply published). An old slug keeps redirecting, as with any edit.
 */
export async function saveImportedArticle(db: Db, input: ImportedArticle): Promise<{ id: string; slug: string }> {
  const current = input.id ? await repo.findArticleSlugAndVersion(db, input.id) : undefined;
  const id = current ? input.id! : newId();
  const slug = current?.slug === input.slug ? input.slug : await uniqueSlug(db, input.slug, current ? id : undefined);
  const columns = {
    kind: input.kind, slug, headline: input.headline, body_source: input.bodyHtml, body_html: input.bodyHtml,
    excerpt: input.excerpt || makeExcerpt(input.bodyHtml), section_id: input.sectionId,
    ...imageColumns(input.featuredImage && { ...input.featuredImage, width: undefined, height: undefined }),
    status: input.status, published_at: input.publishedAt ? iso(input.publishedAt) : null,
    comment_setting: input.commentSetting,
    comments_closed_at: input.commentSetting === 'closed' ? iso(input.updatedAt) : null,
    sticky: input.sticky ? 1 : 0, updated_at: iso(input.updatedAt),
  };
  if (current) {
    if (slug !== current.slug) {
      await repo.deleteSlugRedirect(db, slug);
      await repo.insertSlugRedirect(db, current.slug, id);
    }
    await repo.updateArticle(db, id, Number(current.version), columns);
  } else {
    await repo.insertArticle(db, { id, ...columns, subheadline: '', dateline: '', source_credit: '', comment_count: 0, created_at: iso(input.createdAt) });
  }
  // A new article has no bylines or tags to clear: two statements fewer for each of an import's thousands.
  if (current) {
    await repo.replaceAuthors(db, id, input.authorIds);
    await repo.replaceTags(db, id, input.tagIds);
  } else {
    await repo.insertAuthors(db, id, input.authorIds);
    await repo.insertTags(db, id, input.tagIds);
  }
  return { id, slug };
}

/**
 * The article's count of approved comments moves with the discussion, in the caller's transaction: the comments
 * module owns the comments, this module the article row that counts them.
 */
export const adjustCommentCount = (db: Db, articleId: string, delta: number) => repo.adjustCommentCount(db, articleId, delta);

/** Sets the count from the comments counted (an import writes many at once). */
export const setCommentCount = (db: Db, articleId: string, count: number) => repo.setCommentCount(db, articleId, count);

/** A merge of sections or tags files the articles of one under the other, in the caller's transaction. */
export async function refileArticles(db: Db, move: { kind: 'section' | 'tag'; fromId: string; intoId: string }): Promise<void> {
  if (move.kind === 'section') await repo.moveArticlesToSection(db, move.fromId, move.intoId);
  else await repo.copyTagToArticles(db, move.fromId, move.intoId);
}

/** The editor's live preview: the body through the same Markdown and sanitizer as a save. */
export function previewArticleBody(input: { staff: Staff; body: string }): string {
  authorize(input.staff, 'article.create');
  if (input.body.length > LIMITS.body) throw invalid('body', 'body_too_long', `The body must be at most ${LIMITS.body} characters.`);
  return renderArticleBody(input.body);
}
