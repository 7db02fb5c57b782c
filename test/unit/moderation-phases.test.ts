// Each moderation phase on its own: the submission and context it fires on, and the ones it lets through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCommentText } from '../../src/modules/comments/index.ts';
import type { ModerationContext, PhaseResult, Submission } from '../../src/modules/moderation/phase.ts';
import { bannedPhase } from '../../src/modules/moderation/phases/banned.ts';
import { blocklistPhase } from '../../src/modules/moderation/phases/blocklist.ts';
import { duplicatePhase } from '../../src/modules/moderation/phases/duplicate.ts';
import { firstCommentPhase } from '../../src/modules/moderation/phases/first-comment.ts';
import { floodPhase } from '../../src/modules/moderation/phases/flood.ts';
import { honeypotPhase } from '../../src/modules/moderation/phases/honeypot.ts';
import { linksPhase } from '../../src/modules/moderation/phases/links.ts';
import { moderationWordsPhase } from '../../src/modules/moderation/phases/moderation-words.ts';
import { requiredTypingMs, typingSpeedPhase } from '../../src/modules/moderation/phases/typing-speed.ts';
import { defaultModerationSettings, type ModerationSettings } from '../../src/modules/settings/index.ts';
import type { AppError } from '../../src/platform/errors.ts';

const now = new Date('2026-11-29T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

function submission(extra: Partial<Submission> = {}): Submission {
  const body = extra.body ?? 'The ferry schedule is fine by me.';
  return {
    name: 'Ana Reader',
    email: 'ana@example.org',
    website: '',
    body,
    bodyHtml: formatCommentText(body),
    ip: '203.0.113.7',
    honeypot: '',
    ...extra,
  };
}

function context(
  settings: Partial<ModerationSettings> = {},
  extra: Partial<ModerationContext> = {},
): ModerationContext {
  return {
    settings: { ...defaultModerationSettings, ...settings },
    now,
    bans: [],
    recentComments: [],
    emailApproved: true,
    ...extra,
  };
}

const isContinue = (r: PhaseResult) => assert.deepEqual(r, { action: 'continue' });
function isAction(r: PhaseResult, action: 'hold' | 'spam', rule: string): string {
  assert.equal(r.action, action, JSON.stringify(r));
  assert.equal((r as { rule: string }).rule, rule);
  return (r as { reason: string }).reason;
}
function refusal(r: PhaseResult): AppError {
  assert.equal(r.action, 'refuse', JSON.stringify(r));
  return (r as { error: AppError }).error;
}

describe('banned commenters', () => {
  const ban = (email: string, ip: string) => ({ id: 'b', email, ip, reason: 'Abuse' });
  it('refuses an email, an address, or an address in a banned range, IPv4 and IPv6', () => {
    for (const [bans, s] of [
      [[ban('ana@example.org', '')], submission()],
      [[ban('', '203.0.113.7')], submission()],
      [[ban('', '203.0.113.0/24')], submission()],
      [[ban('', '2001:db8::/32')], submission({ ip: '2001:db8:1::9' })],
      [[ban('someone@else.org', '203.0.113.0/28')], submission()],
    ] as const) {
      const error = refusal(bannedPhase(s, context({}, { bans: [...bans] })));
      assert.equal(error.status, 403);
      assert.equal(error.code, 'commenter_banned');
      assert.match(error.message, /not accepted/);
    }
  });
  it('lets through other emails, addresses outside the range, and an empty ban list', () => {
    isContinue(bannedPhase(submission(), context()));
    isContinue(
      bannedPhase(
        submission(),
        context({}, { bans: [ban('bo@example.org', ''), ban('', '203.0.114.0/24'), ban('', '2001:db8::/32')] }),
      ),
    );
    isContinue(bannedPhase(submission({ ip: '' }), context({}, { bans: [ban('', '203.0.113.0/24')] })));
  });
});

describe('flood control', () => {
  it('refuses a second comment within N seconds of the last from the same address or email, with Retry-After', () => {
    const byIp = refusal(floodPhase(submission(), context({ floodSeconds: 15 }, { lastFromIp: ago(5) })));
    assert.equal(byIp.status, 429);
    assert.equal(byIp.code, 'comment_flood');
    assert.deepEqual(byIp.headers, { 'retry-after': '10' });
    assert.match(
      byIp.message,
      /Slow down: this site takes one comment every 15 seconds from each reader\. Wait 10 seconds/,
    );
    const byEmail = refusal(
      floodPhase(submission(), context({ floodSeconds: 15 }, { lastFromIp: ago(60), lastFromEmail: ago(14.5) })),
    );
    assert.deepEqual(byEmail.headers, { 'retry-after': '1' });
    assert.match(byEmail.message, /Wait 1 second and/);
  });
  it('never asks for more than the interval, even when another clock ran ahead', () => {
    const error = refusal(
      floodPhase(submission(), context({ floodSeconds: 15 }, { lastFromIp: new Date(now.getTime() + 60_000) })),
    );
    assert.deepEqual(error.headers, { 'retry-after': '15' });
  });
  it('lets a comment through once N seconds have passed, for a first comment, and when turned off', () => {
    isContinue(
      floodPhase(submission(), context({ floodSeconds: 15 }, { lastFromIp: ago(15), lastFromEmail: ago(20) })),
    );
    isContinue(floodPhase(submission(), context({ floodSeconds: 15 })));
    isContinue(floodPhase(submission(), context({ floodSeconds: 0 }, { lastFromIp: ago(1) })));
  });
  it('takes an interval shorter than a second, and still asks for a whole second in Retry-After', () => {
    const error = refusal(floodPhase(submission(), context({ floodSeconds: 0.05 }, { lastFromIp: ago(0.02) })));
    assert.deepEqual(error.headers, { 'retry-after': '1' });
    assert.match(error.message, /one comment every 0\.05 seconds/);
    isContinue(floodPhase(submission(), context({ floodSeconds: 0.05 }, { lastFromIp: ago(0.05) })));
  });
});

describe('honeypot', () => {
  it('files a filled hidden field as spam and lets an empty one through', () => {
    isAction(honeypotPhase(submission({ honeypot: 'http://spam.example' }), context()), 'spam', 'honeypot');
    isContinue(honeypotPhase(submission(), context()));
  });
});

describe('the block list', () => {
  it('files blocked addresses and ranges as spam, IPv4, IPv6 and IPv4-mapped', () => {
    assert.match(
      isAction(blocklistPhase(submission(), context({ blockedIps: ['203.0.113.7'] })), 'spam', 'blocked_ip'),
      /203\.0\.113\.7/,
    );
    isAction(blocklistPhase(submission(), context({ blockedIps: ['203.0.113.0/24'] })), 'spam', 'blocked_ip');
    isAction(
      blocklistPhase(submission({ ip: '::ffff:203.0.113.7' }), context({ blockedIps: ['203.0.113.0/24'] })),
      'spam',
      'blocked_ip',
    );
    isAction(
      blocklistPhase(submission({ ip: '2001:db8::7' }), context({ blockedIps: ['2001:db8::/48'] })),
      'spam',
      'blocked_ip',
    );
    isContinue(
      blocklistPhase(submission(), context({ blockedIps: ['203.0.112.0/24', '2001:db8::/32', '198.51.100.7'] })),
    );
  });
  it('files blocked emails and whole domains as spam, in any case', () => {
    isAction(blocklistPhase(submission(), context({ blockedEmails: ['Ana@Example.org'] })), 'spam', 'blocked_email');
    isAction(blocklistPhase(submission(), context({ blockedEmails: ['@example.org'] })), 'spam', 'blocked_email');
    isContinue(
      blocklistPhase(submission(), context({ blockedEmails: ['bo@example.org', '@example.com', '@ample.org'] })),
    );
    isContinue(
      blocklistPhase(submission({ email: 'ana@notexample.org' }), context({ blockedEmails: ['@example.org'] })),
    );
  });
  it('files blocked words in the text, name or website as spam: whole words and phrases, any case', () => {
    assert.match(
      isAction(
        blocklistPhase(submission({ body: 'Cheap CASINO chips here' }), context({ blockedWords: ['casino'] })),
        'spam',
        'blocked_word',
      ),
      /"casino"/,
    );
    isAction(
      blocklistPhase(submission({ name: 'Casino King' }), context({ blockedWords: ['casino'] })),
      'spam',
      'blocked_word',
    );
    isAction(
      blocklistPhase(submission({ body: 'buy  cheap\nwatches now' }), context({ blockedWords: ['cheap watches'] })),
      'spam',
      'blocked_word',
    );
    isAction(
      blocklistPhase(submission({ body: 'Ça coûte 5 €, überall!' }), context({ blockedWords: ['überall'] })),
      'spam',
      'blocked_word',
    );
    isContinue(
      blocklistPhase(
        submission({ body: 'The casinos of the coast, a class act' }),
        context({ blockedWords: ['casino', 'ass'] }),
      ),
    );
    isContinue(
      blocklistPhase(
        submission({ body: 'Regex (specials) like .* are [literal]' }),
        context({ blockedWords: ['.*x', '(special'] }),
      ),
    );
  });
});

describe('typing speed', () => {
  it('needs the setting plus 1 s per 250 characters, at most 8 s more', () => {
    assert.equal(requiredTypingMs({ minTypingSeconds: 3 }, 0), 3000);
    assert.equal(requiredTypingMs({ minTypingSeconds: 3 }, 500), 5000);
    assert.equal(requiredTypingMs({ minTypingSeconds: 3 }, 5000), 11_000);
    assert.equal(requiredTypingMs({ minTypingSeconds: 0 }, 5000), 0);
  });
  it('files a comment sent faster than a person could write it as spam', () => {
    const reason = isAction(
      typingSpeedPhase(submission({ typingMs: 400 }), context({ minTypingSeconds: 3 })),
      'spam',
      'too_fast',
    );
    assert.match(
      reason,
      /Sent 0\.4 s after the form was first touched; a person needs at least 3\.1 s for 33 characters/,
    );
    isAction(
      typingSpeedPhase(submission({ body: 'x'.repeat(1000), typingMs: 6000 }), context({ minTypingSeconds: 3 })),
      'spam',
      'too_fast',
    );
  });
  it('lets through a plausible time, posts without a measured time (no script, API), and everything when off', () => {
    isContinue(typingSpeedPhase(submission({ typingMs: 3200 }), context({ minTypingSeconds: 3 })));
    isContinue(
      typingSpeedPhase(submission({ body: 'x'.repeat(1000), typingMs: 7000 }), context({ minTypingSeconds: 3 })),
    );
    isContinue(typingSpeedPhase(submission(), context({ minTypingSeconds: 3 })));
    isContinue(typingSpeedPhase(submission({ typingMs: 0 }), context({ minTypingSeconds: 0 })));
  });
});

describe('repeated comments', () => {
  const recent = (body: string, seconds: number) => ({ body, createdAt: ago(seconds) });
  it('files a word-for-word repeat of the same email\'s recent comment as spam, and says "You already said that"', () => {
    const r = duplicatePhase(
      submission({ body: 'Great  article!\nThanks' }),
      context({ duplicateWindowMinutes: 60 }, { recentComments: [recent('great article! thanks', 120)] }),
    );
    isAction(r, 'spam', 'duplicate');
    const tell = (r as { tell: AppError }).tell;
    assert.equal(tell.status, 409);
    assert.equal(tell.code, 'duplicate_comment');
    assert.match(tell.message, /^You already said that/);
  });
  it('lets through a different text, a repeat older than the window, and everything when off', () => {
    isContinue(
      duplicatePhase(
        submission({ body: 'Great article' }),
        context({ duplicateWindowMinutes: 60 }, { recentComments: [recent('Great article!', 10)] }),
      ),
    );
    isContinue(
      duplicatePhase(
        submission({ body: 'Great article' }),
        context({ duplicateWindowMinutes: 60 }, { recentComments: [recent('Great article', 3601)] }),
      ),
    );
    isContinue(
      duplicatePhase(
        submission({ body: 'Great article' }),
        context({ duplicateWindowMinutes: 0 }, { recentComments: [recent('Great article', 1)] }),
      ),
    );
  });
});

describe('links', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `see https://example.org/${i}`).join(' and ');
  it('holds a comment with N or more links (default 2)', () => {
    assert.match(
      isAction(
        linksPhase(submission({ body: body(2), bodyHtml: formatCommentText(body(2)) }), context()),
        'hold',
        'links',
      ),
      /Has 2 links; comments with 2 or more/,
    );
    isAction(
      linksPhase(
        submission({ body: body(5), bodyHtml: formatCommentText(body(5)) }),
        context({ moderationLinkLimit: 5 }),
      ),
      'hold',
      'links',
    );
  });
  it('lets through fewer links, text that only looks like a link, and everything when off', () => {
    isContinue(linksPhase(submission({ body: body(1), bodyHtml: formatCommentText(body(1)) }), context()));
    const lookalike = 'example.org and www.example.org are not links here';
    isContinue(linksPhase(submission({ body: lookalike, bodyHtml: formatCommentText(lookalike) }), context()));
    isContinue(
      linksPhase(
        submission({ body: body(9), bodyHtml: formatCommentText(body(9)) }),
        context({ moderationLinkLimit: 0 }),
      ),
    );
  });
});

