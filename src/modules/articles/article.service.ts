// The newsroom's rules for writing, publishing and reading articles.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleKind, CommentSetting, NewArticleRow, StoredArticleStatus } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { instantToWallTime } from '../../platform/zoned-time.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters, SLUG_PATTERN, slugify } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { findUsersByIdsOrSlugs } from '../people/index.ts';
import { authorize, can, type Staff } from '../permissions/index.ts';
import { ensureTags, resolveSection } from '../sections/index.ts';
import { getSettings } from '../settings/index.ts';
import { checkLanguage, siteLanguages } from './article-language.ts';
import { deriveStatus, type Article } from './article.ts';
import * as repo from './article.repository.ts';
import type { LanguageFilter } from './article.repository.ts';
import * as searchRepo from './article-search.repository.ts';
import { writeSearchDocuments } from './article-search.repository.ts';
import { deletePreviewLinksOf } from './preview-link.repository.ts';
import * as frontRepo from './front-page.repository.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { insertRevision } from './revision.service.ts';
import { makeExcerpt } from './body-format.ts';
import { copyArticleImages, renderBodyWithSizes, type ArticleWarning } from './article-images.ts';
import { languageLabel } from '../../platform/i18n/language-names.ts';

/** Another article has this address. */
const slugTaken = (slug: string) =>
  conflict({
    code: 'slug_taken',
    message: `The slug "${slug}" is already used by another article.`,
    field: 'slug',
    values: { kind: 'article', slug },
  });

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
  featuredImage?: {
    url: string;
    caption?: string;
    credit?: string;
    alt: string;
    width?: number;
    height?: number;
    srcset?: string;
  } | null;
  status?: 'draft' | 'pending' | 'scheduled' | 'published';
  /** ISO time: when a scheduled article goes public, or the published time to record. */
  publishAt?: string;
  commentStatus?: CommentSetting;
  /** Pin to the top of the front page (editors and admins). */
  pinned?: boolean;
  /** BCP 47 tag of a language the site publishes in; absent (or null) follows the site's default. */
  language?: string | null;
  /** The version the writer started from; a different current version is a conflict. */
  version?: number;
}

const LIMITS = {
  headline: 300,
  subheadline: 500,
  body: 200_000,
  excerpt: 1000,
  dateline: 120,
  sourceCredit: 120,
  caption: 1000,
  credit: 200,
  alt: 1000,
  url: 2000,
};

// `words: 'article'` tells the catalogues these are an article's fields, where a comment's share a code ('body').
function checkText(field: keyof typeof LIMITS, value: string | undefined, required = false): void {
  if (value === undefined) return;
  if (required && value.trim() === '')
    throw invalid({
      field,
      code: `${snake(field)}_required`,
      message: `The ${field} must not be empty.`,
      values: { words: 'article' },
    });
  if (value.length > LIMITS[field])
    throw invalid({
      field,
      code: `${snake(field)}_too_long`,
      message: `The ${field} must be at most ${LIMITS[field]} characters (it has ${value.length}).`,
      values: { words: 'article', max: LIMITS[field], length: value.length },
    });
  if (hasControlCharacters(value))
    throw invalid({
      field,
      code: 'control_characters',
      message: `The ${field} contains control characters; remove them.`,
      values: {
        words: 'article',
      },
    });
}
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function validate(input: ArticleInput, creating: boolean): void {
  checkText('headline', input.headline, true);
  if (creating && input.headline === undefined)
    throw invalid('headline', 'headline_required', 'An article needs a headline.');
  if (creating && input.body === undefined) throw invalid('body', 'body_required', 'An article needs a body.');
  checkText('subheadline', input.subheadline);
  checkText('body', input.body, true);
  checkText('excerpt', input.excerpt);
  checkText('dateline', input.dateline);
  checkText('sourceCredit', input.sourceCredit);
  if (input.slug !== undefined && (!SLUG_PATTERN.test(input.slug) || input.slug.length > 200)) {
    throw invalid(
      'slug',
      'invalid_slug',
      'The slug may hold lowercase letters, digits and single hyphens, at most 200 characters, e.g. "city-council-votes".',
    );
  }
  const image = input.featuredImage;
  if (image) {
    checkText('url', image.url, true);
    if (!/^(https?:\/\/|\/(?!\/))/.test(image.url))
      throw invalid('featuredImage.url', 'invalid_image_url', 'The image URL must start with http://, https:// or /.');
    checkText('caption', image.caption);
    checkText('credit', image.credit);
    checkText('alt', image.alt);
    if (!image.alt?.trim())
      throw invalid(
        'featuredImage.alt',
        'image_alt_required',
        'Describe the image in its alt text for readers who cannot see it.',
      );
  }
  if (input.publishAt !== undefined && Number.isNaN(Date.parse(input.publishAt))) {
    throw invalid('publishAt', 'invalid_time', 'publishAt must be an ISO 8601 time such as 2026-12-01T09:00:00Z.');
  }
}

