// Faster than a person could write it. The page is cached and the same for every reader, so it cannot carry
// a per-reader time: its script measures, on the reader's own clock, the time from first touching the form to
// sending it, and posts that. Posts without the measure (no script, API clients) are not judged here.
import type { ModerationSettings } from '../../settings/index.ts';
import { CONTINUE, type Phase } from '../phase.ts';

/** Milliseconds a person needs at least: the setting, plus 1 s per 250 characters (pasting is allowed for), at most 8 s more. */
export function requiredTypingMs(settings: Pick<ModerationSettings, 'minTypingSeconds'>, characters: number): number {
  if (settings.minTypingSeconds <= 0) return 0;
  return Math.round((settings.minTypingSeconds + Math.min(characters, 2000) / 250) * 1000);
}

export const typingSpeedPhase: Phase = (s, { settings }) => {
  const needed = requiredTypingMs(settings, s.body.length);
  if (s.typingMs === undefined || needed === 0 || s.typingMs >= needed) return CONTINUE;
  const sent = Number((s.typingMs / 1000).toFixed(1));
  const seconds = Number((needed / 1000).toFixed(1));
  const characters = s.body.length;
  return {
    action: 'spam',
    rule: 'too_fast',
    reason: `Sent ${sent.toFixed(1)} s after the form was first touched; a person needs at least ${seconds.toFixed(1)} s for ${characters} characters.`,
    values: { sent, needed: seconds, characters },
  };
};
