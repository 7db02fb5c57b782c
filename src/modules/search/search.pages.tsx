// The reader's search page. Works as a plain GET form; each search is rendered for its own words (not page-cached).
import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { SearchPage, type SearchForm } from '../../web/pages/search-page.tsx';
import type { PageContext } from '../articles/article.pages.tsx';
import { searchResultView } from './search.presenter.ts';
import { searchPublicArticles } from './search.service.ts';

/** Enough for a reader refining a search; not enough to scrape the archive through it. */
export const SEARCH_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

const one = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '').trim();

export function registerSearchPages(app: FastifyInstance, ctx: PageContext): void {
  app.get('/search', { config: { rateLimit: SEARCH_RATE_LIMIT } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const form: SearchForm = {
      q: one(query.q), section: one(query.section), author: one(query.author), from: one(query.from), to: one(query.to),
      sort: one(query.sort) === 'newest' ? 'newest' : '',
    };
    const rawPage = one(query.page) || '1';
    const site = await ctx.site(req);
    reply.header('cache-control', 'public, max-age=60');
    if (form.q === '') {
      return sendHtml(reply, 200, renderDocument(<SearchPage site={site} form={form} searched={false} results={[]} total={0} page={1} pages={0} />));
    }
    try {
      const outcome = await searchPublicArticles(ctx.deps, {
        q: form.q, section: form.section || undefined, author: form.author || undefined, from: form.from || undefined,
        to: form.to || undefined, sort: form.sort === 'newest' ? 'newest' : 'relevance', page: /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : 0,
      });
      return sendHtml(reply, 200, renderDocument(<SearchPage site={site} form={form} authorName={outcome.author?.name} searched={outcome.searched}
        results={outcome.results.map(searchResultView)} total={outcome.total} page={outcome.page} pages={outcome.pages} />));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      reply.header('cache-control', 'no-store');
      return sendHtml(reply, 422, renderDocument(<SearchPage site={site} form={form} error={{ field: error.field, message: error.message }}
        searched={false} results={[]} total={0} page={1} pages={0} />));
    }
  });
}
