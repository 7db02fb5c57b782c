// A newcomer's first comment waits for a moderator; once one of theirs is approved, the rest appear at once.
import { CONTINUE, type Phase } from '../phase.ts';

export const firstCommentPhase: Phase = (_s, { settings, emailApproved }) =>
  settings.holdFirstComments && !emailApproved
    ? {
        action: 'hold',
        rule: 'first_comment',
        reason: 'No comment from this email has been approved before.',
        values: {},
      }
    : CONTINUE;
