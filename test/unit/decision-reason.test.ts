// A moderation decision's reason is written from the catalogue in the reader's language: for every rule the English
// catalogue says exactly what the phase wrote, Spanish says it in Spanish, and a row without values shows as stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionReason, runModerationPipeline, type ModerationContext } from '../../src/modules/moderation/index.ts';
import { defaultModerationSettings } from '../../src/modules/settings/index.ts';
import { Translations } from '../../src/platform/i18n/translator.ts';

const translations = new Translations();
const en = translations.for('en', 'UTC');
const es = translations.for('es', 'UTC');
const now = new Date('2026-12-06T10:00:00Z');

const context = (over: Partial<ModerationContext['settings']> = {}, more: Partial<ModerationContext> = {}) => ({
  settings: { ...defaultModerationSettings, ...over },
  now,
  bans: [],
  recentComments: [],
  emailApproved: false,
  ...more,
});
const submission = (over: Record<string, unknown> = {}) => ({
  name: 'Ana',
  email: 'ana@example.org',
  website: '',
  body: 'Una oferta con dos enlaces',
  bodyHtml: '<p><a href="https://a.example">a</a> <a href="https://b.example">b</a> oferta</p>',
  ip: '203.0.113.7',
  honeypot: '',
  ...over,
});

describe('decision reasons', () => {
  const verdicts = [
    runModerationPipeline(submission(), context({ moderationWords: ['oferta'] })),
    runModerationPipeline(submission(), context({ blockedIps: ['203.0.113.0/24'] })),
    runModerationPipeline(submission(), context({ blockedEmails: ['@example.org'] })),
    runModerationPipeline(submission(), context({ blockedWords: ['oferta'] })),
    runModerationPipeline(submission({ honeypot: 'x' }), context()),
    runModerationPipeline(submission({ typingMs: 400 }), context({ minTypingSeconds: 3 })),
    runModerationPipeline(
      submission(),
      context(
        { duplicateWindowMinutes: 10 },
        { recentComments: [{ body: 'Una oferta con dos enlaces', createdAt: now }] },
      ),
    ),
    runModerationPipeline(submission({ bodyHtml: '<p>x</p>' }), context({ holdFirstComments: false })),
  ];
  const decisions = verdicts.flatMap((v) => v.decisions);

  it('says in English exactly what each rule wrote', () => {
    assert.deepEqual([...new Set(decisions.map((d) => d.rule))].sort(), [
      'blocked_email',
      'blocked_ip',
      'blocked_word',
      'duplicate',
      'first_comment',
      'honeypot',
      'links',
      'moderation_word',
      'passed',
      'too_fast',
    ]);
    for (const d of decisions) assert.equal(decisionReason(en, d), d.reason, d.rule);
  });

  it('says each in Spanish, with its figures and words', () => {
    const said = Object.fromEntries(decisions.map((d) => [d.rule, decisionReason(es, d)]));
    assert.equal(said.links, 'Tiene 2 enlaces; los comentarios con 2 o más esperan a un moderador.');
    assert.equal(said.moderation_word, 'Contiene «oferta», de la lista de moderación.');
    assert.equal(said.blocked_ip, 'Enviado desde 203.0.113.7, que está en la lista de bloqueo.');
    assert.equal(
      said.duplicate,
      'Repite palabra por palabra un comentario del mismo correo electrónico de los últimos 10 minutos.',
    );
    assert.match(
      said.too_fast,
      /^Enviado 0,4 s después de empezar a escribir; una persona necesita al menos 3,1 s para 26 caracteres\.$/,
    );
    assert.equal(said.passed, 'Ha pasado todas las reglas de moderación.');
  });

  it("says the staff's and readers' decisions, and the rules run again after an author's edit", () => {
    const moderator = {
      rule: 'moderator',
      reason: 'x',
      values: { action: 'changed', name: 'Mona', from: 'pending', to: 'trash' },
    };
    assert.equal(decisionReason(en, moderator), 'Mona changed it from pending to trash.');
    assert.equal(decisionReason(es, moderator), 'Mona lo ha cambiado de pendiente a en la papelera.');
    assert.equal(
      decisionReason(es, { rule: 'reports', reason: 'x', values: { count: 3 } }),
      'Denunciado por 3 lectores distintos; retenido para revisión.',
    );
    assert.equal(
      decisionReason(es, { rule: 'links', reason: 'x', values: { links: 3, limit: 2, afterEdit: 'yes' } }),
      'Tras una edición de su autor: Tiene 3 enlaces; los comentarios con 2 o más esperan a un moderador.',
    );
  });

  it('shows a row without values, or with a rule the catalogue does not know, as stored', () => {
    assert.equal(decisionReason(es, { rule: 'links', reason: 'Has 3 links.', values: null }), 'Has 3 links.');
    assert.equal(decisionReason(es, { rule: 'someday', reason: 'As written.', values: {} }), 'As written.');
  });
});
