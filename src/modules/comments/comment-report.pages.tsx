// The plain-HTML way to report a comment: a Report link on each comment leads here, so it works without
// JavaScript while the cached article page stays the same bytes for every reader.
import type { preHandlerAsyncHookHandler, FastifyInstance } from 'fastify';
import { one, type PageContext } from '../../http/page-context.ts';
import { AppError } from '../../platform/errors.ts';
import { renderDocument } from '../../web/layout.tsx';
import { ReportPage } from '../../web/pages/report-page.tsx';
import { commentReportPath } from '../../web/site.ts';
import { findReportableComment, reportComment } from './comment.service.ts';

type Req = { Params: { id: string }; Querystring: { sent?: string }; Body: { reason?: unknown } };

export function registerCommentReportPages(app: FastifyInstance, ctx: PageContext, rateLimit: preHandlerAsyncHookHandler | undefined): void {
  const { deps } = ctx;

  app.get<Req>('/comments/:id/report', { schema: { hide: true } as object }, async (req, reply) => {
    const { comment, article } = await findReportableComment(deps, req.params.id);
    const page = renderDocument(<ReportPage site={await ctx.site(req)} comment={comment} article={article} sent={req.query.sent !== undefined} />);
    return reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(page);
  });

  app.post<Req>('/comments/:id/report', { onRequest: rateLimit ? [rateLimit] : [], schema: { hide: true } as object }, async (req, reply) => {
    const reason = one(req.body?.reason);
    try {
      await reportComment(deps, { id: req.params.id, reason, ip: req.ip });
      return reply.redirect(`${commentReportPath(req.params.id)}?sent=1`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const { comment, article } = await findReportableComment(deps, req.params.id);
      const page = renderDocument(<ReportPage site={await ctx.site(req)} comment={comment} article={article} reason={reason} error={error.message} />);
      return reply.code(422).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page);
    }
  });
}
