// The audit log page at the desk (admins).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AuditLogPage } from '../../web/desk/audit-log-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { readAuditLog } from './audit.service.ts';

const AuditQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 99_999 })) });

export function registerAuditDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/audit',
    { schema: { querystring: AuditQuery }, attachValidation: true, config: { permission: 'users.manage' } },
    async (req, reply) => {
      const log = await readAuditLog(ctx.deps, { staff: deskSession(req).staff, page: queryOrDefaults(req).page ?? 1 });
      return sendHtml(reply, 200, renderDocument(<AuditLogPage chrome={await ctx.desk(req)} log={log} />));
    },
  );
}
