// The message catalogues: every shipped catalogue has every message of the English one, each parses as ICU
// MessageFormat and takes the same placeholders; a dropped-in partial catalogue falls back to English key by key.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { BASE_LANGUAGE, readCatalogues } from '../../src/platform/i18n/catalogues.ts';
import { Translations } from '../../src/platform/i18n/translator.ts';

const shipped = readCatalogues();
const base = shipped.get(BASE_LANGUAGE)! as Record<string, string>;
const FIXTURES = fileURLToPath(new URL('../fixtures/locales/', import.meta.url));

describe('the shipped catalogues', () => {
  it('include English and Spanish', () => {
    assert.ok(shipped.has('en') && shipped.has('es'), [...shipped.keys()].join(', '));
  });

  for (const [language, catalogue] of shipped) {
    const messages = catalogue as Record<string, string>;
    it(`${language}: has every key of the English catalogue and no other`, () => {
      assert.deepEqual(
        Object.keys(base).filter((k) => !(k in messages)),
        [],
        'missing',
      );
      assert.deepEqual(
        Object.keys(messages).filter((k) => !(k in base)),
        [],
        'unknown',
      );
    });

    it(`${language}: every message parses and takes the English message's placeholders`, () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(messages)) {
        try {
          const same = isStructurallySame(parse(base[key] ?? ''), parse(text));
          if (!same.success) problems.push(`${key}: ${same.error?.message}`);
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('translators', () => {
  const translations = new Translations([FIXTURES]);

  it('speak Spanish as WordPress readers know it', () => {
    const es = translations.for('es', 'UTC');
    assert.equal(es.t('discussion.heading', { count: 3, headline: 'Mareas' }), '3 comentarios en «Mareas»');
    assert.equal(es.t('discussion.heading', { count: 1, headline: 'Mareas' }), 'Un comentario en «Mareas»');
    assert.equal(es.t('discussion.reply'), 'Responder');
    assert.equal(es.t('form.leaveComment'), 'Deja un comentario');
    assert.equal(es.t('discussion.closed'), 'Los comentarios están cerrados.');
    assert.equal(es.t('card.comments', { count: 1200 }), '1200 comentarios');
    assert.deepEqual(es.list(['Ana', 'Luis', 'Marta']), ['Ana', ', ', 'Luis', ' y ', 'Marta']);
  });

  it("write dates in the language and the newsroom's time zone", () => {
    const when = new Date('2026-11-28T23:30:00Z');
    assert.equal(translations.for('es', 'America/Havana').date(when), '28 de noviembre de 2026');
    assert.equal(translations.for('en', 'Asia/Tokyo').date(when), 'November 29, 2026');
    assert.equal(
      translations.for('es-CU', 'UTC').t('discussion.reply'),
      'Responder',
      'a regional tag finds its language',
    );
  });

  it('fall back to English key by key for a partial catalogue, and read Arabic right to left', () => {
    const ar = translations.for('ar', 'UTC');
    assert.equal(ar.dir, 'rtl');
    assert.equal(ar.t('discussion.reply'), 'رد');
    assert.equal(ar.t('discussion.heading', { count: 2, headline: 'س' }), 'تعليقان على «س»');
    assert.equal(ar.t('report.title'), 'Report a comment');
    assert.equal(
      translations.for('xx', 'UTC').t('discussion.reply'),
      'Reply',
      'a language with no catalogue speaks English',
    );
  });

  it("translate a refusal by its code, with its figures, and keep the service's words for an unknown code", () => {
    const es = translations.for('es', 'UTC');
    assert.equal(
      es.error({ code: 'comment_flood', message: 'x', values: { seconds: 30, wait: 1 } }),
      'Más despacio: este sitio acepta un comentario cada 30 segundos de cada lector. Espera 1 segundo y vuelve a enviarlo.',
    );
    assert.equal(
      es.error({ code: 'control_characters', field: 'name', message: 'x' }),
      'Tu nombre contiene saltos de línea o caracteres de control; quítalos.',
    );
    assert.equal(es.error({ code: 'no_such_code', message: 'As written.' }), 'As written.');
  });

  it('make the pseudo-locale accented, bracketed and longer, placeholders kept', () => {
    const pseudo = translations.for('en-XA', 'UTC');
    const text = pseudo.t('discussion.heading', { count: 2, headline: 'Tides' });
    assert.match(text, /^\[2 ţĥöö?ûûĝĥţš ööñ “Tides”\]$/);
    const english = translations.for('en', 'UTC').t('discussion.heading', { count: 2, headline: 'Tides' });
    assert.ok(text.length > english.length * 1.2, `${text} is longer than ${english}`);
    assert.equal(pseudo.language, 'en-XA');
    assert.doesNotMatch(pseudo.date(new Date('2026-11-28T12:00:00Z')), /[A-Za-z]/);
  });
});
