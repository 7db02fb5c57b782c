// JSON endpoints for articles: public reading, staff writing.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { staffGuard, staffOf } from '../../http/staff-auth.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { findUserBySlug } from '../people/index.ts';
import { findSectionBySlug, findTagBySlug } from '../sections/index.ts';
import { currentSettings } from '../settings/index.ts';
import { articleJson, savedArticleJson } from './article.presenter.ts';
import {
  ArticleListJson,
  CreateArticleBody,
  ListQuery,
  SavedArticleJson,
  UpdateArticleBody,
} from './article.schema.ts';
import {
  checkArticleEditRight,
  createArticle,
  deleteArticle,
  findPublicArticle,
  listPublicArticles,
  trashArticle,
  updateArticle,
} from './article.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerArticleApi(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const context = async () => ({
    publicUrl: deps.config.publicUrl,
    settings: await currentSettings(deps),
    now: deps.clock.now(),
  });

  app.get(
    '/api/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'List published articles, newest first',
        querystring: ListQuery,
        response: { 200: ArticleListJson, ...errors(400, 422) },
      },
    },
    async (req) => {
      const q = req.query;
      const lookup = async <T>(
        field: string,
        value: string | undefined,
        find: (s: string) => Promise<T | undefined>,
      ) => {
        if (value === undefined) return undefined;
        const found = await find(value);
        if (!found) throw invalid(field, `unknown_${field}`, `There is no ${field} with the slug "${value}".`);
        return found;
      };
      const section = await lookup('section', q.section, (s) => findSectionBySlug(deps.db, s));
      const tag = await lookup('tag', q.tag, (s) => findTagBySlug(deps.db, s));
      const author = await lookup('author', q.author, (s) => findUserBySlug(deps.db, s));
      const list = await listPublicArticles(deps, {
        sectionId: section?.id,
        tagId: tag?.id,
        authorId: author?.id,
        page: q.page,
        limit: q.limit,
      });
      const ctx = await context();
      return { ...list, articles: list.articles.map((a) => articleJson(a, ctx)) };
    },
  );

  app.get(
    '/api/articles/:slug',
    {
      schema: {
        tags: ['articles'],
        summary: 'One published article by its slug (an old slug answers 301 to the new one)',
        params: SlugParams,
        response: { 200: Type.Ref('Article'), ...errors(404) },
      },
    },
    async (req, reply) => {
      const found = await findPublicArticle(deps, req.params.slug);
      if (!found) throw notFound('There is no published article with that slug.');
      if ('redirectTo' in found) return reply.redirect(`/api/articles/${encodeURIComponent(found.redirectTo)}`, 301);
      return articleJson(found.article, await context());
    },
  );

  const staffSchema = { security: bearerSecurity, tags: ['articles (staff)'] };

  app.post(
    '/api/articles',
    {
      onRequest: staffGuard('article.create'),
      schema: {
        ...staffSchema,
        summary: 'Write an article (publishing or scheduling it needs a role that may publish)',
        description:
          'Images given by an https:// address (in the body or as the featured image) are copied into the media library and the article points at the copies; see `warnings` for any that could not be.',
        body: CreateArticleBody,
        response: { 201: SavedArticleJson, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const article = await createArticle(deps, { staff: staffOf(req), article: req.body });
      return reply
        .code(201)
        .header('location', `/api/articles/${article.slug}`)
        .send(savedArticleJson(article, await context()));
    },
  );

  app.patch(
    '/api/articles/:id',
    {
      // Whether this person may edit this article is known from the address alone: answered before the body is read.
      onRequest: staffGuard((staff, req) =>
        checkArticleEditRight(deps, { staff, id: (req.params as { id: string }).id }),
      ),
      schema: {
        ...staffSchema,
        summary: 'Change, publish, schedule or unpublish an article; open or close its discussion',
        description:
          'Images given by an https:// address are copied into the media library, as when writing; see `warnings`.',
        params: IdParams,
        body: UpdateArticleBody,
        response: { 200: SavedArticleJson, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const article = await updateArticle(deps, { staff: staffOf(req), id: req.params.id, changes: req.body });
      return savedArticleJson(article, await context());
    },
  );

  app.delete(
    '/api/articles/:id',
    {
      onRequest: staffGuard('article.delete'),
      schema: {
        ...staffSchema,
        summary:
          'Move an article to the trash; with ?permanent=true, delete one already in the trash for good, with its discussion',
        description:
          'Editors and admins only. Without `permanent`, the article leaves the site and waits in the trash with its discussion ' +
          '(409 `already_in_trash` if it is there already). With `permanent=true`, an article in the trash is deleted with every comment ' +
          'and revision; any other article answers 409 `not_in_trash`.',
        params: IdParams,
        querystring: Type.Object(
          {
            permanent: Type.Boolean({
              default: false,
              description: 'Delete for good instead of moving to the trash (only from the trash).',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const input = { staff: staffOf(req), id: req.params.id };
      if (req.query.permanent) await deleteArticle(deps, input);
      else await trashArticle(deps, input);
      return reply.code(204).send(null);
    },
  );
}
