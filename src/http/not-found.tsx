// The 404: JSON for the API, and for people a page that helps them on with the latest stories. What the page
// lists and which old addresses still lead somewhere is the modules' business: app.ts hands both in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../modules/articles/index.ts';
import { renderDocument } from '../web/layout.tsx';
import { NotFoundPage } from '../web/pages/error-page.tsx';
import type { SiteView } from '../web/site.ts';
import { wantsJson } from './error-handler.tsx';
import { methodCheck } from './method-not-allowed.ts';

export interface NotFoundOptions {
  /** The site around the page: the edition the address names (/es/…), else the default's. */
  site(req: FastifyRequest): Promise<SiteView>;
  /** The latest stories of the page's edition, offered as a way on. */
  latestStories(site: SiteView): Promise<Article[]>;
  /** Answers an address from before the move to Dateline with a 301; says whether it did. */
  redirectLegacy(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

/** The not-found page: where to go instead, and the latest stories. */
export async function renderNotFoundPage(
  options: Pick<NotFoundOptions, 'site' | 'latestStories'>,
  req: FastifyRequest,
): Promise<string> {
  const site = await options.site(req);
  const latest = await options.latestStories(site);
  return renderDocument(<NotFoundPage site={site} latest={latest} />);
}

export function registerNotFound(app: FastifyInstance, options: NotFoundOptions): void {
  const checkMethod = methodCheck(() => app.routeList);
  app.setNotFoundHandler(async (req, reply) => {
    // An address from before the move to Dateline (a WordPress import) lives on as a 301.
    if (await options.redirectLegacy(req, reply)) return reply;
    // An address we serve, asked with another method: 405 with Allow (the error handler answers it).
    checkMethod(req.method, req.url.split('?')[0]);
    reply.code(404).header('cache-control', 'no-store');
    if (wantsJson(req))
      return reply.send({
        error: { code: 'not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]}.` },
      });
    return reply.type('text/html; charset=utf-8').send(await renderNotFoundPage(options, req));
  });
}
