// Translation groups: an article and its translations, one per language, linked and unlinked from the editor, and
// "Translate", which starts the draft of a translation from an article.
import type { Deps } from '../../deps.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { isId, newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { getSettings } from '../settings/index.ts';
import { type Article, articleLanguage } from './article.ts';
import { checkLanguage, siteLanguages } from './article-language.ts';
import * as repo from './article.repository.ts';
import { assertCanEdit, createArticle, pageTagsOf, type SavedArticle, TRANSLATIONS_LOCK } from './article.service.ts';
import { featuredImageInput } from './article-images.ts';
import { languageLabel } from '../../platform/i18n/language-names.ts';

/** The article an editor names as a translation: by its address on the site, its slug or its id. */
async function findNamedArticle(db: Deps['db'], named: string, now: Date): Promise<Article | undefined> {
  const text = named.trim();
  if (text === '') return undefined;
  if (isId(text)) {
    const byId = await repo.findArticleById(db, text, now);
    if (byId) return byId;
  }
  let slug = text;
  const path = /^(?:https?:\/\/[^/]+)?\/articles\/([^/?#]+)/.exec(text);
  if (path) {
    try {
      slug = decodeURIComponent(path[1]);
    } catch {
      return undefined;
    }
  }
  const found = await repo.findArticleBySlug(db, slug, now);
  if (found) return found;
  const moved = await repo.findRedirectedSlug(db, slug);
  return moved ? repo.findArticleBySlug(db, moved, now) : undefined;
}

/** Every article of the groups given (the articles themselves and their translations), with the language each is in. */
function membersOf(articles: Article[], siteLanguage: string): { id: string; language: string; headline: string }[] {
  const seen = new Map<string, { id: string; language: string; headline: string }>();
  for (const a of articles) {
    seen.set(a.id, { id: a.id, language: articleLanguage(a, siteLanguage), headline: a.headline });
    for (const t of a.translations)
      seen.set(t.id, { id: t.id, language: t.language ?? siteLanguage, headline: t.headline });
  }
  return [...seen.values()];
}

/**
 * Links an article to another as its translation (the other named by its address, slug or id): both groups become
 * one, which must still hold one article per language. The person must be able to edit both, since both pages change.
 */
export async function linkTranslation(
  deps: Deps,
  input: { staff: Staff; id: string; other: string },
): Promise<{ article: Article; linked: Article }> {
  const { staff } = input;
  authorize(staff, 'article.create');
  const now = deps.clock.now();
  const settings = await getSettings(deps);
  const result = await deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [TRANSLATIONS_LOCK]);
    const article = isId(input.id) ? await repo.findArticleById(trx, input.id, now) : undefined;
    if (!article) throw notFound('There is no article with that id.', 'article');
    assertCanEdit(staff, article);
    const other = await findNamedArticle(trx, input.other, now);
    if (!other)
      throw invalid(
        'translation',
        'unknown_article',
        'No article has that address: paste the address of the translation (…/articles/its-slug), or its slug.',
      );
    if (other.id === article.id)
      throw invalid('translation', 'same_article', 'An article cannot be its own translation: name the other one.');
    assertCanEdit(staff, other);
    if (article.translationGroup !== null && article.translationGroup === other.translationGroup)
      throw conflict({
        code: 'already_linked',
        message: `“${other.headline}” is already linked as a translation of this article.`,
        values: { headline: other.headline },
      });
    const members = membersOf([article, other], settings.language);
    const byLanguage = new Map<string, { headline: string }>();
    for (const m of members) {
      const taken = byLanguage.get(m.language.toLowerCase());
      if (taken)
        throw conflict({
          code: 'translation_exists',
          message: `Both “${taken.headline}” and “${m.headline}” are in ${languageLabel(m.language, 'en')}: a story has one article per language. Unlink one first, or change its language.`,
          field: 'translation',
          values: { kind: 'both', headline: taken.headline, other: m.headline, language: m.language },
        });
      byLanguage.set(m.language.toLowerCase(), m);
    }
    const group = article.translationGroup ?? other.translationGroup ?? newId();
    await repo.setTranslationGroup(trx, members, group);
    await recordAudit(trx, {
      actor: staff,
      action: 'article.translation_linked',
      subject: article.slug,
      details: { id: article.id, translation: other.id, group },
      at: now,
    });
    return { article: (await repo.findArticleById(trx, article.id, now))!, linked: other };
  });
  // The sitemaps (tagged with the lists) name a published article's translations.
  const listed = result.article.status === 'published' || result.linked.status === 'published';
  await deps.pageCache.invalidate([...pageTagsOf(result.article), ...(listed ? ['lists'] : [])]);
  return result;
}

