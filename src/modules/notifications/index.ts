export {
  prepareReplyNotification,
  unsubscribeUrl,
  unsubscribeHeaders,
  findUnsubscribeRequest,
  unsubscribe,
  UNSUBSCRIBE_PATH,
  type ReplyNotificationInput,
  type UnsubscribeRequest,
} from './notifications.service.ts';
export { digestMail, type DigestMailInput } from './mail-templates.tsx';
