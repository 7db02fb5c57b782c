// Date archives: /archive lists the months, /archive/2019/01 a month's articles. WordPress's date addresses
// (/2019/01/, /2019/01/23/) answer with a 301 to the month, so old links and search results keep working.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { EDITION_PREFIXES, EditionParam, editionLanguage, editionSite } from '../../http/editions.ts';
import type { PageContext } from '../../http/page-context.ts';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { archiveMonthPath } from '../../platform/paths.ts';
import { renderDocument } from '../../web/layout.tsx';
import { ArchiveIndexPage, monthTitle } from '../../web/pages/archive-page.tsx';
import { ListPage } from '../../web/pages/list-page.tsx';
import { editionPath } from '../../web/site.ts';
import { loadArchiveMonth } from './article-list.service.ts';
import { listArchiveMonths, nextScheduledChange } from './article.service.ts';

const YEAR = /^(19|20|21)\d{2}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;

const noSuchMonth = () => notFound('There is no such month in the archive; addresses look like /archive/2019/01.');
const MonthParams = Type.Object({
  ...EditionParam,
  year: Type.String({ pattern: YEAR.source }),
  month: Type.String({ pattern: MONTH.source }),
});
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999 })) });
const DateParams = Type.Object({ year: Type.String({ maxLength: 4 }), month: Type.String({ maxLength: 2 }) });
const DayParams = Type.Object({
  year: Type.String({ maxLength: 4 }),
  month: Type.String({ maxLength: 2 }),
  day: Type.String({ maxLength: 2 }),
});

export function registerArchivePages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  // The archive of every language's edition: /archive, /es/archive.
  for (const prefix of EDITION_PREFIXES) {
    app.get(`${prefix}/archive`, { schema: { params: Type.Object(EditionParam) } }, async (req, reply) => {
      const site = await editionSite(ctx, req, reply);
      if (!site) return reply;
      await sendCachedPage(deps, { req, reply, key: editionPath(site, '/archive') }, async () => {
        const [months, next] = await Promise.all([
          listArchiveMonths(deps, site.settings.timeZone, editionLanguage(site)),
          nextScheduledChange(deps),
        ]);
        return {
          body: renderDocument(<ArchiveIndexPage site={site} months={months} />),
          tags: ['lists'],
          expiresAt: next,
        };
      });
      return reply;
    });

    app.get(
      `${prefix}/archive/:year/:month`,
      { schema: { params: MonthParams, querystring: PageQuery }, schemaErrorFormatter: noSuchMonth },
      async (req, reply) => {
        const site = await editionSite(ctx, req, reply);
        if (!site) return reply;
        const { year, month } = req.params;
        const page = req.query.page ?? 1;
        const path = editionPath(site, archiveMonthPath(year, month));
        const sent = await sendCachedPage(deps, { req, reply, key: `${path}?page=${page}` }, async () => {
          const found = await loadArchiveMonth(deps, {
            year: Number(year),
            month: Number(month),
            page,
            timeZone: site.settings.timeZone,
            language: editionLanguage(site),
          });
          if (!found) return undefined;
          const title = monthTitle(site, Number(year), Number(month));
          const body = renderDocument(
            <ListPage
              site={site}
              title={title}
              intro={site.i18n.t('archive.monthIntro', { count: found.total, month: title })}
              path={path}
              articles={found.articles}
              page={page}
              pages={found.pages}
            />,
          );
          return { body, tags: ['lists'], expiresAt: found.expiresAt };
        });
        if (!sent) throw notFound('Nothing was published in that month.');
        return reply;
      },
    );
  }

  // WordPress's date archives. A day is shown within its month.
  const toMonth = (year: string, month: string) =>
    YEAR.test(year) && MONTH.test(month) ? archiveMonthPath(year, month) : undefined;
  app.get('/:year(^\\d{4}$)/:month(^\\d{2}$)', { schema: { params: DateParams } }, async (req, reply) => {
    const target = toMonth(req.params.year, req.params.month);
    if (!target) throw notFound();
    return reply.header('cache-control', 'public, max-age=86400').redirect(target, 301);
  });
  app.get('/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)', { schema: { params: DayParams } }, async (req, reply) => {
    const target = toMonth(req.params.year, req.params.month);
    if (!target || Number(req.params.day) < 1 || Number(req.params.day) > 31) throw notFound();
    return reply.header('cache-control', 'public, max-age=86400').redirect(target, 301);
  });
}
