// The desk's revision history: who changed what and when, a word-level comparison, and restore.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { RevisionsPage } from '../../web/desk/revisions-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { loadRevisionHistory, restoreRevision } from './revision-history.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const RevisionId = Type.Object({ id: Type.String({ maxLength: 64 }), revisionId: Type.String({ maxLength: 64 }) });
const HistoryQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 64 })),
  to: Type.Optional(Type.String({ maxLength: 64 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

export function registerRevisionDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  app.get(
    '/articles/:id/revisions',
    { schema: { params: Id, querystring: HistoryQuery }, attachValidation: true },
    async (req, reply) => {
      const query = queryOrDefaults(req);
      const history = await loadRevisionHistory(deps, {
        staff: deskSession(req).staff,
        id: req.params.id,
        from: query.from,
        to: query.to,
      });
      const chrome = await ctx.desk(req);
      const notice = query.done === 'restored' ? chrome.i18n.t('desk.notice.revisionRestored') : undefined;
      return sendHtml(reply, 200, renderDocument(<RevisionsPage chrome={chrome} history={history} notice={notice} />));
    },
  );

  app.post(
    '/articles/:id/revisions/:revisionId/restore',
    { schema: { params: RevisionId, body: NoFields } },
    async (req, reply) => {
      const article = await restoreRevision(deps, {
        staff: deskSession(req).staff,
        id: req.params.id,
        revisionId: req.params.revisionId,
      });
      return reply.redirect(`/admin/articles/${article.id}/revisions?done=restored`, 303);
    },
  );
}
