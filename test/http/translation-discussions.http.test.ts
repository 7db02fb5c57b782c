// A translation's discussion on an English site with a Spanish edition: the pages a reader reaches from a comment
// under a Spanish article (report, edit, and their refusals) speak Spanish, the reply mail about it is in Spanish,
// and a comment on the translation belongs to its own discussion, not the English original's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { startMailCatcher, type CapturedMail, type MailCatcher } from '../support/mail.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

/** Quoted-printable (=XX escapes) back to UTF-8 text. */
const qp = (s: string): string => {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]));
  }
  return Buffer.from(bytes).toString('utf8');
};

/** The mail's source as a person reads it: headers unfolded and decoded, quoted-printable parts decoded. */
const decoded = (mail: CapturedMail): string =>
  qp(
    mail.raw
      .replace(/(?<!\?)=\r\n/g, '')
      .replace(/\r\n(?=[ \t])/g, '')
      .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '')
      .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) => q.replace(/_/g, ' '))
      .replace(/=\?UTF-8\?B\?(.*?)\?=/gi, (_m, b: string) => Buffer.from(b, 'base64').toString('utf8'))
      .replace(/=\r?\n/g, ''),
  );

let n = 0;
const unique = (name: string) => `${name}-${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;
const address = () => `198.51.100.${(++n % 250) + 1}`;

/** The commenter cookie a response sets, as a browser would send it back. */
function commenterCookie(res: { headers: Record<string, unknown> }): string {
  const line = [res.headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith('dl_commenter='));
  assert.ok(line, 'a commenter cookie is set');
  return line.split(';')[0];
}

for (const dialect of dialects) {
  describe(`a Spanish translation's discussion on an English site, on ${dialect}`, () => {
    let t: TestApp;
    let catcher: MailCatcher;
    let editor: DeskUser;
    let token: string;
    before(async () => {
      catcher = await startMailCatcher();
      t = await createTestApp(dialect, { env: { SMTP_URL: catcher.url } });
      t.deps.mailOutbox.start(60_000);
      await updateSettings(t.deps, { ...relaxedModeration, languages: ['en', 'es'], commentEditMinutes: 10 });
      editor = await makeDeskUser(t.app, t.deps, 'editor');
      token = (await makeStaff(t.deps, 'editor')).token;
    });
    after(async () => {
      await t.close();
      await catcher.close();
    });

    /** An English article and its published Spanish translation, made as an editor makes them. */
    async function translatedPair(headline: string, titular: string): Promise<{ en: Article; es: { slug: string } }> {
      const en = await makeArticle(t.deps, { headline, language: 'en' });
      const started = await deskPost(t.app, editor, `/admin/articles/${en.id}/translate`, { language: 'es' });
      assert.equal(started.statusCode, 303, started.body.slice(0, 300));
      const draftId = /\/admin\/articles\/([^/]+)\/edit/.exec(String(started.headers.location))![1];
      const published = await t.app.inject({
        method: 'PATCH',
        url: `/api/articles/${draftId}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { headline: titular, body: 'El texto en español.', status: 'published' },
      });
      assert.equal(published.statusCode, 200, published.body);
      return { en, es: { slug: published.json().slug } };
    }

    /** A comment posted through the plain form; its id and the cookie of the browser that posted it. */
    async function comment(slug: string, fields: Record<string, string>) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/articles/${slug}/comments`,
        remoteAddress: address(),
        headers: formHeaders,
        payload: form({ name: 'Lucía Lectora', email: unique('lucia'), ...fields }),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const id = /\/comments\/([0-9a-f-]+)$/.exec(String(res.headers.location))?.[1];
      assert.ok(id, String(res.headers.location));
      return { id, cookie: commenterCookie(res) };
    }

    it('shows the report page of a comment under a Spanish article in Spanish, and its refusal too', async () => {
      const article = await makeArticle(t.deps, { headline: 'Cierran el muelle norte', language: 'es' });
      const { id } = await comment(article.slug, { comment: 'Una pena, era el mejor muelle.' });
      const page = await t.app.inject({ url: `/comments/${id}/report` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="es"/);
      assert.match(page.body, /Denunciar un comentario/);
      assert.match(page.body, /Enviar la denuncia/);
      assert.doesNotMatch(page.body, /Report a comment|Send report/);
      const refused = await t.app.inject({
        method: 'POST',
        url: `/comments/${id}/report`,
        remoteAddress: address(),
        headers: formHeaders,
        payload: form({ reason: '' }),
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /<html lang="es"/);
      assert.match(refused.body, /Di qué tiene de malo este comentario\./);
      // The same pages under an English article stay English: the language is the article's, not a site switch.
      const english = await makeArticle(t.deps, { headline: 'North pier closes', language: 'en' });
      const other = await comment(english.slug, { comment: 'A shame, it was the best pier.' });
      const en = await t.app.inject({ url: `/comments/${other.id}/report` });
      assert.match(en.body, /<html lang="en"/);
      assert.match(en.body, /Report a comment/);
    });

    it('answers a refused post under a Spanish article with an error page in Spanish, under an English one in English', async () => {
      for (const [language, headline, words] of [
        ['es', 'Se cierra la consulta del puerto', /Los comentarios de este artículo están cerrados\./],
        ['en', 'Harbour consultation closes', /Comments are closed on this article\./],
      ] as const) {
        const article = await makeArticle(t.deps, { headline, language, commentStatus: 'closed' });
        const refused = await t.app.inject({
          method: 'POST',
          url: `/articles/${encodeURIComponent(article.slug)}/comments`,
          remoteAddress: address(),
          headers: formHeaders,
          payload: form({ name: 'Lucía Lectora', email: unique('lucia'), comment: 'Llego tarde.' }),
        });
        assert.equal(refused.statusCode, 403, refused.body.slice(0, 300));
        assert.match(refused.body, new RegExp(`<html lang="${language}"`));
        assert.match(refused.body, words);
      }
    });

    it("shows a commenter's edit and delete pages for a comment under a Spanish article in Spanish", async () => {
      const article = await makeArticle(t.deps, { headline: 'Suben los alquileres en el puerto', language: 'es' });
      const { id, cookie } = await comment(article.slug, { comment: 'Nadie puede pagar esto.' });
      const edit = await t.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
      assert.equal(edit.statusCode, 200, edit.body.slice(0, 300));
      assert.match(edit.body, /<html lang="es"/);
      assert.match(edit.body, /<h1>Editar tu comentario<\/h1>/);
      assert.match(edit.body, /Guardar los cambios/);
      assert.doesNotMatch(edit.body, /Edit your comment|Save changes/);
      const refused = await t.app.inject({
        method: 'POST',
        url: `/comments/${id}/edit`,
        headers: { ...formHeaders, cookie },
        payload: form({ comment: '' }),
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /<html lang="es"/);
      assert.match(refused.body, /Escribe un comentario\./);
      const remove = await t.app.inject({ url: `/comments/${id}/delete`, headers: { cookie } });
      assert.equal(remove.statusCode, 200);
      assert.match(remove.body, /<html lang="es"/);
      assert.match(remove.body, /¿Borrar tu comentario\?/);
    });

    it('mails the reply notification about a Spanish article in Spanish', async () => {
      const article = await makeArticle(t.deps, { headline: 'Nuevo horario del ferri', language: 'es' });
      const parentEmail = unique('pilar');
      const parent = await comment(article.slug, {
        name: 'Pilar Pregunta',
        email: parentEmail,
        comment: '¿Habrá ferri nocturno?',
        notifyReplies: '1',
      });
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${article.slug}/comments`,
        remoteAddress: address(),
        payload: { name: 'Ramón', email: unique('ramon'), body: 'Sí, desde marzo.', parentId: parent.id },
      });
      assert.equal(reply.statusCode, 201, reply.body);
      const text = decoded(await catcher.waitFor(parentEmail));
      assert.match(text, /Subject: Ramón ha respondido a tu comentario en «Nuevo horario del ferri»/);
      assert.match(text, /Hola, Pilar Pregunta:/);
      assert.match(text, /<html lang="es"/);
      assert.match(text, /Lee la respuesta en la conversación/);
      assert.match(text, /Deja de recibir estos correos con un clic:/);
      assert.doesNotMatch(text, /replied to your comment|Hello Pilar|Stop these mails/);
    });

    it('keeps a comment on the Spanish translation in its own discussion, out of the English one', async () => {
      const { en, es } = await translatedPair('Harbour wall to be rebuilt', 'Reconstruirán el muro del puerto');
      await comment(es.slug, { comment: 'Ya era hora de arreglar el muro.' });
      const count = async (slug: string) =>
        (
          await t.deps.db
            .selectFrom('articles')
            .select('comment_count')
            .where('slug', '=', slug)
            .executeTakeFirstOrThrow()
        ).comment_count;
      assert.equal(Number(await count(es.slug)), 1);
      assert.equal(Number(await count(en.slug)), 0, "the English original's count is its own");
      const esPage = await t.app.inject({ url: `/articles/${es.slug}` });
      assert.match(esPage.body, /Ya era hora de arreglar el muro\./);
      assert.match(esPage.body, /Un comentario en «Reconstruirán el muro del puerto»/);
      const enPage = await t.app.inject({ url: `/articles/${en.slug}` });
      assert.doesNotMatch(enPage.body, /Ya era hora de arreglar el muro/);
      assert.match(enPage.body, /Leer en español/, 'the pair is linked');
      const enApi = await t.app.inject({ url: `/api/articles/${en.slug}/comments` });
      assert.equal(enApi.statusCode, 200, enApi.body);
      assert.doesNotMatch(enApi.body, /Ya era hora/);
      const esApi = await t.app.inject({ url: `/api/articles/${es.slug}/comments` });
      assert.match(esApi.body, /Ya era hora de arreglar el muro\./);
    });
  });
}
