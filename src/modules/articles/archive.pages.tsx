// Date archives: /archive lists the months, /archive/2019/01 a month's articles. WordPress's date addresses
// (/2019/01/, /2019/01/23/) answer with a 301 to the month, so old links and search results keep working.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendCachedPage } from '../../http/page-response.ts';
import { notFound } from '../../platform/errors.ts';
import { wallTimeToInstant } from '../../platform/zoned-time.ts';
import { renderDocument } from '../../web/layout.tsx';
import { ArchiveIndexPage, monthTitle } from '../../web/pages/archive-page.tsx';
import { ListPage } from '../../web/pages/list-page.tsx';
import { archiveMonthPath } from '../../web/site.ts';
import type { PageContext } from './article.pages.tsx';
import { listArchiveMonths, listPublicArticles, nextScheduledChange } from './article.service.ts';

const PAGE_SIZE = 20;
const YEAR = /^(19|20|21)\d{2}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;

function pageNumber(req: FastifyRequest): number | undefined {
  const raw = (req.query as { page?: string }).page;
  if (raw === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

export function registerArchivePages(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  app.get('/archive', async (req, reply) => {
    await sendCachedPage(deps, req, reply, '/archive', async () => {
      const site = await ctx.site(req);
      const [months, next] = await Promise.all([listArchiveMonths(deps, site.settings.timeZone), nextScheduledChange(deps)]);
      return { body: renderDocument(<ArchiveIndexPage site={site} months={months} />), tags: ['lists'], expiresAt: next };
    });
    return reply;
  });

  app.get<{ Params: { year: string; month: string } }>('/archive/:year/:month', async (req, reply) => {
    const { year, month } = req.params;
    const page = pageNumber(req);
    if (!YEAR.test(year) || !MONTH.test(month) || page === undefined) throw notFound('There is no such month in the archive; addresses look like /archive/2019/01.');
    const path = archiveMonthPath(year, month);
    const sent = await sendCachedPage(deps, req, reply, `${path}?page=${page}`, async () => {
      const site = await ctx.site(req);
      const y = Number(year);
      const m = Number(month);
      const from = wallTimeToInstant(`${year}-${month}-01T00:00`, site.settings.timeZone);
      const until = wallTimeToInstant(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00`, site.settings.timeZone);
      const [list, next] = await Promise.all([listPublicArticles(deps, { from, until, page, limit: PAGE_SIZE }), nextScheduledChange(deps)]);
      if (list.total === 0 || page > list.pages) return undefined;
      const title = monthTitle(site, y, m);
      const body = renderDocument(<ListPage site={site} title={title} intro={`${list.total.toLocaleString('en')} ${list.total === 1 ? 'article' : 'articles'} published in ${title}.`}
        path={path} articles={list.articles} page={page} pages={list.pages} />);
      return { body, tags: ['lists'], expiresAt: next };
    });
    if (!sent) throw notFound('Nothing was published in that month.');
    return reply;
  });

  // WordPress's date archives. A day is shown within its month.
  const toMonth = (year: string, month: string) => (YEAR.test(year) && MONTH.test(month) ? archiveMonthPath(year, month) : undefined);
  app.get<{ Params: { year: string; month: string } }>('/:year(^\\d{4}$)/:month(^\\d{2}$)', async (req, reply) => {
    const target = toMonth(req.params.year, req.params.month);
    if (!target) throw notFound();
    return reply.header('cache-control', 'public, max-age=86400').redirect(target, 301);
  });
  app.get<{ Params: { year: string; month: string; day: string } }>('/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)', async (req, reply) => {
    const target = toMonth(req.params.year, req.params.month);
    if (!target || Number(req.params.day) < 1 || Number(req.params.day) > 31) throw notFound();
    return reply.header('cache-control', 'public, max-age=86400').redirect(target, 301);
  });
}
