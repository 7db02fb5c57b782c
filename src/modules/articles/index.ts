export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen } from './article.ts';
export {
  createArticle, updateArticle, deleteArticle, findPublicArticle, listPublicArticles, nextScheduledChange, findArticleForStaff, listDeskArticles, assertCanEdit, trashArticle, restoreArticle, createPreviewLink, findArticleByPreviewToken,
  saveImportedArticle, reindexArticles, listArticleIdsShowing, retuneSearch, findArticlesByIds, listMoreToRead, listArchiveMonths, pageTagsOf, type ArticleInput, type ListQuery, type DeskQuery, type ImportedArticle,
} from './article.service.ts';
export { articleJson } from './article.presenter.ts';
