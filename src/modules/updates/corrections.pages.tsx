// The public /corrections page, cached like the other lists.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { EDITION_PREFIXES, EditionParam, editionLanguage, editionSite } from '../../http/editions.ts';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { CorrectionsPage } from '../../web/pages/corrections-page.tsx';
import { CORRECTIONS_PATH, editionPath } from '../../web/site.ts';
import { listCorrections } from './article-update.service.ts';

const PAGE_SIZE = 30;
const noSuchPage = () => notFound('There is no such page of corrections.');
const Edition = Type.Object(EditionParam);
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999 })) });

export function registerCorrectionPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  for (const prefix of EDITION_PREFIXES)
    app.get(
      `${prefix}${CORRECTIONS_PATH}`,
      { schema: { querystring: PageQuery, params: Edition }, schemaErrorFormatter: noSuchPage },
      async (req, reply) => {
        const site = await editionSite(ctx, req, reply);
        if (!site) return reply;
        const page = req.query.page ?? 1;
        const key = `${editionPath(site, CORRECTIONS_PATH)}?page=${page}`;
        const sent = await sendCachedPage(ctx.deps, { req, reply, key }, async () => {
          const list = await listCorrections(ctx.deps, { page, limit: PAGE_SIZE, language: editionLanguage(site) });
          if (page > list.pages) return undefined;
          return {
            body: renderDocument(
              <CorrectionsPage site={site} corrections={list.items} page={page} pages={list.pages} />,
            ),
            tags: ['corrections', 'lists'],
          };
        });
        if (!sent) throw noSuchPage();
        return reply;
      },
    );
}
