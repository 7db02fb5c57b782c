// People at the desk: forgotten passwords, password links (reset or invitation), and the staff list.
import { sendHtml } from '../../http/page-response.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { changeRole, findPasswordLink, inviteStaff, requestPasswordReset, usePasswordLink } from './password-links.ts';
import { listUsers } from './people.repository.ts';
import { authorize, ROLES } from '../permissions/index.ts';
import type { PageContext } from '../../http/page-context.ts';



/** Desk paths anyone may open: the link itself is the proof. */
export const PUBLIC_PEOPLE_PATHS = ['/admin/forgot', '/admin/password/:secret'];

export function registerPeoplePages(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const forgotPage = async (req: FastifyRequest, notice?: string) => renderDocument(
    <DeskLayout site={await ctx.site(req)} title="Forgot your password?" notice={notice}>
      <form method="post" action="/admin/forgot" class="desk-form narrow">
        <p>Give the email address of your account. If it has one, a link to choose a new password arrives within minutes.</p>
        <p class="field"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required /></p>
        <p><button type="submit">Send the link</button></p>
      </form>
      <p><a href="/admin/sign-in">Back to sign in</a></p>
    </DeskLayout>,
  );

  app.get('/forgot', async (req, reply) => sendHtml(reply, 200, await forgotPage(req)));
  app.post<{ Body: { email?: string } }>('/forgot', async (req, reply) => {
    await requestPasswordReset(deps, { email: String(req.body?.email ?? ''), ip: req.ip });
    return sendHtml(reply, 200, await forgotPage(req, 'If that address has an account, a link is on its way. It works once, within the hour.'));
  });

  const passwordPage = async (req: FastifyRequest, secret: string, error?: string) => {
    const link = await findPasswordLink(deps, secret);
    const site = await ctx.site(req);
    if (!link) {
      return { status: 410, body: renderDocument(
        <DeskLayout site={site} title="This link no longer works">
          <p>It has expired or was already used. <a href="/admin/forgot">Ask for a new one</a>.</p>
        </DeskLayout>,
      ) };
    }
    const title = link.purpose === 'invite' ? `Welcome, ${link.user.name}` : 'Choose a new password';
    return { status: error ? 422 : 200, body: renderDocument(
      <DeskLayout site={site} title={title} error={error}>
        <form method="post" action={`/admin/password/${encodeURIComponent(secret)}`} class="desk-form narrow">
          <p>For {link.user.email}.</p>
          <p class="field"><label for="password">New password (at least 10 characters)</label>
            <input id="password" name="password" type="password" autocomplete="new-password" minLength={10} required /></p>
          <p><button type="submit">Set password</button></p>
        </form>
      </DeskLayout>,
    ) };
  };

  app.get<{ Params: { secret: string } }>('/password/:secret', async (req, reply) => {
    const page = await passwordPage(req, req.params.secret);
    return sendHtml(reply, page.status, page.body);
  });
  app.post<{ Params: { secret: string }; Body: { password?: string } }>('/password/:secret', async (req, reply) => {
    try {
      await usePasswordLink(deps, { secret: req.params.secret, password: String(req.body?.password ?? ''), ip: req.ip });
      return reply.redirect('/admin/sign-in?done=password', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![410, 422].includes(error.status)) throw error;
      const page = await passwordPage(req, req.params.secret, error.message);
      return sendHtml(reply, page.status, page.body);
    }
  });

  const peoplePage = async (req: FastifyRequest, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'users.manage');
    const people = await listUsers(deps.db);
    return renderDocument(
      <DeskLayout site={await ctx.site(req)} title="People" session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <table class="desk-table">
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th></tr></thead>
          <tbody>
            {people.map((p) => (
              <tr>
                <td>{p.name}</td>
                <td>{p.email}</td>
                <td>
                  <form method="post" action={`/admin/people/${p.id}/role`} class="inline-form">
                    <FormToken token={req.deskToken} />
                    <label class="visually-hidden" for={`role-${p.id}`}>Role of {p.name}</label>
                    <select id={`role-${p.id}`} name="role">
                      {ROLES.map((r) => <option value={r} selected={p.role === r}>{r}</option>)}
                    </select>{' '}
                    <button type="submit" class="secondary">Change</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Invite someone</h2>
        <form method="post" action="/admin/people/invite" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="invite-name">Name</label><input id="invite-name" name="name" required maxLength={120} /></p>
          <p class="field"><label for="invite-email">Email</label><input id="invite-email" name="email" type="email" required /></p>
          <p class="field"><label for="invite-role">Role</label>
            <select id="invite-role" name="role">{ROLES.map((r) => <option value={r} selected={r === 'author'}>{r}</option>)}</select></p>
          <p><button type="submit">Send invitation</button></p>
        </form>
      </DeskLayout>,
    );
  };

  app.get<{ Querystring: { done?: string } }>('/people', async (req, reply) =>
    sendHtml(reply, 200, await peoplePage(req, req.query.done === 'invited' ? 'The invitation is on its way.' : req.query.done === 'role' ? 'The role was changed.' : undefined)));

  app.post<{ Body: { email?: string; name?: string; role?: string } }>('/people/invite', async (req, reply) => {
    try {
      await inviteStaff(deps, { staff: deskSession(req).staff, email: String(req.body?.email ?? ''), name: String(req.body?.name ?? ''), role: String(req.body?.role ?? ''), ip: req.ip });
      return reply.redirect('/admin/people?done=invited', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return sendHtml(reply, error.status, await peoplePage(req, undefined, error));
    }
  });

  app.post<{ Params: { id: string }; Body: { role?: string } }>('/people/:id/role', async (req, reply) => {
    const role = String(req.body?.role ?? '');
    try {
      if (!ROLES.includes(role as StaffRole)) throw new AppError(422, 'invalid_role', `The role must be one of ${ROLES.join(', ')}.`, 'role');
      await changeRole(deps, { staff: deskSession(req).staff, userId: req.params.id, role: role as StaffRole, ip: req.ip });
      return reply.redirect('/admin/people?done=role', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return sendHtml(reply, error.status, await peoplePage(req, undefined, error));
    }
  });
}
