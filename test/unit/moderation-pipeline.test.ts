// The pipeline's order and how phase results add up; the moderation settings' defaults and validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCommentText } from '../../src/modules/comments/index.ts';
import {
  contentPhases,
  runModerationPipeline,
  type ModerationContext,
  type Phase,
  type Submission,
} from '../../src/modules/moderation/index.ts';
import { defaultModerationSettings, defaultSettings, updateSettings } from '../../src/modules/settings/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { ipMatcher, isIpRule } from '../../src/platform/ip-ranges.ts';

const now = new Date('2026-11-29T12:00:00Z');
const body = 'Two links: https://a.example and https://b.example';
const submission = (extra: Partial<Submission> = {}): Submission => ({
  name: 'Ana',
  email: 'ana@example.org',
  website: '',
  body,
  bodyHtml: formatCommentText(body),
  ip: '203.0.113.7',
  honeypot: '',
  ...extra,
});
const context = (extra: Partial<ModerationContext> = {}): ModerationContext => ({
  settings: { ...defaultModerationSettings },
  now,
  bans: [],
  recentComments: [],
  emailApproved: false,
  ...extra,
});

describe('the moderation pipeline', () => {
  it('judges an edited text by its words alone: links and words hold, how or how often the reader posted does not', () => {
    const how = context({
      lastFromIp: now,
      lastFromEmail: now,
      recentComments: [{ body, createdAt: now }],
      settings: { ...defaultModerationSettings, moderationWords: ['b.example'] },
    });
    const edited = runModerationPipeline(submission({ typingMs: 10, honeypot: '' }), how, contentPhases);
    assert.equal(edited.status, 'pending');
    assert.deepEqual(
      edited.decisions.map((d) => d.rule),
      ['links', 'moderation_word'],
      'no flood, repeat, typing or first-comment rule',
    );
    const clean = runModerationPipeline(
      submission({ body: 'Fine words.', bodyHtml: formatCommentText('Fine words.') }),
      how,
      contentPhases,
    );
    assert.equal(clean.status, 'approved');
    const blocked = runModerationPipeline(
      submission(),
      context({ settings: { ...defaultModerationSettings, blockedWords: ['a.example'] } }),
      contentPhases,
    );
    assert.equal(blocked.status, 'spam');
    assert.throws(
      () =>
        runModerationPipeline(
          submission(),
          context({ bans: [{ id: 'b', email: 'ana@example.org', ip: '', reason: 'r' }] }),
          contentPhases,
        ),
      (e: unknown) => e instanceof AppError && e.code === 'commenter_banned',
    );
  });

  it('approves, with one "passed" decision, what no rule holds', () => {
    const verdict = runModerationPipeline(
      submission({ body: 'Fine.', bodyHtml: '<p>Fine.</p>' }),
      context({ emailApproved: true }),
    );
    assert.deepEqual(verdict, {
      status: 'approved',
      decisions: [{ status: 'approved', rule: 'passed', reason: 'Passed every moderation rule.', values: {} }],
    });
  });

  it('holds with every reason that applies, in order', () => {
    const verdict = runModerationPipeline(
      submission(),
      context({ settings: { ...defaultModerationSettings, moderationWords: ['links'] } }),
    );
    assert.equal(verdict.status, 'pending');
    assert.deepEqual(
      verdict.decisions.map((d) => [d.status, d.rule]),
      [
        ['pending', 'links'],
        ['pending', 'moderation_word'],
        ['pending', 'first_comment'],
      ],
    );
  });

  it('stops at spam: later rules are not asked', () => {
    const verdict = runModerationPipeline(submission({ honeypot: 'x' }), context());
    assert.equal(verdict.status, 'spam');
    assert.deepEqual(
      verdict.decisions.map((d) => d.rule),
      ['honeypot'],
    );
  });

  it('throws a refusal before anything else, so a banned commenter is told so rather than to slow down', () => {
    const bans = [{ id: 'b', email: 'ana@example.org', ip: '', reason: 'x' }];
    assert.throws(
      () => runModerationPipeline(submission({ honeypot: 'x' }), context({ bans, lastFromIp: now })),
      (e: unknown) => e instanceof AppError && e.code === 'commenter_banned',
    );
    assert.throws(
      () => runModerationPipeline(submission({ honeypot: 'x' }), context({ lastFromIp: now })),
      (e: unknown) => e instanceof AppError && e.code === 'comment_flood',
    );
  });

  it('carries what the poster must be told with a spam verdict', () => {
    const verdict = runModerationPipeline(submission(), context({ recentComments: [{ body, createdAt: now }] }));
    assert.equal(verdict.status, 'spam');
    assert.equal(verdict.tell?.code, 'duplicate_comment');
  });

  it('runs the phases it is given, in the order given', () => {
    const seen: string[] = [];
    const phase =
      (name: string, result: ReturnType<Phase>): Phase =>
      () => (seen.push(name), result);
    const verdict = runModerationPipeline(submission(), context(), [
      phase('a', { action: 'continue' }),
      phase('b', { action: 'hold', rule: 'b', reason: 'B', values: {} }),
      phase('c', { action: 'spam', rule: 'c', reason: 'C', values: {} }),
      phase('d', { action: 'hold', rule: 'd', reason: 'D', values: {} }),
    ]);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.deepEqual(
      verdict.decisions.map((d) => `${d.status}:${d.rule}`),
      ['pending:b', 'spam:c'],
    );
  });
});

