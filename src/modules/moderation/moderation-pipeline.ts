// Every new comment goes through an ordered list of small phases (coralproject/talk's comment pipeline):
// refusals first (banned, flood), then what files it as spam, then what holds it for a moderator.
import type { CommentStatus } from '../../platform/db/tables.ts';
import type { AppError } from '../../platform/errors.ts';
import type { ModerationContext, Phase, ReasonValues, Submission } from './phase.ts';
import { bannedPhase } from './phases/banned.ts';
import { blocklistPhase } from './phases/blocklist.ts';
import { duplicatePhase } from './phases/duplicate.ts';
import { firstCommentPhase } from './phases/first-comment.ts';
import { floodPhase } from './phases/flood.ts';
import { honeypotPhase } from './phases/honeypot.ts';
import { linksPhase } from './phases/links.ts';
import { moderationWordsPhase } from './phases/moderation-words.ts';
import { typingSpeedPhase } from './phases/typing-speed.ts';

export type { Ban, ModerationContext, Phase, PhaseResult, ReasonValues, Submission } from './phase.ts';

export interface Decision {
  status: CommentStatus;
  rule: string;
  /** The sentence in English; `values` are what the catalogue's `moderation.reason.<rule>` takes to say it in any language. */
  reason: string;
  values: ReasonValues;
}

export interface Verdict {
  status: CommentStatus;
  /** Why, in the order the rules fired; a comment that passed every rule gets one "passed" decision. */
  decisions: Decision[];
  tell?: AppError;
}

export const defaultPhases: readonly Phase[] = [
  bannedPhase,
  floodPhase,
  honeypotPhase,
  blocklistPhase,
  typingSpeedPhase,
  duplicatePhase,
  linksPhase,
  moderationWordsPhase,
  firstCommentPhase,
];

/**
 * What an edited text goes through: the rules about the words themselves (and a ban since posting). Not the rules
 * about how the reader posted (flood, typing speed, repeats, honeypot) nor the first-comment hold, which were
 * judged when the comment came in.
 */
export const contentPhases: readonly Phase[] = [bannedPhase, blocklistPhase, linksPhase, moderationWordsPhase];

/**
 * Runs the phases in order. A refusal is thrown at once (nothing is stored); spam is final, so later phases
 * are not asked; holds add up, so a moderator sees every reason a comment was held.
 */
export function runModerationPipeline(
  submission: Submission,
  context: ModerationContext,
  phases: readonly Phase[] = defaultPhases,
): Verdict {
  const holds: Decision[] = [];
  for (const phase of phases) {
    const result = phase(submission, context);
    if (result.action === 'refuse') throw result.error;
    if (result.action === 'spam') {
      return {
        status: 'spam',
        decisions: [...holds, { status: 'spam', rule: result.rule, reason: result.reason, values: result.values }],
        tell: result.tell,
      };
    }
    if (result.action === 'hold')
      holds.push({ status: 'pending', rule: result.rule, reason: result.reason, values: result.values });
  }
  if (holds.length > 0) return { status: 'pending', decisions: holds };
  return {
    status: 'approved',
    decisions: [{ status: 'approved', rule: 'passed', reason: 'Passed every moderation rule.', values: {} }],
  };
}
