// Maps the article to its JSON shape.
import type { SiteSettings } from '../settings/index.ts';
import { articleLanguage, bylineText, discussionClosesAt, isDiscussionOpen, type Article } from './article.ts';

type JsonContext = { publicUrl: string; settings: SiteSettings; now: Date };

/** An article's translations as the API shows them: readers the published ones, staff every one. */
function translationsJson(article: Article, ctx: JsonContext, staff: boolean) {
  return article.translations
    .filter((t) => staff || t.status === 'published')
    .map((t) => ({
      id: t.id,
      language: t.language ?? ctx.settings.language,
      slug: t.slug,
      url: `${ctx.publicUrl}/articles/${encodeURIComponent(t.slug)}`,
      headline: t.headline,
      status: t.status,
    }));
}

export function articleJson(article: Article, ctx: JsonContext, staff = false) {
  const closesAt = discussionClosesAt(article, ctx.settings);
  return {
    id: article.id,
    slug: article.slug,
    url: `${ctx.publicUrl}/articles/${encodeURIComponent(article.slug)}`,
    headline: article.headline,
    subheadline: article.subheadline,
    bodyHtml: article.bodyHtml,
    excerpt: article.excerpt,
    dateline: article.dateline,
    sourceCredit: article.sourceCredit,
    byline: bylineText(article.authors, article.sourceCredit),
    authors: article.authors,
    section: article.section && { slug: article.section.slug, name: article.section.name },
    tags: article.tags.map((t) => ({ slug: t.slug, name: t.name })),
    featuredImage: article.featuredImage,
    language: articleLanguage(article, ctx.settings.language),
    translations: translationsJson(article, ctx, staff),
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt.toISOString(),
    modifiedAt: article.modifiedAt.toISOString(),
    commentStatus: article.commentSetting,
    discussionOpen: article.status === 'published' && isDiscussionOpen(article, ctx.settings, ctx.now),
    discussionClosesAt: closesAt?.toISOString() ?? null,
    commentCount: article.commentCount,
    pinned: article.pinned,
    version: article.version,
  };
}

export const staffArticleJson = (article: Article, ctx: Parameters<typeof articleJson>[1]) => ({
  ...articleJson(article, ctx, true),
  body: article.bodySource,
});

/** A saved article with the warnings of its save. */
export const savedArticleJson = (
  article: Article & { warnings: { code: string; url: string; message: string }[] },
  ctx: Parameters<typeof articleJson>[1],
) => ({ ...staffArticleJson(article, ctx), warnings: article.warnings });