/** Stored status and publication time from what the writer asked for. */
function publication(
  input: ArticleInput,
  current: Article | undefined,
  now: Date,
): Pick<NewArticleRow, 'status' | 'published_at'> | undefined {
  const requested = input.status ?? (input.publishAt !== undefined ? current?.status : undefined);
  if (requested === undefined) return undefined;
  const at = input.publishAt ? new Date(input.publishAt) : undefined;
  if (requested === 'draft' || requested === 'pending') return { status: requested, published_at: at ? iso(at) : null };
  if (requested === 'trash') return { status: 'draft', published_at: at ? iso(at) : null };
  if (requested === 'scheduled') {
    if (!at || at.getTime() <= now.getTime())
      throw invalid('publishAt', 'schedule_in_past', 'A scheduled article needs a publication time in the future.');
    return { status: 'published', published_at: iso(at) };
  }
  const keep = current?.status === 'published' && current.publishedAt ? current.publishedAt : now;
  return { status: 'published', published_at: iso(at ?? keep) };
}

/**
 * The staff bylines as ids. A wire story may have none: its byline then reads from its source credit ("By dpa"),
 * so no authors needs a credit (the one the article will have after this save).
 */
async function resolveAuthors(
  deps: Pick<Deps, 'db'>,
  { keys, staff, sourceCredit }: { keys: string[] | undefined; staff: Staff; sourceCredit: string },
): Promise<string[] | undefined> {
  if (keys === undefined) return undefined;
  if (keys.length === 0 && sourceCredit.trim() === '') {
    throw invalid(
      'authors',
      'authors_required',
      'An article needs at least one author, or a source credit for a wire story ("dpa").',
    );
  }
  const users = await findUsersByIdsOrSlugs(deps.db, keys);
  const ids = keys.map((k) => users.find((u) => u.id === k || u.slug === k || u.email === k.toLowerCase())?.id);
  const missing = keys.filter((_, i) => ids[i] === undefined);
  if (missing.length)
    throw invalid(
      'authors',
      'unknown_author',
      `No staff member is known as ${missing.map((m) => `"${m}"`).join(', ')}.`,
    );
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
    image_url: image?.url ?? '',
    image_caption: image?.caption ?? '',
    image_credit: image?.credit ?? '',
    image_alt: image?.alt ?? '',
    image_width: image?.width ?? null,
    image_height: image?.height ?? null,
    image_srcset: image?.srcset ?? '',
  };
}

/** The lock that makes links between translations take turns (they are rare; one key keeps groups whole). */
export const TRANSLATIONS_LOCK = 'translation-groups';

/**
 * The language a save asks for: `tag` as the site spells it, and `chosen` as stored (null for the site's default
 * unless the article is a translation, whose language stays put whatever the default becomes). Undefined when the
 * save says nothing of it.
 */
async function chosenLanguage(
  deps: Pick<Deps, 'db' | 'translations'>,
  language: string | null | undefined,
): Promise<{ tag: string; chosen: string | null; isDefault: boolean } | undefined> {
  if (language === undefined) return undefined;
  const settings = await getSettings(deps);
  const offered = siteLanguages(settings);
  if (language === null || language.trim() === '') return { tag: offered.default, chosen: null, isDefault: true };
  const tag = checkLanguage(offered, language);
  return { tag, chosen: tag, isDefault: tag.toLowerCase() === offered.default.toLowerCase() };
}

/** Refuses a second article in one language of a translation group. */
export async function assertLanguageFree(
  db: Db,
  input: { group: string; language: string; exceptId?: string },
): Promise<void> {
  const settings = await getSettings({ db });
  const taken = (await repo.listTranslationGroup(db, input.group, new Date())).find(
    (m) => m.id !== input.exceptId && (m.language ?? settings.language).toLowerCase() === input.language.toLowerCase(),
  );
  if (taken)
    throw conflict({
      code: 'translation_exists',
      message: `“${taken.headline}” is already this article's translation in ${languageLabel(input.language, 'en')}: a story has one article per language. Unlink it first, or edit it.`,
      field: 'language',
      values: { kind: 'taken', headline: taken.headline, other: '', language: input.language },
    });
}

/** An article as saved, with what the writer should know but did not stop the save (an image left on another site). */
export type SavedArticle = Article & { warnings: ArticleWarning[] };

