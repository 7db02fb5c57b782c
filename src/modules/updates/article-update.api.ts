// JSON endpoints for updates and corrections: anyone reads an article's; editors record and remove them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { staffGuard, staffOf } from '../../http/staff-auth.ts';
import { notFound } from '../../platform/errors.ts';
import { findPublicArticle } from '../articles/index.ts';
import type { ArticleUpdate } from './article-update.ts';
import { ArticleUpdateListJson, RecordUpdateBody } from './article-update.schema.ts';
import { listArticleUpdates, recordArticleUpdate, removeArticleUpdate } from './article-update.service.ts';

export { ArticleUpdateJson } from './article-update.schema.ts';

const updateJson = (u: ArticleUpdate) => ({
  id: u.id,
  kind: u.kind,
  note: u.note,
  createdAt: u.createdAt.toISOString(),
});

export function registerArticleUpdateApi(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/articles/:slug/updates',
    {
      schema: {
        tags: ['articles'],
        summary: 'The updates and corrections of a published article, newest first',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ArticleUpdateListJson, ...errors(404) },
      },
    },
    async (req, reply) => {
      const found = await findPublicArticle(deps, req.params.slug);
      if (!found) throw notFound('There is no published article with that slug.');
      if ('redirectTo' in found)
        return reply.redirect(`/api/articles/${encodeURIComponent(found.redirectTo)}/updates`, 301);
      return { updates: (await listArticleUpdates(deps, found.article.id)).map(updateJson) };
    },
  );

  const staffSchema = { security: bearerSecurity, tags: ['articles (staff)'] };
  const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

  app.post(
    '/api/articles/:id/updates',
    {
      onRequest: staffGuard('article.correct'),
      schema: {
        ...staffSchema,
        summary: 'Record an update or a correction on a published article (editors); readers see it at once',
        params: IdParams,
        body: RecordUpdateBody,
        response: { 201: Type.Ref('ArticleUpdate'), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const update = await recordArticleUpdate(deps, {
        staff: staffOf(req),
        articleId: req.params.id,
        kind: req.body.kind,
        note: req.body.note,
        ip: req.ip,
      });
      return reply.code(201).send(updateJson(update));
    },
  );

  app.delete(
    '/api/articles/:id/updates/:updateId',
    {
      onRequest: staffGuard('article.correct'),
      schema: {
        ...staffSchema,
        summary: 'Remove an update or correction recorded by mistake (editors; audited with its text)',
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          updateId: Type.String({ minLength: 1, maxLength: 64 }),
        }),
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeArticleUpdate(deps, {
        staff: staffOf(req),
        articleId: req.params.id,
        updateId: req.params.updateId,
        ip: req.ip,
      });
      return reply.code(204).send(null);
    },
  );
}
