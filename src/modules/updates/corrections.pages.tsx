// The public /corrections page, cached like the other lists.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { CorrectionsPage } from '../../web/pages/corrections-page.tsx';
import { CORRECTIONS_PATH, type SiteView } from '../../web/site.ts';
import { listCorrections } from './article-update.service.ts';

interface Ctx {
  deps: Deps;
  site: (req: FastifyRequest) => Promise<SiteView>;
}

const PAGE_SIZE = 30;

export function registerCorrectionPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { page?: string } }>(CORRECTIONS_PATH, async (req, reply) => {
    const raw = req.query.page;
    if (raw !== undefined && !/^[1-9]\d{0,5}$/.test(raw)) throw notFound('There is no such page of corrections.');
    const page = raw === undefined ? 1 : Number(raw);
    const sent = await sendCachedPage(ctx.deps, req, reply, `${CORRECTIONS_PATH}?page=${page}`, async () => {
      const [site, list] = await Promise.all([ctx.site(req), listCorrections(ctx.deps, { page, limit: PAGE_SIZE })]);
      if (page > list.pages) return undefined;
      return { body: renderDocument(<CorrectionsPage site={site} corrections={list.items} page={page} pages={list.pages} />), tags: ['corrections', 'lists'] };
    });
    if (!sent) throw notFound('There is no such page of corrections.');
    return reply;
  });
}
