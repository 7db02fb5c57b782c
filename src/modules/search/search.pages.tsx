// The reader's search page. Works as a plain GET form; each search is rendered for its own words (not page-cached).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { EDITION_PREFIXES, EditionParam, editionLanguage, editionSite } from '../../http/editions.ts';
import { assertForm, FORM, one, type PageContext } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { SearchPage, type SearchForm } from '../../web/pages/search-page.tsx';
import { searchResultView } from './search.presenter.ts';
import { searchPublicArticles } from './search.service.ts';

/** Enough for a reader refining a search; not enough to scrape the archive through it. */
export const SEARCH_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

/** The search form. What the words, dates and page must be is the search service's, with its messages beside the fields. */
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 10_000, title: 'Words to find', labelKey: 'search.words' })),
  section: Type.Optional(Type.String({ maxLength: 1000, title: 'Section', labelKey: 'search.section' })),
  author: Type.Optional(Type.String({ maxLength: 1000, title: 'Author', labelKey: 'fields.author' })),
  from: Type.Optional(Type.String({ maxLength: 100, title: 'From', labelKey: 'search.from' })),
  to: Type.Optional(Type.String({ maxLength: 100, title: 'To', labelKey: 'search.to' })),
  sort: Type.Optional(Type.String({ maxLength: 20, title: 'Order', labelKey: 'search.order' })),
  /** A page number, or anything else (which names no page: the service says so). */
  page: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 999_999 }), Type.String({ maxLength: 100 })], {
      title: 'Page',
      labelKey: 'fields.page',
    }),
  ),
});

const text = (value: unknown) => one(value).trim();

export function registerSearchPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Each language's edition searches its own articles: /search the default's, /es/search the Spanish ones.
  for (const prefix of EDITION_PREFIXES)
    app.get(
      `${prefix}/search`,
      {
        schema: { querystring: SearchQuery, params: Type.Object(EditionParam) },
        ...FORM,
        config: { rateLimit: SEARCH_RATE_LIMIT },
      },
      async (req, reply) => {
        const query = req.query;
        const form: SearchForm = {
          q: text(query.q),
          section: text(query.section),
          author: text(query.author),
          from: text(query.from),
          to: text(query.to),
          sort: text(query.sort) === 'newest' ? 'newest' : '',
        };
        const page =
          query.page === undefined || query.page === '' ? 1 : typeof query.page === 'number' ? query.page : 0;
        const site = await editionSite(ctx, req, reply);
        if (!site) return reply;
        reply.header('cache-control', 'public, max-age=60');
        try {
          // A query that fails its schema (an over-long or repeated field) is the form again, the message beside it.
          assertForm(req);
          if (form.q === '') {
            return sendHtml(
              reply,
              200,
              renderDocument(
                <SearchPage site={site} form={form} searched={false} results={[]} total={0} page={1} pages={0} />,
              ),
            );
          }
          const outcome = await searchPublicArticles(ctx.deps, {
            q: form.q,
            section: form.section || undefined,
            author: form.author || undefined,
            from: form.from || undefined,
            to: form.to || undefined,
            sort: form.sort === 'newest' ? 'newest' : 'relevance',
            page,
            language: editionLanguage(site),
          });
          return sendHtml(
            reply,
            200,
            renderDocument(
              <SearchPage
                site={site}
                form={form}
                authorName={outcome.author?.name}
                searched={outcome.searched}
                results={outcome.results.map(searchResultView)}
                total={outcome.total}
                more={outcome.more}
                olderUnsearched={outcome.olderUnsearched}
                page={outcome.page}
                pages={outcome.pages}
              />,
            ),
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 422) throw error;
          reply.header('cache-control', 'no-store');
          return sendHtml(
            reply,
            422,
            renderDocument(
              <SearchPage
                site={site}
                form={form}
                error={{ field: error.field, message: site.i18n.error(error) }}
                searched={false}
                results={[]}
                total={0}
                page={1}
                pages={0}
              />,
            ),
          );
        }
      },
    );
}
