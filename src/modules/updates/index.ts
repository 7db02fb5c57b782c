export type { ArticleUpdate, ArticleUpdateKind, ListedCorrection } from './article-update.ts';
export { isUpdateKind, NOTE_MAX } from './article-update.ts';
export {
  recordArticleUpdate,
  removeArticleUpdate,
  listArticleUpdates,
  listUpdatesOf,
  listCorrections,
  type RecordUpdateInput,
} from './article-update.service.ts';