describe('moderation words', () => {
  it('holds a comment with a listed word or phrase', () => {
    assert.match(
      isAction(
        moderationWordsPhase(submission({ body: 'The Mayor is a crook.' }), context({ moderationWords: ['crook'] })),
        'hold',
        'moderation_word',
      ),
      /"crook"/,
    );
    isAction(
      moderationWordsPhase(submission({ website: 'https://crook.example' }), context({ moderationWords: ['crook'] })),
      'hold',
      'moderation_word',
    );
  });
  it('lets through words that only contain a listed one, and an empty list', () => {
    isContinue(
      moderationWordsPhase(submission({ body: 'Crooked streets and crooks' }), context({ moderationWords: ['crook'] })),
    );
    isContinue(moderationWordsPhase(submission({ body: 'The Mayor is a crook.' }), context()));
  });
});

describe('first comments', () => {
  it('holds the first comment of an email never approved before (on by default)', () => {
    assert.equal(defaultModerationSettings.holdFirstComments, true);
    isAction(firstCommentPhase(submission(), context({}, { emailApproved: false })), 'hold', 'first_comment');
  });
  it('lets through an email approved before, and everyone when off', () => {
    isContinue(firstCommentPhase(submission(), context({}, { emailApproved: true })));
    isContinue(firstCommentPhase(submission(), context({ holdFirstComments: false }, { emailApproved: false })));
  });
});
