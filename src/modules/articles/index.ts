export type { Article, ArticleStatus, Byline, FeaturedImage } from './article.ts';
export type { LanguageFilter } from './article.repository.ts';
export { deriveStatus, discussionClosesAt, isDiscussionOpen, contentModifiedAt } from './article.ts';
export {
  createArticle,
  updateArticle,
  deleteArticle,
  findDeletionImpact,
  findPublicArticle,
  findDiscussionToPost,
  listPublicArticles,
  nextScheduledChange,
  findArticleForStaff,
  listDeskArticles,
  assertCanEdit,
  trashArticle,
  restoreArticle,
  saveImportedArticle,
  saveImportedArticles,
  indexImportedArticles,
  reindexArticles,
  listArticleIdsShowing,
  retuneSearch,
  findArticlesByIds,
  listMoreToRead,
  listArchiveMonths,
  pageTagsOf,
  refileArticles,
  markArticleModified,
  type ArticleInput,
  type DeletionImpact,
  type ListQuery,
  type DeskQuery,
  type ImportedArticle,
} from './article.service.ts';
export { articleJson } from './article.presenter.ts';
export {
  createPreviewLink,
  findArticleByPreviewToken,
  listPreviewLinks,
  revokePreviewLink,
  type PreviewLink,
  type NewPreviewLink,
} from './preview-link.service.ts';
export { articleFormValues, type ArticleFormValues, type EditorChoices } from './article-editor.service.ts';
export { listRevisions, type Revision } from './revision.service.ts';
export type { RevisionHistory } from './revision-history.service.ts';
export { findPhotoUses } from './article-photos.service.ts';
