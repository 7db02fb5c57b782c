// The words of the mails readers and staff get: plain text first, and a simple HTML version with every
// reader-typed value escaped.
import { escapeHtml as h, removeInvisibleFormatting } from '../../platform/text.ts';

// Commenters' names are cleaned when posted; names stored before that (or imported) are cleaned here, and isolated
// in the HTML, so that no name reorders the sentence around it.
const name = (n: string) => removeInvisibleFormatting(n);
const nameHtml = (n: string) => `<bdi>${h(name(n))}</bdi>`;

export interface ReplyMailInput {
  siteName: string;
  parentAuthor: string;
  replier: string;
  headline: string;
  excerpt: string;
  permalink: string;
  unsubscribeUrl: string;
}

const quote = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => `<p>${h(p).replace(/\n/g, '<br>')}</p>`).join('');

/** A reader is told that someone replied to their comment. */
export function replyMail(m: ReplyMailInput): { subject: string; text: string; html: string } {
  const subject = `${name(m.replier)} replied to your comment on “${m.headline}”`;
  const text = `Hello ${name(m.parentAuthor)},\n\n${name(m.replier)} replied to your comment on “${m.headline}”:\n\n${quote(m.excerpt)}\n\n`
    + `Read the reply in the discussion:\n${m.permalink}\n\n`
    + `You get this mail because you asked to hear about replies when you commented on ${m.siteName}.\n`
    + `Stop these mails with one click: ${m.unsubscribeUrl}\n`;
  const html = `<!DOCTYPE html><html><body><p>Hello ${nameHtml(m.parentAuthor)},</p>`
    + `<p>${nameHtml(m.replier)} replied to your comment on “${h(m.headline)}”:</p>`
    + `<blockquote>${paragraphs(m.excerpt)}</blockquote>`
    + `<p><a href="${h(m.permalink)}">Read the reply in the discussion</a></p>`
    + `<p><small>You get this mail because you asked to hear about replies when you commented on ${h(m.siteName)}. `
    + `<a href="${h(m.unsubscribeUrl)}">Stop these mails</a>.</small></p></body></html>`;
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
  const text = `Hello ${m.name},\n\n${lines.join('\n')}\n\nNewest waiting:\n${newest.join('\n')}\n\n`
    + `Moderate them at ${m.queueUrl('pending')}\n\n`
    + `Stop these digests with one click: ${m.unsubscribeUrl}\nor on your account page: ${m.accountUrl}\n`;
  const html = `<!DOCTYPE html><html><body><p>Hello ${h(m.name)},</p><ul>`
    + `<li><a href="${h(m.queueUrl('pending'))}">Pending</a>: ${m.counts.pending}</li>`
    + `<li><a href="${h(m.queueUrl('reported'))}">Reported</a>: ${m.counts.reported}</li></ul>`
    + `<p>Newest waiting:</p><ul>${m.comments.map((c) => `<li><strong>${nameHtml(c.authorName)}</strong> on “${h(c.headline)}” (${c.queue}): ${h(c.excerpt)}</li>`).join('')}</ul>`
    + `<p><small><a href="${h(m.unsubscribeUrl)}">Stop these digests</a> or change it on <a href="${h(m.accountUrl)}">your account page</a>.</small></p>`
    + '</body></html>';
  return { subject, text, html };
}
