// The same commenter saying the same thing again within the window: filed as spam, and the poster is told.
import { AppError } from '../../../platform/errors.ts';
import { CONTINUE, type Phase } from '../phase.ts';

const same = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export const duplicatePhase: Phase = (s, { settings, now, recentComments }) => {
  const minutes = settings.duplicateWindowMinutes;
  if (minutes <= 0) return CONTINUE;
  const since = now.getTime() - minutes * 60_000;
  const body = same(s.body);
  if (!recentComments.some((c) => c.createdAt.getTime() >= since && same(c.body) === body)) return CONTINUE;
  return {
    action: 'spam',
    rule: 'duplicate',
    reason: `Repeats word for word a comment from the same email in the last ${minutes} minutes.`,
    values: { minutes },
    tell: new AppError(
      409,
      'duplicate_comment',
      'You already said that: this comment repeats one you posted a little while ago.',
    ),
  };
};
