// The 404: JSON for the API, and for people a page that helps them on with the latest stories.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listPublicArticles } from '../modules/articles/index.ts';
import { redirectLegacyUrl } from '../modules/wordpress/index.ts';
import type { PageContext } from './page-context.ts';
import { renderDocument } from '../web/layout.tsx';
import { NotFoundPage } from '../web/pages/error-page.tsx';
import { wantsJson } from './error-handler.tsx';

/** The not-found page: where to go instead, and the latest stories. */
export async function renderNotFoundPage(ctx: PageContext, req: FastifyRequest): Promise<string> {
  const [site, latest] = await Promise.all([ctx.site(req), listPublicArticles(ctx.deps, { page: 1, limit: 5 })]);
  return renderDocument(<NotFoundPage site={site} latest={latest.articles} />);
}

export function registerNotFound(app: FastifyInstance, ctx: PageContext): void {
  app.setNotFoundHandler(async (req, reply) => {
    // An address from before the move to Dateline (a WordPress import) lives on as a 301.
    if (await redirectLegacyUrl(ctx.deps, req, reply)) return reply;
    reply.code(404).header('cache-control', 'no-store');
    if (wantsJson(req)) return reply.send({ error: { code: 'not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]}.` } });
    return reply.type('text/html; charset=utf-8').send(await renderNotFoundPage(ctx, req));
  });
}