/** Writes a new article; publishing or scheduling it needs the right to publish. */
export async function createArticle(
  deps: Deps,
  input: {
    staff: Staff;
    article: ArticleInput;
    /**
     * A translation started from another article: the group it joins (one article per language in a group), and
     * the article it translates, which joins the same group in the same transaction if it had none.
     */
    translation?: { group: string; source: { id: string; language: string } };
  },
): Promise<SavedArticle> {
  const { staff } = input;
  authorize(staff, 'article.create');
  validate(input.article, true);
  const language = await chosenLanguage(deps, input.article.language);
  const now = deps.clock.now();
  const pub = publication(input.article, undefined, now) ?? { status: 'draft' as const, published_at: null };
  if (pub.status === 'published') authorize(staff, 'article.publish');
  if (input.article.pinned) authorize(staff, 'article.pin');
  // Network I/O before the transaction: SQLite has one connection for the whole process.
  const images = await copyArticleImages(deps, {
    staff,
    body: input.article.body,
    featuredImage: input.article.featuredImage,
  });
  const article: ArticleInput = { ...input.article, body: images.body, featuredImage: images.featuredImage };
  const bodyHtml = await renderBodyWithSizes(deps, article.body!);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const tx = { db: trx };
    const section = article.section ? await resolveSection(trx, article.section) : null;
    const authors = (await resolveAuthors(tx, {
      keys: article.authors,
      staff,
      sourceCredit: article.sourceCredit ?? '',
    })) ?? [staff.id];
    const tags = await ensureTags(trx, article.tags ?? []);
    if (article.slug !== undefined && (await repo.slugInUse(trx, article.slug))) {
      throw slugTaken(article.slug);
    }
    const slug = article.slug ?? (await uniqueSlug(trx, slugify(article.headline!)));
    if (input.translation) {
      const { group, source } = input.translation;
      await lockKeys(trx, deps.dialect, [TRANSLATIONS_LOCK]);
      const original = await repo.findArticleById(trx, source.id, now);
      if (!original) throw notFound('The article to translate is gone.');
      if (original.translationGroup !== null && original.translationGroup !== group)
        throw conflict('edit_conflict', 'Someone linked this article to other translations meanwhile: try again.');
      if (original.translationGroup === null)
        await repo.setTranslationGroup(trx, [{ id: source.id, language: source.language }], group);
      await assertLanguageFree(trx, { group, language: language!.tag, exceptId: id });
    }
    await repo.insertArticle(trx, {
      id,
      slug,
      language: input.translation ? language!.tag : (language?.chosen ?? null),
      translation_group: input.translation?.group ?? null,
      headline: article.headline!.trim(),
      subheadline: article.subheadline?.trim() ?? '',
      body_source: article.body!,
      body_html: bodyHtml,
      excerpt: article.excerpt?.trim() || makeExcerpt(bodyHtml),
      dateline: article.dateline?.trim() ?? '',
      source_credit: article.sourceCredit?.trim() ?? '',
      section_id: section?.id ?? null,
      ...imageColumns(article.featuredImage ?? null),
      ...pub,
      comment_setting: article.commentStatus ?? 'default',
      comments_closed_at: article.commentStatus === 'closed' ? iso(now) : null,
      comment_count: 0,
      created_at: iso(now),
      updated_at: iso(now),
    });
    if (article.pinned) {
      await lockKeys(trx, deps.dialect, [FRONT_PAGE_LOCK]);
      await frontRepo.appendPlaced(trx, id, iso(now));
    }
    await repo.replaceAuthors(trx, id, authors);
    await repo.replaceTags(
      trx,
      id,
      tags.map((t) => t.id),
    );
    await writeSearchDocuments(trx, [id]);
    await insertRevision(trx, { article: (await repo.findArticleById(trx, id, now))!, editor: staff, at: now });
    await recordAudit(trx, {
      actor: staff,
      action: 'article.created',
      subject: slug,
      details: { id, status: article.status ?? 'draft' },
      at: now,
    });
    if (pub.status === 'published') {
      const action = article.status === 'scheduled' ? 'article.scheduled' : 'article.published';
      await recordAudit(trx, {
        actor: staff,
        action,
        subject: slug,
        details: { id, publishedAt: pub.published_at },
        at: now,
      });
    }
  });
  const created = { ...(await repo.findArticleById(deps.db, id, now))!, warnings: images.warnings };
  await deps.pageCache.invalidate([...pageTagsOf(created), 'lists']);
  return created;
}

/** The audit action for a change of publication, if there is one. */
function publicationAction(
  before: Article,
  requested: ArticleInput['status'] | undefined,
  pub: ReturnType<typeof publication>,
): string | undefined {
  if (!pub) return undefined;
  if (pub.status === 'pending') return before.status === 'pending' ? undefined : 'article.submitted';
  if (pub.status === 'draft') return before.status === 'draft' ? undefined : 'article.unpublished';
  if (requested === 'scheduled') return 'article.scheduled';
  return before.status === 'published' ? undefined : 'article.published';
}

/** What readers see of an article, to tell a real edit from a save that changed nothing they can see. */
function readerContent(a: Article): string {
  const image = a.featuredImage && {
    url: a.featuredImage.url,
    caption: a.featuredImage.caption,
    credit: a.featuredImage.credit,
    alt: a.featuredImage.alt,
  };
  return JSON.stringify([
    a.headline,
    a.subheadline,
    a.bodyHtml,
    a.excerpt,
    a.dateline,
    a.sourceCredit,
    a.language,
    a.section?.id ?? null,
    a.authors.map((x) => x.id),
    a.tags.map((t) => t.id),
    image,
  ]);
}

/**
 * Whether a change of publication ends the article's preview links: going public, leaving the public or a schedule.
 * Moving between draft and review, or scheduling a draft, keeps them (a scheduled article is still private).
 */
function endsPreviews(
  before: Article['status'],
  after: NonNullable<ReturnType<typeof publication>>,
  now: Date,
): boolean {
  const publicNow = after.status === 'published' && (!after.published_at || after.published_at <= iso(now));
  return publicNow || before === 'published' || (before === 'scheduled' && after.status !== 'published');
}

/**
 * Editors edit anything; authors their own articles; contributors their own drafts. An article in the trash
 * was set aside by someone who may restore it: changing, publishing or scheduling it takes that same right,
 * or an author could bring back what an editor took down.
 */
export function assertCanEdit(staff: Staff, article: Article): void {
  if (article.status === 'trash' && !can(staff, 'article.delete')) {
    throw new AppError(
      403,
      'article_in_trash',
      'This article is in the trash. Only an editor or an admin can restore it or change it; ask one if it should come back.',
    );
  }
  if (can(staff, 'article.edit_any')) return;
  authorize(staff, 'article.create');
  if (!article.authors.some((a) => a.id === staff.id))
    throw new AppError(403, 'forbidden', 'You may edit only your own articles.');
  if (staff.role === 'contributor' && article.status !== 'draft')
    throw new AppError(403, 'forbidden', 'Contributors may edit only their drafts.');
}

