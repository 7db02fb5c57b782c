// One member of staff at the desk, as an admin sees them: their API tokens (revoke any), a password reset,
// removal from the desk.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { PersonPage } from '../../web/desk/person-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { revokeApiToken } from './api-token.service.ts';
import { resetStaffPassword } from './password-link.service.ts';
import { getPerson, removeStaff } from './staff-access.service.ts';

// Maps, so a name like ?done=constructor shows no notice.
const NOTICES = new Map<string, MessageKey>(
  Object.entries({ token: 'desk.account.notice.token', reset: 'desk.person.notice.reset' } as const),
);

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const TokenIds = Type.Object({ id: Type.String({ maxLength: 64 }), tokenId: Type.String({ maxLength: 64 }) });
const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

export function registerPersonDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'users.manage' } as const;

  const personPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { id: string; status: number; notice?: MessageKey; error?: AppError },
  ) => {
    const person = await getPerson(deps, { staff: deskSession(req).staff, id: view.id });
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <PersonPage
          chrome={chrome}
          person={person}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={view.error && chrome.i18n.error(view.error)}
        />,
      ),
    );
  };

  /** A form of the person page: the change, then where it leads, or the page again with why not. */
  const personForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    person: { id: string; run: () => Promise<string> },
  ) => {
    try {
      return reply.redirect(await person.run(), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return personPage(req, reply, { id: person.id, status: 409, error });
    }
  };

  app.get(
    '/people/:id',
    { schema: { params: Id, querystring: Done }, attachValidation: true, config },
    async (req, reply) =>
      personPage(req, reply, { id: req.params.id, status: 200, notice: NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post(
    '/people/:id/tokens/:tokenId/revoke',
    { schema: { params: TokenIds, body: NoFields }, config },
    async (req, reply) => {
      await revokeApiToken(deps, {
        actor: { staff: deskSession(req).staff },
        id: req.params.tokenId,
        ownerId: req.params.id,
        ip: req.ip,
      });
      return reply.redirect(`/admin/people/${req.params.id}?done=token`, 303);
    },
  );

  app.post('/people/:id/reset-password', { schema: { params: Id, body: NoFields }, config }, async (req, reply) =>
    personForm(req, reply, {
      id: req.params.id,
      run: async () => {
        await resetStaffPassword(deps, {
          staff: deskSession(req).staff,
          userId: req.params.id,
          ip: req.ip,
          siteLanguage: (await ctx.site(req)).settings.language,
        });
        return `/admin/people/${req.params.id}?done=reset`;
      },
    }),
  );

  app.post('/people/:id/remove', { schema: { params: Id, body: NoFields }, config }, async (req, reply) =>
    personForm(req, reply, {
      id: req.params.id,
      run: async () => {
        await removeStaff(deps, { staff: deskSession(req).staff, userId: req.params.id, ip: req.ip });
        return '/admin/people?done=removed';
      },
    }),
  );
}
