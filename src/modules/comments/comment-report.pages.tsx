// The plain-HTML way to report a comment: a Report link on each comment leads here, so it works without
// JavaScript while the cached article page stays the same bytes for every reader.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { assertForm, FORM, one, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { AppError } from '../../platform/errors.ts';
import { commentReportPath } from '../../platform/paths.ts';
import { renderDocument } from '../../web/layout.tsx';
import { ReportPage } from '../../web/pages/report-page.tsx';
import { findReportableComment, reportComment } from './comment.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 1000 }) });
const SentQuery = Type.Object({ sent: Type.Optional(Type.String({ maxLength: 10 })) });
// The reason's rules (required, its length) are the service's, with its messages.
const ReportForm = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 100_000, title: 'Reason', labelKey: 'fields.reason' })),
});

export function registerCommentReportPages(
  root: FastifyInstance,
  ctx: PageContext,
  rateLimit: preHandlerAsyncHookHandler | undefined,
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  // A hand-edited query shows the page as it opens.
  const reportPage = { schema: { params: Id, querystring: SentQuery }, attachValidation: true } as const;
  app.get('/comments/:id/report', reportPage, async (req, reply) => {
    const { comment, article } = await findReportableComment(deps, req.params.id);
    const sent = queryOrDefaults(req).sent !== undefined;
    const page = renderDocument(
      <ReportPage site={await ctx.siteIn(req, article.language)} comment={comment} article={article} sent={sent} />,
    );
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(page);
  });

  app.post(
    '/comments/:id/report',
    { onRequest: rateLimit ? [rateLimit] : [], schema: { params: Id, body: ReportForm }, ...FORM },
    async (req, reply) => {
      const reason = one(req.body?.reason);
      try {
        assertForm(req);
        await reportComment(deps, { id: req.params.id, reason, ip: req.ip });
        return reply.redirect(`${commentReportPath(req.params.id)}?sent=1`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        const { comment, article } = await findReportableComment(deps, req.params.id);
        const site = await ctx.siteIn(req, article.language);
        const page = renderDocument(
          <ReportPage
            site={site}
            comment={comment}
            article={article}
            reason={reason}
            error={{ message: site.i18n.error(error), field: error.field }}
          />,
        );
        return reply.code(422).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page);
      }
    },
  );
}
