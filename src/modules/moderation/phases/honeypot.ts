// A form field people never see: whatever fills it is a bot. Filed as spam without telling it so.
import { CONTINUE, type Phase } from '../phase.ts';

export const honeypotPhase: Phase = (s) =>
  s.honeypot !== ''
    ? {
        action: 'spam',
        rule: 'honeypot',
        reason: 'Filled in the hidden form field that only bots see.',
        values: {},
      }
    : CONTINUE;
