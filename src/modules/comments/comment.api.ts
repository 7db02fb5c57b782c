// JSON endpoints for the discussion: reading, posting and reporting (public), moderating (staff).
import type { preHandlerAsyncHookHandler, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { staffGuard, staffOf } from '../../http/staff-auth.ts';
import { unauthorized } from '../../platform/errors.ts';
import { isDiscussionOpen } from '../articles/index.ts';
import { currentSettings, getSettings } from '../settings/index.ts';
import { commentJson, moderatedCommentJson, postedCommentJson } from './comment.presenter.ts';
import { assertCommenterTokenSent, deleteOwnComment, editCommentText, editOwnComment } from './comment-edit.service.ts';
import {
  COMMENT_TOKEN_HEADER,
  commenterTokenFor,
  sentCommenterToken,
  sentIdempotencyKey,
  setCommenterCookie,
} from './commenter-token.ts';
import { IDEMPOTENCY_HEADER } from './comment-idempotency.ts';
import {
  DiscussionJson,
  EditCommentBody,
  ModerateCommentBody,
  ModeratedCommentJson,
  PostCommentBody,
  PostedCommentJson,
  ReportCommentBody,
  ReportReceivedJson,
} from './comment.schema.ts';
import {
  getCommentForModeration,
  getDiscussionBySlug,
  moderateComment,
  postComment,
  reportComment,
} from './comment.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const PosterHeaders = Type.Object({
  [COMMENT_TOKEN_HEADER]: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'The commentToken its poster got back when posting (browsers send the cookie instead).',
    }),
  ),
});

const PostHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: "A key of the client's own (a UUID) sent again with a retried post: the post is stored once.",
    }),
  ),
});

export const REPORT_RECEIVED = 'Thank you. A moderator will look at this comment.';