/** Takes one article out of its translation group (named from any article of the group); a group of one is no group. */
export async function unlinkTranslation(
  deps: Deps,
  input: { staff: Staff; id: string; translationId: string },
): Promise<void> {
  const { staff } = input;
  authorize(staff, 'article.create');
  const now = deps.clock.now();
  const before = await deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [TRANSLATIONS_LOCK]);
    const article = isId(input.id) ? await repo.findArticleById(trx, input.id, now) : undefined;
    if (!article) throw notFound('There is no article with that id.', 'article');
    assertCanEdit(staff, article);
    const leaving = article.translations.find((t) => t.id === input.translationId);
    if (!leaving || !isId(input.translationId)) throw notFound('That article is not a translation of this one.');
    const other = (await repo.findArticleById(trx, leaving.id, now))!;
    assertCanEdit(staff, other);
    const settings = await getSettings({ db: trx });
    const stays = membersOf([article], settings.language).filter((m) => m.id !== leaving.id);
    await repo.setTranslationGroup(trx, [{ id: other.id, language: articleLanguage(other, settings.language) }], null);
    // The last one left has no translation any more.
    if (stays.length === 1) await repo.setTranslationGroup(trx, stays, null);
    await recordAudit(trx, {
      actor: staff,
      action: 'article.translation_unlinked',
      subject: article.slug,
      details: { id: article.id, translation: other.id },
      at: now,
    });
    return article;
  });
  const listed = before.status === 'published' || before.translations.some((t) => t.status === 'published');
  await deps.pageCache.invalidate([...pageTagsOf(before), ...(listed ? ['lists'] : [])]);
}

/** The languages the site publishes in that an article's group has no article in yet, for its Translate buttons. */
export async function missingLanguages(deps: Pick<Deps, 'db' | 'translations'>, article: Article): Promise<string[]> {
  const settings = await getSettings(deps);
  const have = new Set(
    [
      articleLanguage(article, settings.language),
      ...article.translations.map((t) => t.language ?? settings.language),
    ].map((l) => l.toLowerCase()),
  );
  return siteLanguages(settings).all.filter((l) => !have.has(l.toLowerCase()));
}

/**
 * "Translate": a draft in another language, in the article's translation group, with its photo (and the photo's
 * caption, credit and alt text), section, tags and authors carried over, and its words to translate in place.
 */
export async function startTranslation(
  deps: Deps,
  input: { staff: Staff; id: string; language: string },
): Promise<SavedArticle> {
  const { staff } = input;
  authorize(staff, 'article.create');
  const now = deps.clock.now();
  const source = isId(input.id) ? await repo.findArticleById(deps.db, input.id, now) : undefined;
  if (!source) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(staff, source);
  const settings = await getSettings(deps);
  const language = checkLanguage(siteLanguages(settings), input.language);
  const sourceLanguage = articleLanguage(source, settings.language);
  if (language.toLowerCase() === sourceLanguage.toLowerCase())
    throw invalid({
      field: 'language',
      code: 'same_language',
      message: `This article is already in ${languageLabel(language, 'en')}: choose another language.`,
      values: { language },
    });
  const base = `${source.slug}-${language.toLowerCase()}`.slice(0, 200);
  let slug = base;
  for (let n = 2; await repo.slugInUse(deps.db, slug); n++) slug = `${base}-${n}`;
  try {
    return await createArticle(deps, {
      staff,
      translation: { group: source.translationGroup ?? newId(), source: { id: source.id, language: sourceLanguage } },
      article: {
        headline: source.headline,
        subheadline: source.subheadline,
        slug,
        body: source.bodySource,
        dateline: source.dateline,
        sourceCredit: source.sourceCredit,
        authors: source.authors.map((a) => a.id),
        section: source.section?.slug ?? null,
        tags: source.tags.map((t) => t.name),
        featuredImage: source.featuredImage && featuredImageInput(source.featuredImage),
        commentStatus: source.commentSetting,
        language,
        status: 'draft',
      },
    });
  } catch (error) {
    // A contributor translating someone else's article is not among its authors: the draft is theirs.
    if (error instanceof AppError && error.code === 'must_include_self')
      throw invalid('language', 'must_include_self', 'You may translate only articles you are an author of.');
    throw error;
  }
}