/** Throws 404 or 403 unless the staff member may edit the article (the API asks before it reads the changes). */
export async function checkArticleEditRight(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string },
): Promise<void> {
  // A role that edits no article is refused before it can learn which ids exist.
  if (!can(input.staff, 'article.edit_any')) authorize(input.staff, 'article.create');
  const article = await repo.findArticleById(deps.db, input.id, deps.clock.now());
  if (!article) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(input.staff, article);
}

/** Changes an article; the old slug keeps working as a redirect. Refuses a stale version. */
export async function updateArticle(
  deps: Deps,
  input: { staff: Staff; id: string; changes: ArticleInput },
): Promise<SavedArticle> {
  const { staff, id } = input;
  const now = deps.clock.now();
  const current = await repo.findArticleById(deps.db, id, now);
  if (!current) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(staff, current);
  validate(input.changes, false);
  const language =
    input.changes.language === undefined ? undefined : await chosenLanguage(deps, input.changes.language);
  const pub = publication(input.changes, current, now);
  // Leaving draft or review for the public, or taking a public article back, needs the right to publish.
  if (pub && (pub.status === 'published' || (current.status !== 'draft' && current.status !== 'pending')))
    authorize(staff, 'article.publish');
  if (input.changes.commentStatus !== undefined && input.changes.commentStatus !== current.commentSetting)
    authorize(staff, 'discussion.open_close');
  const pinChanged = input.changes.pinned !== undefined && input.changes.pinned !== current.pinned;
  if (pinChanged) authorize(staff, 'article.pin');
  const expected = input.changes.version ?? current.version;
  // A stale version fails now, before any image is fetched for a save that cannot happen (the transaction checks again).
  if (expected !== current.version) throw editConflict(expected, current.version);
  const images = await copyArticleImages(deps, {
    staff,
    body: input.changes.body,
    featuredImage: input.changes.featuredImage ?? undefined,
  });
  const changes: ArticleInput = {
    ...input.changes,
    ...(input.changes.body !== undefined && { body: images.body }),
    ...(input.changes.featuredImage && { featuredImage: images.featuredImage }),
  };
  const bodyHtml = changes.body === undefined ? undefined : await renderBodyWithSizes(deps, changes.body);

  await deps.db.transaction().execute(async (trx) => {
    const section =
      changes.section === undefined
        ? undefined
        : changes.section === null
          ? null
          : await resolveSection(trx, changes.section);
    const credit = changes.sourceCredit ?? current.sourceCredit;
    const authors = await resolveAuthors({ db: trx }, { keys: changes.authors, staff, sourceCredit: credit });
    // Taking the credit off a wire story with no staff byline would leave it signed by nobody.
    if (!authors && current.authors.length === 0 && credit.trim() === '') {
      throw invalid(
        'sourceCredit',
        'source_credit_required',
        'This article has no staff author: keep its source credit, or add an author.',
      );
    }
    const tags = changes.tags === undefined ? undefined : await ensureTags(trx, changes.tags);
    // An article of a translation group keeps a language of its own: a group has one article per language.
    if (language && current.translationGroup) {
      await lockKeys(trx, deps.dialect, [TRANSLATIONS_LOCK]);
      await assertLanguageFree(trx, { group: current.translationGroup, language: language.tag, exceptId: id });
    }
    if (changes.slug !== undefined && changes.slug !== current.slug) {
      if (await repo.slugInUse(trx, changes.slug, id)) throw slugTaken(changes.slug);
      await repo.deleteSlugRedirect(trx, changes.slug);
      await repo.insertSlugRedirect(trx, current.slug, id);
    }
    const updated = await repo.updateArticle(trx, {
      id,
      expectedVersion: expected,
      changes: {
        ...(changes.headline !== undefined && { headline: changes.headline.trim() }),
        ...(changes.subheadline !== undefined && { subheadline: changes.subheadline.trim() }),
        ...(changes.slug !== undefined && { slug: changes.slug }),
        ...(bodyHtml !== undefined && { body_source: changes.body, body_html: bodyHtml }),
        ...(changes.excerpt !== undefined || bodyHtml !== undefined
          ? { excerpt: changes.excerpt?.trim() || makeExcerpt(bodyHtml ?? current.bodyHtml) }
          : {}),
        ...(changes.dateline !== undefined && { dateline: changes.dateline.trim() }),
        ...(changes.sourceCredit !== undefined && { source_credit: changes.sourceCredit.trim() }),
        // An article that follows the site's default keeps following it when the form sends the default back.
        ...(language && {
          language: current.translationGroup
            ? language.tag
            : current.language === null && language.isDefault
              ? null
              : language.chosen,
        }),
        ...(section !== undefined && { section_id: section?.id ?? null }),
        ...(changes.featuredImage !== undefined && imageColumns(changes.featuredImage)),
        ...pub,
        ...(changes.commentStatus !== undefined && {
          comment_setting: changes.commentStatus,
          comments_closed_at: changes.commentStatus === 'closed' ? iso(current.commentsClosedAt ?? now) : null,
        }),
        updated_at: iso(now),
      },
    });
    if (!updated)
      throw editConflict(expected, (await repo.findArticleSlugAndVersion(trx, id))?.version ?? current.version);
    if (authors) await repo.replaceAuthors(trx, id, authors);
    if (tags)
      await repo.replaceTags(
        trx,
        id,
        tags.map((t) => t.id),
      );
    if (pinChanged) {
      // A pin is a place among the front page's top stories, after those already there.
      await lockKeys(trx, deps.dialect, [FRONT_PAGE_LOCK]);
      if (changes.pinned) await frontRepo.appendPlaced(trx, id, iso(now));
      else await frontRepo.removePlaced(trx, id);
    }
    await writeSearchDocuments(trx, [id]);
    if (pub && endsPreviews(current.status, pub, now)) await deletePreviewLinksOf(trx, id);
    const saved = (await repo.findArticleById(trx, id, now))!;
    // A save that leaves what readers see as it was (the form sent back unchanged, a pin, a discussion switch)
    // is no news: dateModified, the feeds and the sitemaps stay where they were.
    if (readerContent(saved) !== readerContent(current)) await repo.markArticleModified(trx, id, iso(now));
    await insertRevision(trx, { article: saved, editor: staff, at: now });
    const subject = changes.slug ?? current.slug;
    const action = publicationAction(current, changes.status, pub);
    if (action)
      await recordAudit(trx, {
        actor: staff,
        action,
        subject,
        details: { id, publishedAt: pub?.published_at },
        at: now,
      });
    if (pinChanged)
      await recordAudit(trx, {
        actor: staff,
        action: changes.pinned ? 'article.pinned' : 'article.unpinned',
        subject,
        details: { id },
        at: now,
      });
    if (changes.commentStatus !== undefined && changes.commentStatus !== current.commentSetting) {
      await recordAudit(trx, {
        actor: staff,
        action: 'discussion.changed',
        subject,
        details: { id, from: current.commentSetting, to: changes.commentStatus },
        at: now,
      });
    }
  });
  const updated = { ...(await repo.findArticleById(deps.db, id, now))!, warnings: images.warnings };
  // Pages listing it under More to read carry its tag. If it joined or left a section or a tag, or went public or
  // private, the pages of those sections and tags may list it now, or no more.
  const tagIds = (a: Article) =>
    a.tags
      .map((t) => t.id)
      .sort()
      .join();
  const moved =
    current.section?.id !== updated.section?.id ||
    tagIds(current) !== tagIds(updated) ||
    current.status !== updated.status ||
    current.publishedAt?.getTime() !== updated.publishedAt?.getTime();
  // Its translations' pages link to it by its headline.
  const own = [`article:${id}`, ...updated.translations.map((t) => `article:${t.id}`)];
  await deps.pageCache.invalidate([...(moved ? pageTagsOf(current, updated) : own), 'lists']);
  return updated;
}

