// The moderators' digest: when comments have joined the pending or reported queue since the last digest and
// the interval set by the newsroom has passed, one mail to each moderating member of staff who wants it.
// Every process checks every minute; the run is claimed in the database, so one digest goes out per interval.
import type { Deps } from '../../deps.ts';
import { claimJobRun, lastJobRun } from '../../platform/jobs.ts';
import { queueMails, type QueuedMail } from '../../platform/mail/outbox.ts';
import { excerpt } from '../../platform/text.ts';
import { digestMail, unsubscribeHeaders, unsubscribeUrl } from '../notifications/index.ts';
import { listDigestRecipients } from '../people/index.ts';
import { getSettings } from '../settings/index.ts';
import { countCommentQueues, countQueueArrivalsSince, listQueueComments } from '../comments/index.ts';

export const DIGEST_JOB = 'moderation_digest';
const NEWEST = 10;

const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Queues the digest if one is due; returns how many mails it queued (0 when none was due or another process sent it). */
export async function sendModerationDigest(deps: Deps): Promise<number> {
  const { moderationDigestMinutes: minutes, name: siteName, language, timeZone } = await getSettings(deps);
  if (minutes <= 0) return 0;
  const now = deps.clock.now();
  const last = await lastJobRun(deps.db, DIGEST_JOB);
  if (last && now.getTime() - last.getTime() < minutes * 60_000) return 0;
  if ((await countQueueArrivalsSince(deps, last ?? new Date(0))) === 0) return 0;
  const recipients = await listDigestRecipients(deps);
  if (recipients.length === 0) return 0;
  if (!(await claimJobRun(deps.db, DIGEST_JOB, { previous: last, now }))) return 0;

  const [counts, pending, reported] = await Promise.all([
    countCommentQueues(deps),
    listQueueComments(deps, { queue: 'pending', limit: NEWEST, offset: 0 }),
    listQueueComments(deps, { queue: 'reported', limit: NEWEST, offset: 0 }),
  ]);
  // A comment held by readers' reports is in both queues: list it once, as reported.
  const reportedIds = new Set(reported.map((c) => c.id));
  const newest = [
    ...reported.map((c) => ({ ...c, queue: 'reported' as const })),
    ...pending.filter((c) => !reportedIds.has(c.id)).map((c) => ({ ...c, queue: 'pending' as const })),
  ]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, NEWEST)
    .map((c) => ({
      authorName: c.authorName,
      headline: c.article.headline,
      excerpt: excerpt(plainText(c.bodyHtml), 160),
      queue: c.queue,
    }));
  const base = deps.config.publicUrl;
  const mails: QueuedMail[] = [];
  for (const person of recipients) {
    const unsubscribe = await unsubscribeUrl(deps, { kind: 'digest', userId: person.id });
    // Each moderator reads it in their desk language, else the site's.
    const own = person.language && deps.translations.speaks(person.language) ? person.language : language;
    const mail = digestMail({
      i18n: deps.translations.for(own, timeZone),
      siteName,
      name: person.name,
      counts: { pending: counts.pending, reported: counts.reported },
      comments: newest,
      queueUrl: (queue) => `${base}/admin/moderation?queue=${queue}`,
      unsubscribeUrl: unsubscribe,
      accountUrl: `${base}/admin/account`,
    });
    mails.push({
      kind: 'moderation_digest',
      dedupeKey: `${now.toISOString()}:${person.id}`,
      to: person.email,
      ...mail,
      headers: unsubscribeHeaders(unsubscribe),
    });
  }
  // One statement: the claim above is the change this mail follows from, and nothing holds a lock across the sends.
  const queued = await queueMails(deps.db, mails, now);
  deps.mailOutbox.kick();
  return queued;
}
