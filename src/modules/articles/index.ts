export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen } from './article.ts';
export {
  createArticle, updateArticle, deleteArticle, findPublicArticle, listPublicArticles, nextScheduledChange, findArticleForStaff, listDeskArticles, assertCanEdit, trashArticle, restoreArticle, createPreviewLink, findArticleByPreviewToken,
  saveImportedArticle, adjustCommentCount, setCommentCount, refileArticles, type ArticleInput, type ListQuery, type DeskQuery, type ImportedArticle,
} from './article.service.ts';
export { articleFormValues, type ArticleFormValues, type EditorChoices } from './article-editor.service.ts';
export { listRevisions, type Revision } from './revision.service.ts';
export type { RevisionHistory } from './revision-history.service.ts';
