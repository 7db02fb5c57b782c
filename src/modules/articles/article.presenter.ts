// Maps the article to its JSON shape.
import type { SiteSettings } from '../settings/index.ts';
import { bylineText, discussionClosesAt, isDiscussionOpen, type Article } from './article.ts';

export function articleJson(article: Article, ctx: { publicUrl: string; settings: SiteSettings; now: Date }) {
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
  ...articleJson(article, ctx),
  body: article.bodySource,
});

/** A saved article with the warnings of its save. */
export const savedArticleJson = (
  article: Article & { warnings: { code: string; url: string; message: string }[] },
  ctx: Parameters<typeof articleJson>[1],
) => ({ ...staffArticleJson(article, ctx), warnings: article.warnings });
