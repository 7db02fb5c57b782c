// The desk's refusals in the desk's language, with the figures the English names: each English catalogue message
// says what the service wrote, word for word, and the Spanish one says it in Spanish.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deleteArticle, type Article } from '../../src/modules/articles/index.ts';
import { linkTranslation, startTranslation } from '../../src/modules/articles/translation.service.ts';
import { mergeTerm } from '../../src/modules/sections-desk/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import type { Staff } from '../../src/modules/people/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`refusals in the desk's language on ${dialect}`, () => {
    let t: TestApp;
    let admin: Staff;
    let english: Article;
    let spanish: Article;
    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { language: 'en', languages: ['en', 'es'] });
      admin = await makeStaff(t.deps, 'admin');
      english = await makeArticle(t.deps, { headline: 'Harbour wall repaired', language: 'en' });
      spanish = await makeArticle(t.deps, { headline: 'Reparado el muro del puerto', language: 'es' });
      await linkTranslation(t.deps, { staff: admin, id: english.id, other: spanish.id });
    });
    after(() => t.close());

    /** The refusal the call ends in, as an English desk and a Spanish desk read it. */
    const refusal = async (call: () => Promise<unknown>) => {
      const error = await call().then(
        () => assert.fail('refused'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof AppError, String(error));
      return {
        error,
        en: t.deps.translations.for('en', 'UTC').error(error),
        es: t.deps.translations.for('es', 'UTC').error(error),
      };
    };

    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'a translation already linked',
        () => linkTranslation(t.deps, { staff: admin, id: english.id, other: spanish.id }),
        /^«Reparado el muro del puerto» ya está enlazado como traducción de este artículo\.$/,
      ],
      [
        'a translation into the language the article is in',
        () => startTranslation(t.deps, { staff: admin, id: english.id, language: 'en' }),
        /^Este artículo ya está en inglés \(en\): elige otro idioma\.$/,
      ],
      [
        // Languages are named in the reader's language, beside the tag the forms take.
        'a translation into a language the site does not publish in',
        () => startTranslation(t.deps, { staff: admin, id: english.id, language: 'fr' }),
        /^El sitio no publica en francés \(fr\)\. Elige uno de sus idiomas: inglés \(en\), español \(es\)\.$/,
      ],
      [
        'deleting for good an article not in the trash',
        () => deleteArticle(t.deps, { staff: admin, id: english.id }),
        /^Este artículo está publicado\. Muévelo antes a la papelera/,
      ],
      [
        'a time zone that is not one',
        () => updateSettings(t.deps, { timeZone: 'Harbour/Standard' }),
        /^«Harbour\/Standard» no es una zona horaria IANA/,
      ],
      [
        'a default language the site does not offer',
        () => updateSettings(t.deps, { languages: ['es'] }),
        /^El idioma predeterminado, inglés \(en\), debe ser uno de los idiomas del sitio/,
      ],
    ];
    for (const [what, call, spanishWords] of cases)
      it(`${what}: the English as the service wrote it, the Spanish in Spanish`, async () => {
        const { error, en, es } = await refusal(call);
        assert.equal(en, error.message);
        assert.match(es, spanishWords);
      });

    it('merging a section into itself names the section in Spanish', async () => {
      const section = await makeSection(t.deps, 'Port news');
      const { error, en, es } = await refusal(() =>
        mergeTerm(t.deps, { staff: admin, ip: '198.51.100.1', kind: 'section', id: section.id, intoId: section.id }),
      );
      assert.equal(en, error.message);
      assert.equal(es, 'Elige otra sección con la que fusionarla.');
    });
  });
}
