export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen } from './article.ts';
export {
  createArticle, updateArticle, deleteArticle, findPublicArticle, listPublicArticles, nextScheduledChange, findArticleForStaff,
  type ArticleInput, type ListQuery,
} from './article.service.ts';