const editConflict = (yours: number, now: number) =>
  new AppError({
    status: 409,
    code: 'edit_conflict',
    message: `Someone else saved this article since you opened it (your version ${yours}, now ${Number(now)}). Reload it and apply your changes again.`,
    field: 'version',
    values: { yours, now: Number(now) },
  });

/** What deleting an article for good takes with it, for the confirmation page. */
export interface DeletionImpact {
  article: Article;
  /** Every comment of its discussion, whatever its status. */
  comments: number;
  /** Of those, the ones readers can see. */
  approvedComments: number;
  revisions: number;
}

/** Checks that the article may be deleted for good (editors and admins, from the trash only) and says what would go. */
export async function findDeletionImpact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string },
): Promise<DeletionImpact> {
  authorize(input.staff, 'article.delete');
  const article = await repo.findArticleById(deps.db, input.id, deps.clock.now());
  if (!article) throw notFound('There is no article with that id.', 'article');
  assertInTrash(article);
  return { article, ...(await repo.countDiscussionAndRevisions(deps.db, input.id)) };
}

function assertInTrash(article: Article): void {
  if (article.status !== 'trash') {
    throw conflict({
      code: 'not_in_trash',
      message: `This article is ${article.status}. Move it to the trash first; only an article in the trash can be deleted for good.`,
      values: { status: article.status },
    });
  }
}

/** Deletes an article in the trash for good, with its discussion and revisions. */
export async function deleteArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  const now = deps.clock.now();
  const article = await deps.db.transaction().execute(async (trx) => {
    const found = await repo.findArticleById(trx, input.id, now);
    if (!found) throw notFound('There is no article with that id.', 'article');
    assertInTrash(found);
    const lost = await repo.countDiscussionAndRevisions(trx, input.id);
    if (!(await repo.deleteArticle(trx, input.id, ['trash'])))
      throw conflict({
        code: 'not_in_trash',
        message: 'This article left the trash meanwhile; it was not deleted.',
        values: { status: 'left' },
      });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'article.deleted',
      subject: found.slug,
      details: { id: input.id, headline: found.headline, comments: lost.comments, revisions: lost.revisions },
      at: now,
    });
    return found;
  });
  await deps.pageCache.invalidate([...pageTagsOf(article), 'lists']);
}

