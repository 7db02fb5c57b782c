export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen } from './article.ts';
export {
  createArticle, updateArticle, deleteArticle, findPublicArticle, listPublicArticles, nextScheduledChange, findArticleForStaff,
  saveImportedArticle, type ArticleInput, type ListQuery, type ImportedArticle,
} from './article.service.ts';
