// Words the newsroom wants a person to look at before they appear.
import { CONTINUE, type Phase } from '../phase.ts';
import { findListedWord } from '../word-match.ts';

export const moderationWordsPhase: Phase = (s, { settings }) => {
  const word = findListedWord([s.name, s.website, s.body], settings.moderationWords);
  return word
    ? {
        action: 'hold',
        rule: 'moderation_word',
        reason: `Contains "${word}", on the moderation list.`,
        values: { word },
      }
    : CONTINUE;
};
