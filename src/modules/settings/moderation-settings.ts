// The rules every new comment goes through, as the newsroom sets them: thresholds, word lists, block lists.
import { invalid } from '../../platform/errors.ts';
import { isIpRule } from '../../platform/ip-ranges.ts';

export interface ModerationSettings {
  /** Hold a comment with this many links or more; 0 never holds for links. */
  moderationLinkLimit: number;
  /** Words or phrases that hold a comment for a moderator (whole words, any case). */
  moderationWords: string[];
  /** Words or phrases that send a comment straight to spam (whole words, any case). */
  blockedWords: string[];
  /** Emails (name@example.org) or whole domains (@example.org) whose comments go straight to spam. */
  blockedEmails: string[];
  /** IP addresses or CIDR ranges (203.0.113.0/24, 2001:db8::/32) whose comments go straight to spam. */
  blockedIps: string[];
  /** Hold the first comment of an email that has never had a comment approved. */
  holdFirstComments: boolean;
  /** At most one comment per this many seconds from one IP address and from one email; 0 turns it off. Whole
   * milliseconds are accepted (0.05) for sites, and load tests, that want a shorter interval than a second. */
  floodSeconds: number;
  /** The same commenter repeating a comment word for word within this many minutes goes to spam; 0 turns it off. */
  duplicateWindowMinutes: number;
  /** Reports from this many different readers hold an approved comment for review; 0 turns it off. */
  reportThreshold: number;
  /** Fewest seconds a person needs between first touching the form and sending it (1 s more per 250 characters,
   * up to 8 s more); faster posts go to spam. Only posts whose page script measured the time are judged. 0 turns it off. */
  minTypingSeconds: number;
  /** Minutes after posting in which a commenter may edit or delete their comment from the same browser; 0 never. */
  commentEditMinutes: number;
}

export const defaultModerationSettings: ModerationSettings = {
  moderationLinkLimit: 2,
  moderationWords: [],
  blockedWords: [],
  blockedEmails: [],
  blockedIps: [],
  holdFirstComments: true,
  floodSeconds: 15,
  duplicateWindowMinutes: 60,
  reportThreshold: 3,
  minTypingSeconds: 3,
  commentEditMinutes: 10,
};

const MAX_LIST = 5000;
const MAX_ENTRY = 200;
const EMAIL_RULE = /^[^\s@]*@[^\s@]+\.[^\s@]+$/;

/** A whole number from 0 to max; `label` names the setting in the message. */
function checkCount(
  input: Partial<ModerationSettings>,
  { key, max, label: what }: { key: keyof ModerationSettings; max: number; label: string },
): void {
  const value = input[key];
  if (value === undefined) return;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max)) {
    throw invalid(
      key,
      `invalid_${snake(key)}`,
      `${what} must be a whole number from 0 to ${max}; 0 turns the rule off.`,
    );
  }
}

/** A number of seconds from 0 to max, to the millisecond. */
function checkSeconds(
  input: Partial<ModerationSettings>,
  { key, max, label: what }: { key: keyof ModerationSettings; max: number; label: string },
): void {
  const value = input[key];
  if (value === undefined) return;
  const ms = typeof value === 'number' ? value * 1000 : NaN;
  if (!(Number.isFinite(ms) && Math.abs(ms - Math.round(ms)) < 1e-6 && ms >= 0 && ms <= max * 1000)) {
    throw invalid(
      key,
      `invalid_${snake(key)}`,
      `${what} must be a number from 0 to ${max}, to the millisecond (0.05); 0 turns the rule off.`,
    );
  }
}

/** A list of at most MAX_LIST trimmed entries, each accepted by `valid`. */
function checkList(
  input: Partial<ModerationSettings>,
  { key, valid, label: what }: { key: keyof ModerationSettings; valid: (entry: string) => boolean; label: string },
): void {
  const value = input[key];
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > MAX_LIST)
    throw invalid(key, `invalid_${snake(key)}`, `${what} must be a list of at most ${MAX_LIST} entries.`);
  for (const entry of value) {
    if (
      typeof entry !== 'string' ||
      entry.trim() !== entry ||
      entry === '' ||
      entry.length > MAX_ENTRY ||
      !valid(entry)
    ) {
      throw invalid(key, `invalid_${snake(key)}`, `${what}: "${String(entry).slice(0, 60)}" is not a valid entry.`);
    }
  }
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Throws a 422 naming the first moderation setting that is not valid. */
export function validateModerationSettings(input: Partial<ModerationSettings>): void {
  checkCount(input, { key: 'moderationLinkLimit', max: 100, label: 'The link limit' });
  checkSeconds(input, { key: 'floodSeconds', max: 86_400, label: 'Seconds between comments' });
  checkCount(input, {
    key: 'duplicateWindowMinutes',
    max: 525_600,
    label: 'Minutes in which a repeated comment is spam',
  });
  checkCount(input, { key: 'reportThreshold', max: 1000, label: 'Reports that hold a comment' });
  checkCount(input, { key: 'minTypingSeconds', max: 600, label: 'Seconds a person needs to write a comment' });
  if (
    input.commentEditMinutes !== undefined &&
    !(
      typeof input.commentEditMinutes === 'number' &&
      Number.isInteger(input.commentEditMinutes) &&
      input.commentEditMinutes >= 0 &&
      input.commentEditMinutes <= 1440
    )
  ) {
    throw invalid(
      'commentEditMinutes',
      'invalid_comment_edit_minutes',
      'Minutes a commenter may change their comment must be a whole number from 0 (never) to 1440 (a day).',
    );
  }
  if (input.holdFirstComments !== undefined && typeof input.holdFirstComments !== 'boolean') {
    throw invalid(
      'holdFirstComments',
      'invalid_hold_first_comments',
      'Holding first comments is on (true) or off (false).',
    );
  }
  const anyText = (entry: string) => !/[\u0000-\u001F\u007F]/.test(entry);
  checkList(input, { key: 'moderationWords', valid: anyText, label: 'Moderation words' });
  checkList(input, { key: 'blockedWords', valid: anyText, label: 'Blocked words' });
  checkList(input, {
    key: 'blockedEmails',
    valid: (e) => EMAIL_RULE.test(e),
    label: 'Blocked emails (name@example.org or @example.org)',
  });
  checkList(input, {
    key: 'blockedIps',
    valid: isIpRule,
    label: 'Blocked IP addresses (203.0.113.7, 203.0.113.0/24 or 2001:db8::/32)',
  });
}
