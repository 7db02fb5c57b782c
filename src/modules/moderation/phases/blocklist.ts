// The block list: addresses and ranges, emails and whole domains, and words that send a comment straight to spam.
import { ipMatcher } from '../../../platform/ip-ranges.ts';
import { CONTINUE, type Phase } from '../phase.ts';
import { findListedWord } from '../word-match.ts';

export const blocklistPhase: Phase = (s, { settings }) => {
  if (s.ip !== '' && ipMatcher(settings.blockedIps)(s.ip)) {
    return {
      action: 'spam',
      rule: 'blocked_ip',
      reason: `Sent from ${s.ip}, which is on the block list.`,
      values: { ip: s.ip },
    };
  }
  const email = settings.blockedEmails.find((rule) => {
    const r = rule.toLowerCase();
    return r.startsWith('@') ? s.email.endsWith(r) : s.email === r;
  });
  if (email)
    return {
      action: 'spam',
      rule: 'blocked_email',
      reason: `The email matches "${email}" on the block list.`,
      values: { entry: email },
    };
  const word = findListedWord([s.name, s.website, s.body], settings.blockedWords);
  if (word)
    return { action: 'spam', rule: 'blocked_word', reason: `Contains "${word}", on the block list.`, values: { word } };
  return CONTINUE;
};