/** What a reader may see at a slug: the article, a redirect to its new slug, or nothing. */
export async function findPublicArticle(
  deps: Pick<Deps, 'db' | 'clock'>,
  slug: string,
): Promise<{ article: Article } | { redirectTo: string } | undefined> {
  const now = deps.clock.now();
  const article = await repo.findArticleBySlug(deps.db, slug, now);
  if (article) return article.status === 'published' ? { article } : undefined;
  const moved = await repo.findRedirectedSlug(deps.db, slug);
  return moved ? { redirectTo: moved } : undefined;
}

/** A public article's discussion as posting sees it (see findDiscussionTarget); undefined when no public article has the slug. */
export async function findDiscussionToPost(deps: Pick<Deps, 'db' | 'clock'>, slug: string) {
  const found = await repo.findDiscussionTarget(deps.db, slug);
  return found && deriveStatus(found.stored, found.publishedAt, deps.clock.now()) === 'published' ? found : undefined;
}

export interface ListQuery {
  /** Only the articles of one language's edition. */
  language?: LanguageFilter;
  sectionId?: string;
  tagId?: string;
  authorId?: string;
  /** An archive's span: published at or after `from`, before `until`. */
  from?: Date;
  until?: Date;
  page: number;
  limit: number;
  /** Strictly newest first, pinned or not (feeds); the front page otherwise puts pinned articles first. */
  newestFirst?: boolean;
  /**
   * Count only far enough to know of BOUNDED_PAGES more pages (reader lists and feeds): `pages` is then a lower
   * bound when `morePages` is true. Without it the total is exact, at a cost that grows with the site.
   */
  boundedTotal?: boolean;
}

/** How many pages past the one asked for a bounded count looks ahead. */
const BOUNDED_PAGES = 10;

/** A page of public articles, newest first; on the front list (no section, tag or author) pinned ones lead. */
export async function listPublicArticles(deps: Pick<Deps, 'db' | 'clock'>, query: ListQuery) {
  const now = deps.clock.now();
  const front =
    !query.sectionId && !query.tagId && !query.authorId && !query.from && !query.until && !query.newestFirst;
  const countUpTo = query.boundedTotal ? (query.page + BOUNDED_PAGES) * query.limit + 1 : undefined;
  const { articles, total } = await repo.listArticles(deps.db, {
    filter: {
      language: query.language,
      sectionId: query.sectionId,
      tagId: query.tagId,
      authorId: query.authorId,
      kind: 'article',
      publicAt: iso(now),
      publishedFrom: query.from && iso(query.from),
      publishedBefore: query.until && iso(query.until),
    },
    page: {
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
      sort: front ? 'front' : 'published',
      countUpTo,
    },
    now,
  });
  const pages = Math.max(1, Math.ceil(total / query.limit));
  return {
    articles,
    total,
    page: query.page,
    limit: query.limit,
    pages,
    morePages: countUpTo !== undefined && total >= countUpTo,
  };
}

/** When the public lists next change by themselves (a scheduled article going live). */
export const nextScheduledChange = (deps: Pick<Deps, 'db' | 'clock'>) =>
  repo.nextScheduledAt(deps.db, iso(deps.clock.now()));

export const findArticleForStaff = (deps: Pick<Deps, 'db' | 'clock'>, id: string) =>
  repo.findArticleById(deps.db, id, deps.clock.now());

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
    filter: {
      sectionId: query.sectionId,
      authorId: query.authorId,
      text: query.text,
      desk: true,
      status: query.status && { is: query.status, now: iso(now) },
    },
    page: { limit: query.limit, offset: (query.page - 1) * query.limit, sort: query.sort },
    now,
  });
  return { articles, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.limit)) };
}

/** Sets an article aside: gone from the site, kept with its discussion, restorable. */
export async function trashArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  const article = await repo.findArticleById(deps.db, input.id, deps.clock.now());
  if (article?.status === 'trash') {
    throw conflict(
      'already_in_trash',
      'This article is already in the trash. To delete it for good, an editor or admin confirms it from the trash (API: DELETE with ?permanent=true).',
    );
  }
  await moveStatus(deps, input, { from: ['draft', 'pending', 'published'], to: 'trash', action: 'article.trashed' });
}

/** Takes an article out of the trash as a draft, to be published again on purpose. */
export async function restoreArticle(deps: Deps, input: { staff: Staff; id: string }): Promise<void> {
  authorize(input.staff, 'article.delete');
  await moveStatus(deps, input, { from: ['trash'], to: 'draft', action: 'article.restored' });
}

/** Moves an article from one of `from` to `to` and audits it as `action`. */
async function moveStatus(
  deps: Deps,
  input: { staff: Staff; id: string },
  { from, to, action }: { from: StoredArticleStatus[]; to: StoredArticleStatus; action: string },
) {
  const now = deps.clock.now();
  const moved = await deps.db.transaction().execute(async (trx) => {
    const article = await repo.findArticleById(trx, input.id, now);
    if (!article) throw notFound('There is no article with that id.', 'article');
    if (!(await repo.updateStoredStatus(trx, { id: input.id, from, to, at: iso(now) }))) {
      throw conflict({
        code: 'wrong_status',
        message: `This article is ${article.status}, so it cannot be moved to ${to === 'trash' ? 'the trash' : 'drafts'}.`,
        values: { status: article.status, to },
      });
    }
    if (to === 'trash') {
      await deletePreviewLinksOf(trx, input.id);
      // Off the site, off the front page's arrangement: a restored draft is placed again on purpose.
      await lockKeys(trx, deps.dialect, [FRONT_PAGE_LOCK]);
      await frontRepo.removePlaced(trx, input.id);
    }
    await insertRevision(trx, {
      article: (await repo.findArticleById(trx, input.id, now))!,
      editor: input.staff,
      at: now,
    });
    await recordAudit(trx, {
      actor: input.staff,
      action,
      subject: article.slug,
      details: { id: input.id, from: article.status },
      at: now,
    });
    return article;
  });
  await deps.pageCache.invalidate([...pageTagsOf(moved), 'lists']);
}

