// The words of the mails readers and staff get: plain text first, and a simple HTML version with every
// reader-typed value escaped.
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import { escapeHtml as h, removeInvisibleFormatting } from '../../platform/text.ts';

// Commenters' names are cleaned when posted; names stored before that (or imported) are cleaned here, and isolated
// in the HTML, so that no name reorders the sentence around it.
const name = (n: string) => removeInvisibleFormatting(n);
const nameHtml = (n: string) => `<bdi>${h(name(n))}</bdi>`;

/**
 * A message as HTML: its words escaped, the people's names in it (`names`) isolated in <bdi>, so no name reorders
 * the sentence around it; the other values escaped as text.
 */
function htmlMessage(
  i18n: Translator,
  { key, values, names = [] }: { key: MessageKey; values: Record<string, string>; names?: string[] },
): string {
  const parts = i18n.rich<{ bdi: string }>(
    key,
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, names.includes(k) ? { bdi: name(v) } : v])),
  );
  return parts.map((p) => (typeof p === 'string' ? h(p) : nameHtml(p.bdi))).join('');
}

export interface ReplyMailInput {
  /** The language of the mail (the discussion's). */
  i18n: Translator;
  siteName: string;
  parentAuthor: string;
  replier: string;
  headline: string;
  excerpt: string;
  permalink: string;
  unsubscribeUrl: string;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${h(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** A reader is told that someone replied to their comment. */
export function replyMail(m: ReplyMailInput): { subject: string; text: string; html: string } {
  const { i18n } = m;
  const who = { replier: m.replier, headline: m.headline };
  const subject = i18n.t('mail.reply.subject', { ...who, replier: name(m.replier) });
  const text =
    `${i18n.t('mail.hello', { name: name(m.parentAuthor) })}\n\n${i18n.t('mail.reply.intro', { ...who, replier: name(m.replier) })}\n\n${quote(m.excerpt)}\n\n` +
    `${i18n.t('mail.reply.read')}:\n${m.permalink}\n\n` +
    `${i18n.t('mail.reply.why', { site: m.siteName })}\n` +
    `${i18n.t('mail.reply.stopText', { url: m.unsubscribeUrl })}\n`;
  const html =
    `<!DOCTYPE html><html lang="${h(i18n.language)}" dir="${i18n.dir}"><body><p>${htmlMessage(i18n, { key: 'mail.hello', values: { name: m.parentAuthor }, names: ['name'] })}</p>` +
    `<p>${htmlMessage(i18n, { key: 'mail.reply.intro', values: who, names: ['replier'] })}</p>` +
    `<blockquote>${paragraphs(m.excerpt)}</blockquote>` +
    `<p><a href="${h(m.permalink)}">${h(i18n.t('mail.reply.read'))}</a></p>` +
    `<p><small>${h(i18n.t('mail.reply.why', { site: m.siteName }))} ` +
    `<a href="${h(m.unsubscribeUrl)}">${h(i18n.t('mail.reply.stopLink'))}</a>.</small></p></body></html>`;
  return { subject, text, html };
}

export interface DigestMailInput {
  /** The moderator's desk language, else the site's. */
  i18n: Translator;
  siteName: string;
  name: string;
  counts: { pending: number; reported: number };
  comments: { authorName: string; headline: string; excerpt: string; queue: 'pending' | 'reported' }[];
  queueUrl: (queue: 'pending' | 'reported') => string;
  unsubscribeUrl: string;
  accountUrl: string;
}

/** A moderator is told how many comments wait, and which are the newest. */
export function digestMail(m: DigestMailInput): { subject: string; text: string; html: string } {
  const { i18n } = m;
  const { t } = i18n;
  const waiting = m.counts.pending + m.counts.reported;
  const subject = t('desk.mail.digest.subject', { count: waiting, site: m.siteName });
  const queueName = (queue: 'pending' | 'reported') => t('desk.mail.digest.queue', { queue });
  const lines = (['pending', 'reported'] as const).map(
    (q) => `${queueName(q)}: ${i18n.number(m.counts[q])} (${m.queueUrl(q)})`,
  );
  const newest = m.comments.map(
    (c) =>
      `- ${t('desk.mail.digest.comment', { author: name(c.authorName), headline: c.headline, queue: c.queue })}: ${c.excerpt}`,
  );
  const text =
    `${t('mail.hello', { name: m.name })}\n\n${lines.join('\n')}\n\n${t('desk.mail.digest.newest')}:\n${newest.join('\n')}\n\n` +
    `${t('desk.mail.digest.moderateAt', { url: m.queueUrl('pending') })}\n\n` +
    `${t('desk.mail.digest.stopText', { url: m.unsubscribeUrl, account: m.accountUrl })}\n`;
  const html =
    `<!DOCTYPE html><html lang="${h(i18n.language)}" dir="${i18n.dir}"><body><p>${htmlMessage(i18n, { key: 'mail.hello', values: { name: m.name }, names: ['name'] })}</p><ul>` +
    (['pending', 'reported'] as const)
      .map((q) => `<li><a href="${h(m.queueUrl(q))}">${h(queueName(q))}</a>: ${h(i18n.number(m.counts[q]))}</li>`)
      .join('') +
    `</ul><p>${h(t('desk.mail.digest.newest'))}:</p><ul>${m.comments
      .map(
        (c) =>
          `<li>${htmlMessage(i18n, { key: 'desk.mail.digest.comment', values: { author: c.authorName, headline: c.headline, queue: c.queue }, names: ['author'] })}: ${h(c.excerpt)}</li>`,
      )
      .join('')}</ul>` +
    `<p><small>${h(t('desk.mail.digest.stopHtml'))} <a href="${h(m.unsubscribeUrl)}">${h(t('desk.mail.digest.stopLink'))}</a> · <a href="${h(m.accountUrl)}">${h(t('desk.mail.digest.accountLink'))}</a></small></p>` +
    '</body></html>';
  return { subject, text, html };
}
