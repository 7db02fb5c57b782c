export type { Comment, CommentNode } from './comment.ts';
export type { DiscussionRead } from './comment.service.ts';
export { buildThread, discussionPage, editorsPicks, pageOfComment, type DiscussionPage } from './comment.ts';
export {
  postComment,
  locateComment,
  getDiscussion,
  getDiscussionPage,
  getDiscussionBySlug,
  moderateComment,
  countApprovedComments,
  discussionClosed,
  addExistingComments,
  reportComment,
  findReportableComment,
  pruneIdempotencyKeys,
  getCommentForModeration,
  REPORT_REASON_MAX,
  saveImportedComments,
  saveImportedDiscussions,
  importedCommentCounts,
  countImportedComments,
  type ImportedCommentCounts,
  type PostCommentInput,
  type ExistingComment,
  type ModeratedComment,
  type ImportedComment,
} from './comment.service.ts';
export { COMMENT_LIMITS } from './comment-input.ts';
export { formatCommentText, formatImportedText, type FormattedComment } from '../../platform/html/comment-text.ts';
export { eraseOldAddresses, exportCommenterData, eraseCommenterData, type CommenterData } from './privacy.service.ts';
export { answerPendingComment, featureComment, replyAsStaff } from './comment-staff.service.ts';
export {
  editOwnComment,
  deleteOwnComment,
  editCommentText,
  getOwnComment,
  listCommentRevisions,
  findOwnerView,
  editableUntil,
  type OwnerView,
  type CommentRevision,
} from './comment-edit.service.ts';
export {
  COMMENTER_COOKIE,
  COMMENT_TOKEN_HEADER,
  commenterTokenFor,
  sentCommenterToken,
  setCommenterCookie,
} from './commenter-token.ts';
export {
  countCommentQueues,
  countQueueArrivalsSince,
  listQueueComments,
  listQueueCommentIds,
  listCommenterRecords,
  countCommentsByArticle,
  QUEUES,
  QUEUE_COUNT_CAP,
  type Queue,
  type QueueFilter,
} from './comment-queue.service.ts';
export { listLatestComments, type LatestComment } from './comment-feed.service.ts';
