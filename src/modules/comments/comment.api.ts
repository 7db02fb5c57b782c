// JSON endpoints for the discussion: reading and posting (public), moderating (staff).
import type { preHandlerAsyncHookHandler, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { isDiscussionOpen } from '../articles/index.ts';
import { getSettings } from '../settings/index.ts';
import { commentJson, postedCommentJson } from './comment.presenter.ts';
import { DiscussionJson, ModerateCommentBody, PostCommentBody, PostedCommentJson } from './comment.schema.ts';
import { getDiscussionBySlug, moderateComment, postComment } from './comment.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export function registerCommentApi(root: FastifyInstance, deps: Deps, rateLimit: preHandlerAsyncHookHandler | undefined): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/articles/:slug/comments', {
    schema: {
      tags: ['discussion'], summary: 'The approved comments of a published article, threaded',
      params: SlugParams,
      response: { 200: DiscussionJson, ...errors(404) },
    },
  }, async (req) => {
    const { article, comments } = await getDiscussionBySlug(deps, req.params.slug);
    const settings = await getSettings(deps);
    return {
      commentCount: article.commentCount,
      discussionOpen: isDiscussionOpen(article, settings, deps.clock.now()),
      comments: comments.map(commentJson),
    };
  });

  app.post('/api/articles/:slug/comments', {
    onRequest: rateLimit ? [rateLimit] : [],
    schema: {
      tags: ['discussion'], summary: 'Post a comment or a reply (parentId); refused with 403 discussion_closed when comments are closed',
      params: SlugParams, body: PostCommentBody,
      response: { 201: PostedCommentJson, ...errors(400, 403, 404, 422, 429) },
    },
  }, async (req, reply) => {
    const comment = await postComment(deps, {
      slug: req.params.slug, ...req.body, parentId: req.body.parentId ?? undefined,
      ip: req.ip, userAgent: req.headers['user-agent'] ?? '',
    });
    return reply.code(201).send(postedCommentJson(comment));
  });

  app.patch('/api/comments/:id', {
    schema: {
      tags: ['discussion (staff)'], summary: 'Approve a comment, or mark it as spam, pending or trash',
      security: bearerSecurity,
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }), body: ModerateCommentBody,
      response: { 200: PostedCommentJson, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const staff = await requireStaff(deps, req);
    return postedCommentJson(await moderateComment(deps, { staff, id: req.params.id, status: req.body.status }));
  });
}
