// Refuses a post from a banned commenter: a ban names an email, an address or range, or both, and either one matching counts.
import { AppError } from '../../../platform/errors.ts';
import { ipMatcher } from '../../../platform/ip-ranges.ts';
import { CONTINUE, type Phase } from '../phase.ts';

export const commenterBanned = () =>
  new AppError(
    403,
    'commenter_banned',
    'Comments from this email address or network are not accepted: the moderators have banned it. If you think this is a mistake, write to the newsroom.',
  );

export const bannedPhase: Phase = (s, c) => {
  const banned = c.bans.some(
    (ban) => (ban.email !== '' && ban.email === s.email) || (ban.ip !== '' && ipMatcher([ban.ip])(s.ip)),
  );
  return banned ? { action: 'refuse', error: commenterBanned() } : CONTINUE;
};
