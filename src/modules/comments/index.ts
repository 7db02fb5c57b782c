export type { Comment, CommentNode } from './comment.ts';
export { buildThread } from './comment.ts';
export {
  postComment, getDiscussion, getDiscussionBySlug, moderateComment, countApprovedComments, discussionClosed, addExistingComments,
  saveImportedComments, type PostCommentInput, type ExistingComment, type ImportedComment,
} from './comment.service.ts';
export { COMMENT_LIMITS } from './comment-input.ts';
export { formatCommentText } from './comment-text.ts';