describe('moderation settings', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(
      Object.fromEntries(
        Object.keys(defaultModerationSettings).map((k) => [
          k,
          defaultSettings[k as keyof typeof defaultModerationSettings],
        ]),
      ),
      {
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
      },
    );
  });

  it('refuses bad values with the field named, before touching storage', async () => {
    const deps = {
      db: undefined as never,
      pageCache: undefined as never,
      clock: undefined as never,
      translations: undefined as never,
    };
    const cases: [object, string][] = [
      [{ floodSeconds: -1 }, 'floodSeconds'],
      [{ floodSeconds: 1.0005 }, 'floodSeconds'],
      [{ floodSeconds: 86_401 }, 'floodSeconds'],
      [{ floodSeconds: '15' }, 'floodSeconds'],
      [{ moderationLinkLimit: '2' }, 'moderationLinkLimit'],
      [{ reportThreshold: 100_000 }, 'reportThreshold'],
      [{ holdFirstComments: 'yes' }, 'holdFirstComments'],
      [{ blockedIps: ['203.0.113.0/33'] }, 'blockedIps'],
      [{ blockedIps: ['not an ip'] }, 'blockedIps'],
      [{ blockedEmails: ['example.org'] }, 'blockedEmails'],
      [{ blockedWords: [' padded '] }, 'blockedWords'],
      [{ moderationWords: 'crook' }, 'moderationWords'],
      [{ moderationWords: [''] }, 'moderationWords'],
      [{ floodSecs: 5 }, 'floodSecs'],
      [{ commentEditMinutes: -1 }, 'commentEditMinutes'],
      [{ commentEditMinutes: 1441 }, 'commentEditMinutes'],
      [{ commentEditMinutes: 2.5 }, 'commentEditMinutes'],
      [{ commentEditMinutes: '10' }, 'commentEditMinutes'],
    ];
    for (const [input, field] of cases) {
      await assert.rejects(
        updateSettings(deps, input as never),
        (e: unknown) => e instanceof AppError && e.status === 422 && e.field === field,
        JSON.stringify(input),
      );
    }
  });

  it('knows addresses and CIDR ranges of both families', () => {
    for (const ok of ['203.0.113.7', '203.0.113.0/24', '0.0.0.0/0', '2001:db8::1', '2001:db8::/32', '::/0'])
      assert.ok(isIpRule(ok), ok);
    for (const bad of [
      '203.0.113',
      '203.0.113.0/',
      '203.0.113.0/x',
      '2001:db8::/129',
      '1.2.3.4/8/8',
      'example.org',
      '',
    ])
      assert.ok(!isIpRule(bad), bad);
    const inList = ipMatcher(['198.51.100.0/24', '2001:db8::/32', 'garbage']);
    assert.ok(inList('198.51.100.200'));
    assert.ok(inList('2001:db8:ffff::1'));
    assert.ok(!inList('198.51.101.1'));
    assert.ok(!inList(''));
    assert.ok(!ipMatcher([])('198.51.100.1'));
  });
});
