// One member of staff, as an admin sees them: their API tokens (revoke any), a password reset, removal from the desk.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { deskSession } from '../../http/desk-guard.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { ApiTokenTable } from '../../web/desk/api-token-table.tsx';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import type { SiteView } from '../../web/site.ts';
import { listApiTokens, revokeApiToken } from './api-tokens.ts';
import { resetStaffPassword } from './password-links.ts';
import { findUserById } from './people.repository.ts';
import { authorize } from './permissions.ts';
import { removeStaff } from './staff-access.ts';

interface Ctx {
  deps: Deps;
  site: (req: FastifyRequest) => Promise<SiteView>;
}

const NOTICES = new Map(Object.entries({
  token: 'The API token was revoked.',
  reset: 'Their password no longer works and their sessions ended. A link to choose a new one, valid for a day, is on its way to them.',
}));

export function registerPersonDesk(app: FastifyInstance, ctx: Ctx): void {
  const { deps } = ctx;

  const personPage = async (req: FastifyRequest, id: string, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'users.manage');
    const person = isId(id) ? await findUserById(deps.db, id) : undefined;
    if (!person) throw notFound('There is no such member of staff.');
    const [tokens, site] = await Promise.all([listApiTokens(deps, { userId: person.id }), ctx.site(req)]);
    const self = person.id === session.staff.id;
    return renderDocument(
      <DeskLayout site={site} title={person.name} session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <p><a href="/admin/people">← All people</a></p>
        <p>{person.email} · role: <strong>{person.role}</strong>{person.removed_at ? ' · removed from the desk' : ''}</p>
        <h2>API tokens</h2>
        <ApiTokenTable site={site} token={req.deskToken} tokens={tokens} revokeUrl={(t) => `/admin/people/${person.id}/tokens/${t}/revoke`}
          empty="No API tokens." />
        {!person.removed_at && !self && (
          <>
            <h2>Reset the password</h2>
            <form method="post" action={`/admin/people/${person.id}/reset-password`} class="desk-form narrow">
              <FormToken token={req.deskToken} />
              <p>For a forgotten password or an account you fear is in the wrong hands: the current password stops
                working, every session ends, older password links stop working, and {person.name} gets a link by
                mail to choose a new one.</p>
              <p><button type="submit" class="secondary">Reset the password</button></p>
            </form>
            <div class="danger-zone">
              <h2>Remove from the desk</h2>
              <form method="post" action={`/admin/people/${person.id}/remove`} class="desk-form narrow">
                <FormToken token={req.deskToken} />
                <p>For someone who left the newsroom: they are signed out and can no longer sign in; their API
                  tokens and password links are revoked. Their bylines and author page stay. Invite them again to
                  bring them back.</p>
                <p><button type="submit" class="danger">Remove {person.name} from the desk</button></p>
              </form>
            </div>
          </>
        )}
      </DeskLayout>,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/people/:id', async (req, reply) =>
    sendHtml(reply, 200, await personPage(req, req.params.id, NOTICES.get(req.query.done ?? ''))));

  app.post<{ Params: { id: string; tokenId: string } }>('/people/:id/tokens/:tokenId/revoke', async (req, reply) => {
    const { staff } = deskSession(req);
    authorize(staff, 'users.manage');
    await revokeApiToken(deps, { actor: { staff }, id: req.params.tokenId, ownerId: req.params.id, ip: req.ip });
    return reply.redirect(`/admin/people/${req.params.id}?done=token`, 303);
  });

  app.post<{ Params: { id: string } }>('/people/:id/reset-password', async (req, reply) => {
    try {
      await resetStaffPassword(deps, { staff: deskSession(req).staff, userId: req.params.id, ip: req.ip });
      return reply.redirect(`/admin/people/${req.params.id}?done=reset`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return sendHtml(reply, 409, await personPage(req, req.params.id, undefined, error));
    }
  });

  app.post<{ Params: { id: string } }>('/people/:id/remove', async (req, reply) => {
    try {
      await removeStaff(deps, { staff: deskSession(req).staff, userId: req.params.id, ip: req.ip });
      return reply.redirect('/admin/people?done=removed', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return sendHtml(reply, 409, await personPage(req, req.params.id, undefined, error));
    }
  });
}
