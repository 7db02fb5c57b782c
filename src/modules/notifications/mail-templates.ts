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
  siteName: string;
  name: string;
  counts: { pending: number; reported: number };
  comments: { authorName: string; headline: string; excerpt: string; queue: 'pending' | 'reported' }[];
  queueUrl: (queue: 'pending' | 'reported') => string;
  unsubscribeUrl: string;
  accountUrl: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A moderator is told how many comments wait, and which are the newest. */
export function digestMail(m: DigestMailInput): { subject: string; text: string; html: string } {
  const waiting = m.counts.pending + m.counts.reported;
  const subject = `${plural(waiting, 'comment waits', 'comments wait')} for moderation on ${m.siteName}`;
  const lines = [
    `Pending: ${m.counts.pending} (${m.queueUrl('pending')})`,
    `Reported: ${m.counts.reported} (${m.queueUrl('reported')})`,
  ];
  const newest = m.comments.map((c) => `- ${name(c.authorName)} on “${c.headline}” (${c.queue}): ${c.excerpt}`);
  const text =
    `Hello ${m.name},\n\n${lines.join('\n')}\n\nNewest waiting:\n${newest.join('\n')}\n\n` +
    `Moderate them at ${m.queueUrl('pending')}\n\n` +
    `Stop these digests with one click: ${m.unsubscribeUrl}\nor on your account page: ${m.accountUrl}\n`;
  const html =
    `<!DOCTYPE html><html><body><p>Hello ${h(m.name)},</p><ul>` +
    `<li><a href="${h(m.queueUrl('pending'))}">Pending</a>: ${m.counts.pending}</li>` +
    `<li><a href="${h(m.queueUrl('reported'))}">Reported</a>: ${m.counts.reported}</li></ul>` +
    `<p>Newest waiting:</p><ul>${m.comments.map((c) => `<li><strong>${nameHtml(c.authorName)}</strong> on “${h(c.headline)}” (${c.queue}): ${h(c.excerpt)}</li>`).join('')}</ul>` +
    `<p><small><a href="${h(m.unsubscribeUrl)}">Stop these digests</a> or change it on <a href="${h(m.accountUrl)}">your account page</a>.</small></p>` +
    '</body></html>';
  return { subject, text, html };
}
