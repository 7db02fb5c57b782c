export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen } from './article.ts';
export {
  createArticle, updateArticle, deleteArticle, findPublicArticle, listPublicArticles, nextScheduledChange, findArticleForStaff, listDeskArticles, assertCanEdit, trashArticle, restoreArticle, createPreviewLink, findArticleByPreviewToken,
  saveImportedArticle, adjustCommentCount, setCommentCount, type ArticleInput, type ListQuery, type DeskQuery, type ImportedArticle,
} from './article.service.ts';
