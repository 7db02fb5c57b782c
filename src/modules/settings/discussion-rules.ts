// Every setting of the discussion, as the desk's Settings → Discussion page and the API describe it: what it
// does, in the newsroom's words, and the kind of value it takes. Defaults come from the settings service.
import type { SiteSettings } from './settings.service.ts';

export type DiscussionKey =
  | 'commentsPerPage'
  | 'commentsNewestPageFirst'
  | 'threadDepth'
  | 'commentsCloseAfterDays'
  | 'commentEditMinutes'
  | 'moderationLinkLimit'
  | 'moderationWords'
  | 'blockedWords'
  | 'blockedEmails'
  | 'blockedIps'
  | 'holdFirstComments'
  | 'floodSeconds'
  | 'duplicateWindowMinutes'
  | 'reportThreshold'
  | 'minTypingSeconds'
  | 'moderationDigestMinutes'
  | 'ipRetentionDays';

export interface DiscussionRule {
  key: DiscussionKey;
  label: string;
  /** One line on what it does. */
  help: string;
  /** count: a whole number; seconds: to the millisecond; list: one entry a line; onOff: a box; pageOrder: a choice. */
  kind: 'count' | 'seconds' | 'list' | 'onOff' | 'pageOrder';
  min?: number;
  max?: number;
  /** Which part of the page: how discussions look, or how comments are moderated. */
  group: 'display' | 'moderation';
}

/** The discussion's settings in the order the page shows them. */
export const DISCUSSION_RULES: readonly DiscussionRule[] = [
  {
    key: 'commentsPerPage',
    group: 'display',
    kind: 'count',
    min: 0,
    max: 1000,
    label: 'Comments per page',
    help: 'Top-level comments on each page of a long discussion, with their replies; 0 shows them all on one page.',
  },
  {
    key: 'commentsNewestPageFirst',
    group: 'display',
    kind: 'pageOrder',
    label: 'Page shown first',
    help: 'Which page of a long discussion an article shows under its text; the others are a link away.',
  },
  {
    key: 'threadDepth',
    group: 'display',
    kind: 'count',
    min: 1,
    max: 10,
    label: 'Reply levels',
    help: 'How deep replies nest before they line up under the last level; 1 allows no replies.',
  },
  {
    key: 'commentsCloseAfterDays',
    group: 'display',
    kind: 'count',
    min: 0,
    max: 36_500,
    label: 'Close discussions after (days)',
    help: 'Days after publication when an article stops taking comments ("Comments are closed."); 0 keeps them open. A section may set its own.',
  },
  {
    key: 'commentEditMinutes',
    group: 'display',
    kind: 'count',
    min: 0,
    max: 1440,
    label: 'Edit window (minutes)',
    help: 'Minutes after posting in which a commenter may edit or delete their comment from the same browser; 0 never.',
  },
  {
    key: 'moderationLinkLimit',
    group: 'moderation',
    kind: 'count',
    min: 0,
    max: 100,
    label: 'Link limit',
    help: 'A comment with this many links or more waits for a moderator; 0 never holds for links.',
  },
  {
    key: 'moderationWords',
    group: 'moderation',
    kind: 'list',
    label: 'Moderation words',
    help: 'One word or phrase a line: a comment containing one (whole words, any case) waits for a moderator.',
  },
  {
    key: 'blockedWords',
    group: 'moderation',
    kind: 'list',
    label: 'Blocked words',
    help: 'One word or phrase a line: a comment containing one goes straight to spam.',
  },
  {
    key: 'blockedEmails',
    group: 'moderation',
    kind: 'list',
    label: 'Blocked emails',
    help: 'One a line, a whole address (name@example.org) or a domain (@example.org): their comments go straight to spam.',
  },
  {
    key: 'blockedIps',
    group: 'moderation',
    kind: 'list',
    label: 'Blocked addresses',
    help: 'One a line, an IP address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/32): comments from it go straight to spam.',
  },
  {
    key: 'holdFirstComments',
    group: 'moderation',
    kind: 'onOff',
    label: 'Hold first comments',
    help: "A commenter's first comment waits for a moderator until one of theirs has been approved; later ones appear at once.",
  },
  {
    key: 'floodSeconds',
    group: 'moderation',
    kind: 'seconds',
    min: 0,
    max: 86_400,
    label: 'Seconds between comments',
    help: 'One comment per this many seconds from one address and from one email; faster ones are refused. 0 turns it off.',
  },
  {
    key: 'duplicateWindowMinutes',
    group: 'moderation',
    kind: 'count',
    min: 0,
    max: 525_600,
    label: 'Repeats are spam within (minutes)',
    help: 'The same commenter posting the same words again within this many minutes goes to spam; 0 turns it off.',
  },
  {
    key: 'reportThreshold',
    group: 'moderation',
    kind: 'count',
    min: 0,
    max: 1000,
    label: 'Reports that hold a comment',
    help: 'Reports from this many different readers take a published comment back to the moderators; 0 turns it off.',
  },
  {
    key: 'minTypingSeconds',
    group: 'moderation',
    kind: 'count',
    min: 0,
    max: 600,
    label: 'Typing speed (seconds)',
    help: 'Fewest seconds a person needs to write a comment (1 more per 250 characters, up to 8 more); faster posts go to spam. 0 turns it off.',
  },
  {
    key: 'moderationDigestMinutes',
    group: 'moderation',
    kind: 'count',
    min: 0,
    max: 10_080,
    label: 'Moderation digest (minutes)',
    help: 'Minutes between mails to moderators listing comments that wait; 0 sends none.',
  },
  {
    key: 'ipRetentionDays',
    group: 'moderation',
    kind: 'count',
    min: 1,
    max: 3650,
    label: "Keep commenters' addresses (days)",
    help: "Commenters' IP addresses and browsers are erased this many days after they post.",
  },
];

/** What a rule's default is, as the page says it. */
export function describeDefault(rule: DiscussionRule, defaults: SiteSettings): string {
  const value = defaults[rule.key];
  if (rule.kind === 'list') return (value as string[]).length === 0 ? 'none' : (value as string[]).join(', ');
  if (rule.kind === 'onOff') return value ? 'on' : 'off';
  if (rule.kind === 'pageOrder') return value ? 'the newest comments' : 'the oldest comments';
  return String(value);
}

/** The discussion's part of the settings. */
export const discussionSettingsOf = (settings: SiteSettings): Pick<SiteSettings, DiscussionKey> =>
  Object.fromEntries(DISCUSSION_RULES.map((r) => [r.key, settings[r.key]])) as Pick<SiteSettings, DiscussionKey>;

/** A textarea's list: one entry a line, trimmed, blank lines and repeats dropped (in the order typed). */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ];
}

/** The settings whose change no page shows: only new comments meet them, so cached pages stay. */
export const UNSEEN_KEYS: ReadonlySet<string> = new Set(
  DISCUSSION_RULES.filter((r) => r.group === 'moderation').map((r) => r.key),
);