/** Moves the article's dateModified, inside the caller's transaction (an update or correction recorded on it). */
export const markArticleModified = (db: Db, id: string, at: string) => repo.markArticleModified(db, id, at);

/** The lock that makes writers of the front page's arrangement take turns. */
export const FRONT_PAGE_LOCK = 'front-page';

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
  /** Width, height and srcset when the picture was copied into the media library. */
  featuredImage: { url: string; alt: string; caption: string; width?: number; height?: number; srcset?: string } | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  commentSetting: CommentSetting;
  /** Kept at the top of the front page (WordPress's sticky): placed after the top stories already there. */
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
export async function saveImportedArticle(
  db: Db,
  input: ImportedArticle,
  options: { searchIndex?: 'now' | 'later' } = {},
): Promise<{ id: string; slug: string }> {
  const current = input.id ? await repo.findArticleSlugAndVersion(db, input.id) : undefined;
  const id = current ? input.id! : newId();
  const slug = current?.slug === input.slug ? input.slug : await uniqueSlug(db, input.slug, current ? id : undefined);
  const columns = importedColumns(input, slug, current !== undefined);
  if (current) {
    if (slug !== current.slug) {
      await repo.deleteSlugRedirect(db, slug);
      await repo.insertSlugRedirect(db, current.slug, id);
    }
    await repo.updateArticle(db, { id, expectedVersion: Number(current.version), changes: columns });
  } else {
    await repo.insertArticle(db, {
      id,
      ...columns,
      subheadline: '',
      dateline: '',
      source_credit: '',
      comment_count: 0,
      created_at: iso(input.createdAt),
    });
  }
  // A new article has no bylines or tags to clear: two statements fewer for each of an import's thousands.
  if (current) {
    await repo.replaceAuthors(db, id, input.authorIds);
    await repo.replaceTags(db, id, input.tagIds);
  } else {
    await repo.insertAuthors(db, id, input.authorIds);
    await repo.insertTags(db, id, input.tagIds);
  }
  // A re-import adds a pin; it never takes away a place an editor gave here.
  if (input.sticky) await frontRepo.appendPlaced(db, id, iso(input.updatedAt));
  // 'later': the caller indexes a batch of imported articles at once (indexImportedArticles), in the same transaction.
  if (options.searchIndex !== 'later') await writeSearchDocuments(db, [id]);
  return { id, slug };
}

/** An imported article's columns, but for what only a new row has. */
const importedColumns = (input: ImportedArticle, slug: string, existing: boolean) => ({
  kind: input.kind,
  slug,
  headline: input.headline,
  body_source: input.bodyHtml,
  body_html: input.bodyHtml,
  excerpt: input.excerpt || makeExcerpt(input.bodyHtml),
  section_id: input.sectionId,
  ...imageColumns(input.featuredImage),
  status: input.status,
  published_at: input.publishedAt ? iso(input.publishedAt) : null,
  comment_setting: input.commentSetting,
  comments_closed_at: input.commentSetting === 'closed' ? iso(input.updatedAt) : null,
  updated_at: iso(input.updatedAt),
  // A re-import writes only what changed in the export; a first import's article is as it was published.
  modified_at: existing ? iso(input.updatedAt) : null,
});

/**
 * saveImportedArticle for a batch, in order, with the same outcome: new articles' slugs are checked in one
 * query (a taken one is then tried with a suffix, as uniqueSlug does) and their rows, bylines and tags written
 * in multi-row statements; an article of an earlier import is saved on its own, after the new ones before it.
 * Search documents are left to indexImportedArticles.
 */
export async function saveImportedArticles(db: Db, inputs: ImportedArticle[]): Promise<{ id: string; slug: string }[]> {
  const out: { id: string; slug: string }[] = [];
  // Whether a slug is in use in the database (as an article's or an old one that redirects), as far as known.
  const known = await repo.slugsInUse(
    db,
    inputs.flatMap((i) => (i.id ? [] : [i.slug])),
  );
  const inUse = async (slug: string) => {
    let used = known.get(slug);
    if (used === undefined) {
      used = await repo.slugInUse(db, slug);
      known.set(slug, used);
    }
    return used;
  };
  let queued: { input: ImportedArticle; id: string; slug: string }[] = [];
  const writeQueued = async () => {
    if (queued.length === 0) return;
    await repo.insertArticles(
      db,
      queued.map(({ input, id, slug }) => ({
        id,
        ...importedColumns(input, slug, false),
        subheadline: '',
        dateline: '',
        source_credit: '',
        comment_count: 0,
        created_at: iso(input.createdAt),
      })),
    );
    await repo.insertAuthorRows(
      db,
      queued.flatMap(({ input, id }) =>
        input.authorIds.map((user_id, position) => ({ article_id: id, user_id, position })),
      ),
    );
    await repo.insertTagRows(
      db,
      queued.flatMap(({ input, id }) => input.tagIds.map((tag_id) => ({ article_id: id, tag_id }))),
    );
    for (const { input, id } of queued) if (input.sticky) await frontRepo.appendPlaced(db, id, iso(input.updatedAt));
    queued = [];
  };
  for (const input of inputs) {
    if (input.id) {
      await writeQueued();
      out.push(await saveImportedArticle(db, input, { searchIndex: 'later' }));
      // Its slug may have moved (and an old one become a redirect, or stopped being one): ask the database again.
      known.clear();
      continue;
    }
    let slug = input.slug;
    for (let n = 2; await inUse(slug); n++) slug = `${input.slug}-${n}`;
    known.set(slug, true);
    const id = newId();
    queued.push({ input, id, slug });
    out.push({ id, slug });
  }
  await writeQueued();
  return out;
}

