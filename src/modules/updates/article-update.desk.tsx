// The desk's updates and corrections of an article: record one (without JavaScript), or take one back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { deskSession } from '../../http/desk-guard.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { ArticleUpdatesForm } from '../../web/desk/article-updates-form.tsx';
import { DeskLayout } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import type { SiteView } from '../../web/site.ts';
import { findArticleForStaff } from '../articles/index.ts';
import { authorize } from '../people/index.ts';
import { isUpdateKind, NOTE_MAX } from './article-update.ts';
import { listArticleUpdates, recordArticleUpdate, removeArticleUpdate } from './article-update.service.ts';

interface Ctx {
  deps: Deps;
  site: (req: FastifyRequest) => Promise<SiteView>;
}

type Params = { Params: { id: string } };

const NOTICES: Record<string, string> = { update: 'Update recorded: readers see it on the article now.', correction: 'Correction recorded: readers see it on the article now.', removed: 'Removed.' };

export function registerArticleUpdateDesk(app: FastifyInstance, ctx: Ctx): void {
  const { deps } = ctx;

  const page = async (req: FastifyRequest<Params>, reply: FastifyReply, status: number, options: { values?: { kind: string; note: string }; notice?: string; error?: AppError } = {}) => {
    const session = deskSession(req);
    authorize(session.staff, 'article.correct');
    const article = isId(req.params.id) ? await findArticleForStaff(deps, req.params.id) : undefined;
    if (!article) throw notFound('There is no article with that id.');
    const [site, updates] = await Promise.all([ctx.site(req), listArticleUpdates(deps, article.id)]);
    return sendHtml(reply, status, renderDocument(
      <DeskLayout site={site} title={`Updates and corrections: ${article.headline}`} session={session} token={req.deskToken} notice={options.notice} error={options.error?.message}>
        <ArticleUpdatesForm site={site} article={{ id: article.id, slug: article.slug, headline: article.headline, published: article.status === 'published' }}
          updates={updates} token={req.deskToken} values={options.values ?? { kind: 'update', note: '' }} field={options.error?.field} noteMax={NOTE_MAX} />
      </DeskLayout>,
    ));
  };

  app.get<Params & { Querystring: { done?: string } }>('/articles/:id/updates', async (req, reply) =>
    page(req, reply, 200, { notice: NOTICES[req.query.done ?? ''] }));

  app.post<Params & { Body: { kind?: string; note?: string } }>('/articles/:id/updates', async (req, reply) => {
    const staff = deskSession(req).staff;
    authorize(staff, 'article.correct');
    const values = { kind: String(req.body?.kind ?? ''), note: String(req.body?.note ?? '') };
    try {
      if (!isUpdateKind(values.kind)) throw new AppError(422, 'invalid_kind', 'Choose whether this is an update or a correction.', 'kind');
      await recordArticleUpdate(deps, { staff, articleId: req.params.id, kind: values.kind, note: values.note, ip: req.ip });
      return reply.redirect(`/admin/articles/${req.params.id}/updates?done=${values.kind}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return page(req, reply, error.status, { values, error });
    }
  });

  app.post<{ Params: { id: string; updateId: string } }>('/articles/:id/updates/:updateId/delete', async (req, reply) => {
    await removeArticleUpdate(deps, { staff: deskSession(req).staff, articleId: req.params.id, updateId: req.params.updateId, ip: req.ip });
    return reply.redirect(`/admin/articles/${req.params.id}/updates?done=removed`, 303);
  });
}
