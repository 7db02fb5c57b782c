// What a moderation phase sees and answers: the submission, the context gathered for it, and its verdict.
// Apart from the pipeline so that a phase and the pipeline that lists it do not import each other.
import type { AppError } from '../../platform/errors.ts';
import type { ModerationSettings } from '../settings/index.ts';

/** What a reader sent, already checked and formatted. */
export interface Submission {
  name: string;
  email: string;
  website: string;
  body: string;
  /** The body as it would be shown: links are counted there, so exactly the links readers could click count. */
  bodyHtml: string;
  ip: string;
  honeypot: string;
  /** Milliseconds between first touching the form and sending it, as the page's script measured them; absent without script. */
  typingMs?: number;
}

export interface Ban {
  id: string;
  email: string;
  ip: string;
  reason: string;
}

/** What the phases need to know besides the submission, gathered from storage before the pipeline runs. */
export interface ModerationContext {
  settings: ModerationSettings;
  now: Date;
  /** Bans that could match: those naming this email, and every ban by address or range. */
  bans: Ban[];
  /** When a comment last came from this address, and from this email (any status). */
  lastFromIp?: Date;
  lastFromEmail?: Date;
  /** This email's latest comments (at least those within the repeat window), newest first. */
  recentComments: { body: string; createdAt: Date }[];
  /** Whether any comment from this email was ever approved. */
  emailApproved: boolean;
}

/**
 * What a rule's sentence needs besides its code (counts, the matched word, limits): the desk writes the sentence from the
 * catalogue's `moderation.reason.<rule>` with these, in its own language. `reason` keeps the English words as written.
 */
export type ReasonValues = Record<string, string | number>;

export type PhaseResult =
  | { action: 'continue' }
  | { action: 'hold'; rule: string; reason: string; values: ReasonValues }
  /** `tell`: an error the poster should see although the comment is stored (e.g. "You already said that"). */
  | { action: 'spam'; rule: string; reason: string; values: ReasonValues; tell?: AppError }
  | { action: 'refuse'; error: AppError };

export type Phase = (submission: Submission, context: ModerationContext) => PhaseResult;

export const CONTINUE: PhaseResult = { action: 'continue' };