/** Writes the search documents of articles saved with searchIndex 'later', in the caller's transaction. */
export const indexImportedArticles = (db: Db, ids: string[]): Promise<void> => writeSearchDocuments(db, ids);

/** A merge of sections or tags files the articles of one under the other, in the caller's transaction. */
export async function refileArticles(
  db: Db,
  move: { kind: 'section' | 'tag'; fromId: string; intoId: string },
): Promise<void> {
  if (move.kind === 'section') await repo.moveArticlesToSection(db, move.fromId, move.intoId);
  else await repo.copyTagToArticles(db, move.fromId, move.intoId);
}

/** The editor's live preview: the body through the same Markdown and sanitizer as a save. */
export async function previewArticleBody(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff; body: string },
): Promise<string> {
  authorize(input.staff, 'article.create');
  if (input.body.length > LIMITS.body)
    throw invalid({
      field: 'body',
      code: 'body_too_long',
      message: `The body must be at most ${LIMITS.body} characters.`,
      values: { words: 'article', max: LIMITS.body, length: input.body.length },
    });
  return renderBodyWithSizes(deps, input.body, { strict: false });
}

/** Re-indexes articles for search (all of them without ids), inside the caller's transaction (a restore, a rename). */
export async function reindexArticles(db: Db, ids?: string[]): Promise<void> {
  await writeSearchDocuments(db, ids ?? (await searchRepo.listAllArticleIds(db)));
}

/** The articles that show a tag or a byline: their searchable text changes when the tag or the person does. */
export const listArticleIdsShowing = (db: Db, by: { tagId?: string; userId?: string }) =>
  searchRepo.listArticleIdsByTerm(db, by);

/**
 * Follows the site's language (the stemming of articles that name none); called when the language setting changes,
 * once it is stored. The language is the caller's to name for its own record; the index reads the settings.
 */
export const retuneSearch = (deps: Pick<Deps, 'db' | 'dialect'>, _language?: string) =>
  searchRepo.retuneSearchIndex(deps.db, deps.dialect);

/** Articles by id in the given order, whatever their status: the caller has already chosen which may be shown. */
export async function findArticlesByIds(deps: Pick<Deps, 'db' | 'clock'>, ids: string[]): Promise<Article[]> {
  const found = await repo.findArticlesByIds(deps.db, ids, deps.clock.now());
  const byId = new Map(found.map((a) => [a.id, a]));
  return ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
}

const MORE_TO_READ = 4;

/**
 * What to read next under an article: the newest of its section, topped up with those sharing the most tags;
 * never the article itself, never anything not public. `section` names the heading's section when it leads.
 */
export async function listMoreToRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  article: Article,
): Promise<{ section: Article['section']; articles: Article[] }> {
  const now = deps.clock.now();
  const at = iso(now);
  const fromSection = article.section
    ? await repo.listSectionNeighbours(
        deps.db,
        { sectionId: article.section.id, exceptId: article.id, at, limit: MORE_TO_READ },
        now,
      )
    : [];
  const byTags = await repo.listTagNeighbours(
    deps.db,
    {
      tagIds: article.tags.map((t) => t.id),
      exceptIds: [article.id, ...fromSection.map((a) => a.id)],
      at,
      limit: MORE_TO_READ - fromSection.length,
    },
    now,
  );
  return { section: fromSection.length ? article.section : null, articles: [...fromSection, ...byTags] };
}

/** Months with published articles, newest first, on the newsroom's calendar. */
export async function listArchiveMonths(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
  timeZone: string,
  language?: LanguageFilter,
) {
  const now = deps.clock.now();
  const offsetMinutes = Math.round(
    (Date.parse(`${instantToWallTime(now, timeZone)}:00Z`) - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000,
  );
  return repo.listArchiveMonths(deps.db, deps.dialect, { at: iso(now), timeZone, offsetMinutes, language });
}

/**
 * The cache tags of the pages that show an article: its own, its section's and its tags' (More to read lists them),
 * and its translations' (each links to it by its headline while it is published).
 */
export const pageTagsOf = (...articles: (Article | undefined)[]): string[] => [
  ...new Set(
    articles.flatMap((a) =>
      a
        ? [
            `article:${a.id}`,
            ...(a.section ? [`section:${a.section.id}`] : []),
            ...a.tags.map((t) => `tag:${t.id}`),
            ...a.translations.map((t) => `article:${t.id}`),
          ]
        : [],
    ),
  ),
];
