// The desk's page of banned commenters: list them, ban by email and/or address or range, lift a ban.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { BansPage, type BanListForm } from '../../web/desk/ban-list.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { banCommenter, liftBan, listBans } from '../moderation/index.ts';

// A map, so a name like ?done=constructor shows no notice.
const NOTICES = new Map<string, MessageKey>([
  ['added', 'desk.bans.notice.added'],
  ['lifted', 'desk.bans.notice.lifted'],
]);

/** The ban form's fields; the service checks what an email, an address and a reason must be, with its own messages. */
export const BanFields = {
  email: Type.Optional(Type.String({ maxLength: 10_000, title: 'Email', labelKey: 'desk.moderation.email' })),
  ip: Type.Optional(
    Type.String({ maxLength: 10_000, title: 'IP address or range', labelKey: 'desk.moderation.ipOrRange' }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 10_000, title: 'Reason', labelKey: 'desk.moderation.reason' })),
};

const BanForm = Type.Object(BanFields);
const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerBanDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'comment.moderate' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status?: number; done?: string; error?: AppError; form?: Omit<BanListForm, 'message'> },
  ) => {
    const bans = await listBans(deps, { staff: deskSession(req).staff });
    const chrome = await ctx.desk(req);
    const { t } = chrome.i18n;
    const notice = NOTICES.get(view.done ?? '');
    // A ban that is gone is the one 404 here; its words are the page's, whatever the service said.
    const said = view.error && (view.error.status === 404 ? t('desk.bans.notFound') : chrome.i18n.error(view.error));
    const form = view.form && { ...view.form, message: said };
    return sendHtml(
      reply,
      view.status ?? 200,
      renderDocument(
        <BansPage
          chrome={chrome}
          bans={bans}
          form={form}
          notice={notice && t(notice)}
          error={form ? undefined : said}
        />,
      ),
    );
  };

  app.get('/moderation/bans', { schema: { querystring: Done }, attachValidation: true, config }, async (req, reply) =>
    page(req, reply, { done: queryOrDefaults(req).done }),
  );

  app.post('/moderation/bans', { schema: { body: BanForm }, ...FORM, config }, async (req, reply) => {
    const typed = { email: req.body.email ?? '', ip: req.body.ip ?? '', reason: req.body.reason ?? '' };
    try {
      assertForm(req);
      await banCommenter(deps, { staff: deskSession(req).staff, ...typed, from: req.ip });
      return reply.redirect('/admin/moderation/bans?done=added', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, error, form: { ...typed, field: error.field } });
    }
  });

  app.post('/moderation/bans/:id/lift', { schema: { params: Id, body: NoFields }, config }, async (req, reply) => {
    try {
      await liftBan(deps, { staff: deskSession(req).staff, id: req.params.id, from: req.ip });
      return reply.redirect('/admin/moderation/bans?done=lifted', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      return page(req, reply, { status: 404, error });
    }
  });
}
