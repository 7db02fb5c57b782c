// The page behind every mail's unsubscribe link: GET only shows what the link stops (mail scanners follow
// links), its button POSTs. Mail providers POST the same address themselves (RFC 8058 one-click), from their
// servers, without a browser's Origin: the signed token in the address is the authority, so this one route
// is exempt from the cross-site check (it sets and reads no cookies).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendHtml } from '../../http/page-response.ts';
import { Layout, renderDocument } from '../../web/layout.tsx';
import type { SiteView } from '../../web/site.ts';
import { findUnsubscribeRequest, unsubscribe, UNSUBSCRIBE_PATH, type UnsubscribeRequest } from './notifications.service.ts';
import type { PageContext } from '../../http/page-context.ts';


type Req = { Querystring: { token?: string }; Body: Record<string, unknown> | undefined };

const what = (r: UnsubscribeRequest) => (r.target.kind === 'replies' ? 'mail about replies to your comments' : 'the digest of comments waiting for moderation');

function UnsubscribePage({ site, request, token }: { site: SiteView; request: UnsubscribeRequest; token: string }) {
  return (
    <Layout site={site} title="Unsubscribe">
      <h1>Unsubscribe</h1>
      {request.done ? (
        <p class="form-notice" role="status">Done: {request.label} gets no more {what(request)}.</p>
      ) : (
        <form class="comment-form" method="post" action={`${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`}>
          <p>Stop sending {what(request)} to {request.label}?</p>
          <p class="form-submit"><button type="submit">Unsubscribe</button></p>
        </form>
      )}
      <p><a href="/">Back to the front page</a></p>
    </Layout>
  );
}

export function registerNotificationPages(root: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');

  void root.register(async (app) => {
    // Providers may send the one-click POST as multipart; its body says nothing the address does not.
    app.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
    });

    app.get<Req>(UNSUBSCRIBE_PATH, { schema: { hide: true } as object }, async (req, reply) => {
      const token = String(req.query.token ?? '');
      const request = await findUnsubscribeRequest(deps, token);
      return sendHtml(noStore(reply), 200, renderDocument(<UnsubscribePage site={await ctx.site(req)} request={request} token={token} />));
    });

    app.post<Req>(UNSUBSCRIBE_PATH, { schema: { hide: true } as object, config: { allowCrossSite: true } }, async (req, reply) => {
      const token = String(req.query.token ?? '');
      await unsubscribe(deps, token);
      // A provider's one-click POST wants a plain success; a person's button gets the page again, now saying it is done.
      if (req.body?.['List-Unsubscribe'] === 'One-Click') return noStore(reply).type('text/plain; charset=utf-8').send('Unsubscribed.\n');
      return noStore(reply).redirect(`${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`, 303);
    });
  });
}
