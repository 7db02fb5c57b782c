// The words of the mails readers and staff get: plain text first, and a simple HTML version rendered by the same
// template layer as the pages, which escapes every value (reader-typed ones included) by default.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import { removeInvisibleFormatting } from '../../platform/text.ts';

// Commenters' names are cleaned when posted; names stored before that (or imported) are cleaned here, and isolated
// in the HTML, so that no name reorders the sentence around it.
const name = (n: string) => removeInvisibleFormatting(n);

/** A mail's HTML version: a whole document in the mail's language and direction. */
const mailDocument = (i18n: Translator, body: ComponentChildren): string =>
  `<!DOCTYPE html>${render(
    <html lang={i18n.language} dir={i18n.dir}>
      <body>{body}</body>
    </html>,
  )}`;

/** A message with the people's names in it (`names`) isolated in <bdi>, so no name reorders the sentence around it. */
function message(
  i18n: Translator,
  { key, values, names = [] }: { key: MessageKey; values: Record<string, string>; names?: string[] },
): ComponentChildren {
  const parts = i18n.rich<{ bdi: string }>(
    key,
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, names.includes(k) ? { bdi: name(v) } : v])),
  );
  return parts.map((p) => (typeof p === 'string' ? p : <bdi>{p.bdi}</bdi>));
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
  text.split(/\n{2,}/).map((p) => <p>{p.split('\n').flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>);

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
  const html = mailDocument(
    i18n,
    <>
      <p>{message(i18n, { key: 'mail.hello', values: { name: m.parentAuthor }, names: ['name'] })}</p>
      <p>{message(i18n, { key: 'mail.reply.intro', values: who, names: ['replier'] })}</p>
      <blockquote>{paragraphs(m.excerpt)}</blockquote>
      <p>
        <a href={m.permalink}>{i18n.t('mail.reply.read')}</a>
      </p>
      <p>
        <small>
          {i18n.t('mail.reply.why', { site: m.siteName })}{' '}
          <a href={m.unsubscribeUrl}>{i18n.t('mail.reply.stopLink')}</a>.
        </small>
      </p>
    </>,
  );
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
  const html = mailDocument(
    i18n,
    <>
      <p>{message(i18n, { key: 'mail.hello', values: { name: m.name }, names: ['name'] })}</p>
      <ul>
        {(['pending', 'reported'] as const).map((q) => (
          <li>
            <a href={m.queueUrl(q)}>{queueName(q)}</a>: {i18n.number(m.counts[q])}
          </li>
        ))}
      </ul>
      <p>{t('desk.mail.digest.newest')}:</p>
      <ul>
        {m.comments.map((c) => (
          <li>
            {message(i18n, {
              key: 'desk.mail.digest.comment',
              values: { author: c.authorName, headline: c.headline, queue: c.queue },
              names: ['author'],
            })}
            : {c.excerpt}
          </li>
        ))}
      </ul>
      <p>
        <small>
          {t('desk.mail.digest.stopHtml')} <a href={m.unsubscribeUrl}>{t('desk.mail.digest.stopLink')}</a> ·{' '}
          <a href={m.accountUrl}>{t('desk.mail.digest.accountLink')}</a>
        </small>
      </p>
    </>,
  );
  return { subject, text, html };
}
