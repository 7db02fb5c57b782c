// Many links are the mark of most comment spam: at N or more, a moderator looks first.
import { CONTINUE, type Phase } from '../phase.ts';

export const linksPhase: Phase = (s, { settings }) => {
  const limit = settings.moderationLinkLimit;
  const links = s.bodyHtml.match(/<a\s/g)?.length ?? 0;
  if (limit <= 0 || links < limit) return CONTINUE;
  return {
    action: 'hold',
    rule: 'links',
    reason: `Has ${links} links; comments with ${limit} or more wait for a moderator.`,
    values: { links, limit },
  };
};
