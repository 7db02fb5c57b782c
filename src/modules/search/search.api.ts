// GET /api/search: the same search as the reader's page, as JSON.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { errors } from '../../http/api-schemas.ts';
import { articleJson } from '../articles/index.ts';
import { currentSettings } from '../settings/index.ts';
import { SEARCH_RATE_LIMIT } from './search.pages.tsx';
import { markedHtml, plainText } from './search.presenter.ts';
import { MAX_PAGE, MAX_QUERY_LENGTH, MAX_RESULTS, RESULTS_PER_PAGE, searchPublicArticles } from './search.service.ts';

const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: "YYYY-MM-DD in the site's time zone, inclusive.",
});

const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: MAX_QUERY_LENGTH,
      description: 'Words to find; "quoted phrases" and -excluded words are understood.',
    }),
    section: Type.Optional(Type.String({ maxLength: 200, description: 'Section slug.' })),
    author: Type.Optional(Type.String({ maxLength: 200, description: 'Author slug.' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('newest')], { default: 'relevance' }),
    page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }),
  },
  { additionalProperties: false },
);

const SearchJson = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: `Matching published articles, counted up to ${MAX_RESULTS}.` }),
  more: Type.Boolean({
    description: `More than ${MAX_RESULTS} articles matched: the newest ${MAX_RESULTS} were ranked; narrow the search (section, author, dates) to reach older ones.`,
  }),
  olderUnsearched: Type.Union([Type.Literal('words'), Type.Literal('dates'), Type.Null()], {
    description:
      'Older articles may match but were not searched. "words": only the newest matches of the words were read; more specific words reach further back. "dates": only the newest articles under the section, author or dates were read; an earlier "to" date reaches further back. Null when nothing was left unsearched.',
  }),
  page: Type.Integer(),
  pages: Type.Integer({ description: `Pages of ${RESULTS_PER_PAGE} results (at most ${MAX_PAGE}).` }),
  results: Type.Array(
    Type.Object({
      article: Type.Ref('Article'),
      headlineHtml: Type.String({ description: 'The headline as escaped HTML, with the matched words in <mark>.' }),
      snippet: Type.String({ description: 'A passage of the body around the matched words, as plain text.' }),
      snippetHtml: Type.String({ description: 'The same passage as escaped HTML, with the matched words in <mark>.' }),
    }),
  ),
});

export function registerSearchApi(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/search',
    {
      config: { rateLimit: SEARCH_RATE_LIMIT },
      schema: {
        tags: ['search'],
        summary: 'Search published articles: best match first (or newest first), with marked snippets',
        querystring: SearchQuery,
        response: { 200: SearchJson, ...errors(400, 422, 429) },
      },
    },
    async (req) => {
      const q = req.query;
      const outcome = await searchPublicArticles(deps, { ...q, page: q.page });
      const ctx = { publicUrl: deps.config.publicUrl, settings: await currentSettings(deps), now: deps.clock.now() };
      return {
        query: q.q,
        total: outcome.total,
        more: outcome.more,
        olderUnsearched: outcome.olderUnsearched ?? null,
        page: outcome.page,
        pages: outcome.pages,
        results: outcome.results.map((r) => ({
          article: articleJson(r.article, ctx),
          headlineHtml: markedHtml(r.headline),
          snippet: plainText(r.snippet),
          snippetHtml: markedHtml(r.snippet),
        })),
      };
    },
  );
}
