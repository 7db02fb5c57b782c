// The desk's page of banned commenters: list them, ban by email and/or address or range, lift a ban.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { BanList, type BanListForm } from '../../web/desk/ban-list.tsx';
import { DeskLayout } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { authorize } from '../permissions/index.ts';
import { banCommenter, liftBan, listBans } from '../moderation/index.ts';
import { one, type PageContext } from '../../http/page-context.ts';


type Fields = Record<string, string | string[] | undefined>;

const NOTICES: Record<string, string> = {
  added: 'Banned: their posts are refused from now on.',
  lifted: 'Ban lifted: they may comment again.',
};

export function registerBanDesk(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const page = async (req: FastifyRequest, reply: FastifyReply, view: { status?: number; notice?: string; error?: string; form?: BanListForm }) => {
    const session = deskSession(req);
    const [site, bans] = await Promise.all([ctx.site(req), listBans(deps, { staff: session.staff })]);
    return sendHtml(reply, view.status ?? 200, renderDocument(
      <DeskLayout site={site} title="Banned commenters" session={session} token={req.deskToken} notice={view.notice} error={view.error}>
        <BanList site={site} token={req.deskToken} bans={bans} form={view.form} />
      </DeskLayout>,
    ));
  };

  app.get<{ Querystring: { done?: string } }>('/moderation/bans', async (req, reply) =>
    page(req, reply, { notice: NOTICES[req.query.done ?? ''] }));

  app.post<{ Body: Fields }>('/moderation/bans', async (req, reply) => {
    const { staff } = deskSession(req);
    authorize(staff, 'comment.moderate');
    const body = req.body ?? {};
    const typed = { email: one(body.email), ip: one(body.ip), reason: one(body.reason) };
    try {
      await banCommenter(deps, { staff, ...typed, from: req.ip });
      return reply.redirect('/admin/moderation/bans?done=added', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, error: error.message, form: { ...typed, field: error.field, message: error.message } });
    }
  });

  app.post<{ Params: { id: string } }>('/moderation/bans/:id/lift', async (req, reply) => {
    const { staff } = deskSession(req);
    authorize(staff, 'comment.moderate');
    try {
      await liftBan(deps, { staff, id: req.params.id, from: req.ip });
      return reply.redirect('/admin/moderation/bans?done=lifted', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      return page(req, reply, { status: 404, error: error.message });
    }
  });
}