export function registerCommentApi(
  root: FastifyInstance,
  deps: Deps,
  rateLimit: preHandlerAsyncHookHandler | undefined,
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/articles/:slug/comments',
    {
      schema: {
        tags: ['discussion'],
        summary: 'The approved comments of a published article, threaded',
        params: SlugParams,
        response: { 200: DiscussionJson, ...errors(404) },
      },
    },
    async (req) => {
      const { article, comments } = await getDiscussionBySlug(deps, req.params.slug);
      const settings = await currentSettings(deps);
      return {
        commentCount: article.commentCount,
        discussionOpen: isDiscussionOpen(article, settings, deps.clock.now()),
        comments: comments.map(commentJson),
      };
    },
  );

  app.post(
    '/api/articles/:slug/comments',
    {
      onRequest: rateLimit ? [rateLimit] : [],
      schema: {
        tags: ['discussion'],
        summary:
          'Post a comment or a reply (parentId). The moderation rules decide its status (approved, or pending when it waits ' +
          'for a moderator). Refused with 403 discussion_closed or commenter_banned, 429 comment_flood (with Retry-After) when the ' +
          'same reader posts again too soon, and 409 duplicate_comment when it repeats their recent comment. With an ' +
          'Idempotency-Key header, the same post sent again within a day (a retry after a lost answer) gets the first ' +
          'answer back, with Idempotent-Replayed: true, and is stored once; the key sent with another comment is 422 ' +
          'idempotency_key_reused. Refusals that store nothing (flood, ban, rate limit) are not kept: a retry is judged again.',
        params: SlugParams,
        body: PostCommentBody,
        headers: PostHeaders,
        response: { 201: PostedCommentJson, ...errors(400, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const idempotencyKey = sentIdempotencyKey(req);
      const owner = await commenterTokenFor(deps, req, idempotencyKey);
      const comment = await postComment(deps, {
        slug: req.params.slug,
        ...req.body,
        parentId: req.body.parentId ?? undefined,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        authorKeyHash: owner.keyHash,
        idempotencyKey,
      });
      setCommenterCookie(deps, reply, owner);
      if (comment.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(postedCommentJson(comment, { token: owner.token, editableUntil: comment.editableUntil }));
    },
  );

  app.post(
    '/api/comments/:id/reports',
    {
      onRequest: rateLimit ? [rateLimit] : [],
      schema: {
        tags: ['discussion'],
        summary:
          'Report an approved comment to the moderators, once per reader; reports from several readers hold it for review',
        params: IdParams,
        body: ReportCommentBody,
        response: { 201: ReportReceivedJson, ...errors(400, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      await reportComment(deps, { id: req.params.id, reason: req.body.reason, ip: req.ip });
      return reply.code(201).send({ commentId: req.params.id, message: REPORT_RECEIVED });
    },
  );

  app.get(
    '/api/comments/:id',
    {
      onRequest: staffGuard('comment.moderate'),
      schema: {
        tags: ['discussion (staff)'],
        summary: 'A comment with its email, address, reports, and why it has had each of its statuses',
        security: bearerSecurity,
        params: IdParams,
        response: { 200: ModeratedCommentJson, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const comment = await getCommentForModeration(deps, { staff: staffOf(req), id: req.params.id });
      // The reasons in the language the client asks for (Accept-Language) when the site speaks it, else the site's.
      const settings = await getSettings(deps);
      const asked = deps.translations.asked(req.headers['accept-language']);
      const i18n = deps.translations.for(asked ?? settings.language, settings.timeZone);
      return reply
        .header('cache-control', 'no-store')
        .header('vary', 'accept-language')
        .header('content-language', i18n.language)
        .send(moderatedCommentJson(comment, i18n));
    },
  );

  app.patch(
    '/api/comments/:id',
    {
      // Staff (with a bearer token) are checked before the body is read; a poster, before it is validated.
      onRequest: staffGuard('comment.moderate', { orAnonymous: true }),
      preValidation: async (req) => {
        if (req.staff) return;
        if (req.body && typeof req.body === 'object' && 'status' in req.body)
          throw unauthorized(
            'Deciding a comment\'s status needs a staff API token: send "Authorization: Bearer <token>".',
          );
        assertCommenterTokenSent(sentCommenterToken(req));
      },
      schema: {
        tags: ['discussion'],
        summary:
          'Staff: approve a comment or mark it as spam, pending or trash ({status}), or correct its text ({body}). Its poster: ' +
          'change its text ({body}) with the X-Comment-Token header (or the cookie) within the edit window; after it, 403 ' +
          "comment_edit_window_expired; another browser's or a made-up token, 403 comment_token_invalid. The moderation rules on " +
          'the words run again: an edited comment may be held (status pending). The earlier text is kept.',
        security: [...bearerSecurity, {}],
        params: IdParams,
        headers: PosterHeaders,
        body: Type.Union([ModerateCommentBody, EditCommentBody]),
        response: { 200: PostedCommentJson, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const body = req.body;
      if ('status' in body)
        return postedCommentJson(
          await moderateComment(deps, { staff: staffOf(req), id: req.params.id, status: body.status }),
        );
      if (req.staff)
        return postedCommentJson(
          await editCommentText(deps, { staff: req.staff, id: req.params.id, body: body.body, ip: req.ip }),
        );
      const edited = await editOwnComment(deps, { id: req.params.id, token: sentCommenterToken(req), body: body.body });
      return postedCommentJson(edited, { editableUntil: edited.editableUntil });
    },
  );

  app.delete(
    '/api/comments/:id',
    {
      schema: {
        tags: ['discussion'],
        summary:
          'Its poster deletes a comment within the edit window, with the X-Comment-Token header (or the cookie); 403 ' +
          'comment_edit_window_expired after it. Staff move comments to the trash with PATCH {status: "trash"}.',
        params: IdParams,
        headers: PosterHeaders,
        response: {
          204: Type.Null({ description: 'Deleted: it left the discussion and its count.' }),
          ...errors(403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      await deleteOwnComment(deps, { id: req.params.id, token: sentCommenterToken(req) });
      return reply.code(204).header('cache-control', 'no-store').send(null);
    },
  );
}
