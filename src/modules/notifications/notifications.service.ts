// Mail to readers who asked for it, and the one-click way out of every such mail.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { cancelQueuedMail, type QueuedMail } from '../../platform/mail/outbox.ts';
import { getServerSecret } from '../../platform/secrets.ts';
import { excerpt } from '../../platform/text.ts';
import { findUserById, setModerationDigest } from '../people/index.ts';
import { getSettings } from '../settings/index.ts';
import { replyMail } from './mail-templates.tsx';
import * as repo from './notifications.repository.ts';
import { makeUnsubscribeToken, readUnsubscribeToken, type UnsubscribeTarget } from './unsubscribe-token.ts';

const SECRET = 'unsubscribe';
export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe';

type NotifyDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'translations'>;

/** The absolute one-click link that stops this kind of mail for this person. */
export async function unsubscribeUrl(deps: NotifyDeps, target: UnsubscribeTarget): Promise<string> {
  const token = makeUnsubscribeToken(await getServerSecret(deps.db, SECRET, deps.clock.now()), target);
  return `${deps.config.publicUrl}${UNSUBSCRIBE_PATH}?token=${token}`;
}

/** RFC 8058: mail providers show an Unsubscribe button that POSTs to the link without opening it. */
export const unsubscribeHeaders = (url: string) => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const isOptedOut = (db: Db, email: string) => repo.isOptedOut(db, email);

export interface ReplyNotificationInput {
  reply: { id: string; authorName: string; authorEmail: string; bodyText: string };
  /** The comment answered, as stored; undefined when it is gone. */
  parent: { authorName: string; authorEmail: string; notifyReplies: boolean; status: string } | undefined;
  headline: string;
  /** The article's language (null: the site's default): the mail speaks it, as the discussion does. */
  language?: string | null;
}

/**
 * The mail that tells a commenter someone replied, if they asked for it: not to themselves, not when their
 * comment is no longer shown, not after they opted out. Built before the transaction that makes the reply
 * visible, which queues it (queueMails), so it leaves only if that change commits.
 */
export async function prepareReplyNotification(
  deps: NotifyDeps,
  input: ReplyNotificationInput,
): Promise<QueuedMail | undefined> {
  const { reply, parent } = input;
  if (!parent?.notifyReplies || parent.status !== 'approved' || parent.authorEmail === '') return undefined;
  const to = parent.authorEmail.toLowerCase();
  if (to === reply.authorEmail.toLowerCase() || (await isOptedOut(deps.db, to))) return undefined;
  const [settings, unsubscribe] = await Promise.all([
    getSettings(deps),
    unsubscribeUrl(deps, { kind: 'replies', email: to }),
  ]);
  const mail = replyMail({
    i18n: deps.translations.for(input.language ?? settings.language, settings.timeZone),
    siteName: settings.name,
    parentAuthor: parent.authorName,
    replier: reply.authorName,
    headline: input.headline,
    excerpt: excerpt(reply.bodyText, 600),
    permalink: `${deps.config.publicUrl}/comments/${reply.id}`,
    unsubscribeUrl: unsubscribe,
  });
  return { kind: 'comment_reply', dedupeKey: reply.id, to, ...mail, headers: unsubscribeHeaders(unsubscribe) };
}

export interface UnsubscribeRequest {
  target: UnsubscribeTarget;
  /** Who the link speaks for, as the page may show it. */
  label: string;
  /** Already unsubscribed. */
  done: boolean;
}

const badLink = () =>
  new AppError(
    400,
    'invalid_unsubscribe_link',
    'This unsubscribe link is not valid: it may have been cut short when it was copied. Use the whole link from the mail.',
  );

/** Shows where a link leads: 400 for a malformed or forged token. */
export async function findUnsubscribeRequest(deps: NotifyDeps, token: string): Promise<UnsubscribeRequest> {
  const target = readUnsubscribeToken(await getServerSecret(deps.db, SECRET, deps.clock.now()), token);
  if (!target) throw badLink();
  if (target.kind === 'replies') {
    return { target, label: maskEmail(target.email), done: await isOptedOut(deps.db, target.email) };
  }
  const user = await findUserById(deps.db, target.userId);
  if (!user) throw badLink();
  return { target, label: maskEmail(user.email), done: Number(user.moderation_digest) === 0 };
}

/** Stops the mail a token names; saying it twice is harmless. Queued reply mail to that address is cancelled. */
export async function unsubscribe(deps: NotifyDeps, token: string): Promise<UnsubscribeRequest> {
  const request = await findUnsubscribeRequest(deps, token);
  const { target } = request;
  if (target.kind === 'digest') {
    await setModerationDigest(deps, { userId: target.userId, on: false });
  } else {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertOptout(trx, { email: target.email, at: iso(deps.clock.now()) });
      await cancelQueuedMail(trx, { kind: 'comment_reply', recipient: target.email });
    });
  }
  return { ...request, done: true };
}

/** a…@example.org: enough for the owner to recognise, little for someone the mail was forwarded to. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '…' : `${email[0]}…${email.slice(at)}`;
}
