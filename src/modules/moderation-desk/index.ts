export { sendModerationDigest, DIGEST_JOB } from './moderation-digest.service.ts';
export {
  listModerationQueue,
  getQueueSnapshot,
  moderateComments,
  type QueueItem,
  type QueuePage,
} from './moderation-queue.service.ts';
