// The public /corrections page, cached like the other lists.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { CorrectionsPage } from '../../web/pages/corrections-page.tsx';
import { CORRECTIONS_PATH } from '../../web/site.ts';
import { listCorrections } from './article-update.service.ts';

const PAGE_SIZE = 30;
const noSuchPage = () => notFound('There is no such page of corrections.');
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999 })) });

export function registerCorrectionPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    CORRECTIONS_PATH,
    { schema: { querystring: PageQuery }, schemaErrorFormatter: noSuchPage },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const sent = await sendCachedPage(ctx.deps, { req, reply, key: `${CORRECTIONS_PATH}?page=${page}` }, async () => {
        const [site, list] = await Promise.all([ctx.site(req), listCorrections(ctx.deps, { page, limit: PAGE_SIZE })]);
        if (page > list.pages) return undefined;
        return {
          body: renderDocument(<CorrectionsPage site={site} corrections={list.items} page={page} pages={list.pages} />),
          tags: ['corrections', 'lists'],
        };
      });
      if (!sent) throw noSuchPage();
      return reply;
    },
  );
}
