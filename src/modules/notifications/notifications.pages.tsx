// The page behind every mail's unsubscribe link: GET only shows what the link stops (mail scanners follow
// links), its button POSTs. Mail providers POST the same address themselves (RFC 8058 one-click), from their
// servers, without a browser's Origin: the signed token in the address is the authority, so this one route
// is exempt from the cross-site check (it sets and reads no cookies).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { renderDocument } from '../../web/layout.tsx';
import { UnsubscribePage } from '../../web/pages/unsubscribe-page.tsx';
import { findUnsubscribeRequest, unsubscribe, UNSUBSCRIBE_PATH } from './notifications.service.ts';

// The token's form is checked by its signature, with a clear message for a broken link (400), so the schema only bounds it.
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 2000 })) });
// A person's button sends nothing; a provider's one-click sends List-Unsubscribe=One-Click (RFC 8058).
const OneClickForm = Type.Union([
  Type.Object({ 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })) }),
  Type.Null(),
]);

export function registerNotificationPages(root: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;
  const noStore = (reply: FastifyReply) =>
    reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
  const pageOf = (token: string) => `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;

  void root.register(async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // Providers may send the one-click POST as multipart; its body says nothing the address does not.
    app.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
    });

    // A link that fails its schema (cut, doubled, padded) is read as no token: the page that says the link is broken.
    app.get(UNSUBSCRIBE_PATH, { schema: { querystring: TokenQuery }, attachValidation: true }, async (req, reply) => {
      const token = queryOrDefaults(req).token ?? '';
      const request = await findUnsubscribeRequest(deps, token);
      return sendHtml(
        noStore(reply),
        200,
        renderDocument(<UnsubscribePage site={await ctx.site(req)} request={request} action={pageOf(token)} />),
      );
    });

    app.post(
      UNSUBSCRIBE_PATH,
      {
        schema: { querystring: TokenQuery, body: OneClickForm },
        attachValidation: true,
        config: { allowCrossSite: true },
      },
      async (req, reply) => {
        // As on the page: a request that fails its schema changes nothing and is told the link is broken (400).
        const query = queryOrDefaults(req);
        const token = query.token ?? '';
        await unsubscribe(deps, token);
        // A provider's one-click POST wants a plain success; a person's button gets the page again, now saying it is done.
        if (req.body?.['List-Unsubscribe'] === 'One-Click')
          return noStore(reply).type('text/plain; charset=utf-8').send('Unsubscribed.\n');
        return noStore(reply).redirect(pageOf(token), 303);
      },
    );
  });
}
