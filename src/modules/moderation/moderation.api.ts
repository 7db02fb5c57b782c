// Staff JSON endpoints for banned commenters: list, ban, lift.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { staffGuard, staffOf } from '../../http/staff-auth.ts';
import { BanBody, BanJson } from './moderation.schema.ts';
import { banCommenter, liftBan, listBans, type CommenterBan } from './moderation.service.ts';

const banJson = (b: CommenterBan) => ({
  id: b.id,
  email: b.email,
  ip: b.ip,
  reason: b.reason,
  createdAt: b.createdAt.toISOString(),
});

export function registerModerationApi(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['moderation (staff)'];

  app.get(
    '/api/commenter-bans',
    {
      onRequest: staffGuard('comment.moderate'),
      schema: {
        tags,
        summary: 'Banned commenters, newest first',
        security: bearerSecurity,
        response: { 200: Type.Array(BanJson), ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      return reply
        .header('cache-control', 'no-store')
        .send((await listBans(deps, { staff: staffOf(req) })).map(banJson));
    },
  );

  app.post(
    '/api/commenter-bans',
    {
      onRequest: staffGuard('comment.moderate'),
      schema: {
        tags,
        summary:
          'Ban a commenter by email, by IP address or range, or both; their posts are refused with 403 commenter_banned',
        security: bearerSecurity,
        body: BanBody,
        response: { 201: BanJson, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      return reply
        .code(201)
        .send(banJson(await banCommenter(deps, { staff: staffOf(req), ...req.body, from: req.ip })));
    },
  );

  app.delete(
    '/api/commenter-bans/:id',
    {
      onRequest: staffGuard('comment.moderate'),
      schema: {
        tags,
        summary: 'Lift a ban',
        security: bearerSecurity,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await liftBan(deps, { staff: staffOf(req), id: req.params.id, from: req.ip });
      return reply.code(204).send(null);
    },
  );
}
