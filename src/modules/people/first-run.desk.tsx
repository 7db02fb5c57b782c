// First run at the desk: /admin/setup makes the first admin account while none can sign in, then is gone.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { setSessionCookie } from '../../http/desk-guard.ts';
import { assertForm, FORM, one, type PageContext } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { FirstAdminPage } from '../../web/desk/first-admin-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { deskHome } from '../permissions/index.ts';
import { SESSION_DAYS, signIn } from '../sessions/index.ts';
import { createFirstAdmin, needsFirstAdmin } from './first-run.service.ts';

/** The setup page is open to anyone: its code is the proof. */
export const PUBLIC_SETUP_PATHS = ['/admin/setup'];

// Nobody is signed in, so the form's token is the twin of a cookie only this site can set (double submit),
// on top of the same-site check every POST gets.
const FORM_COOKIE = 'dl_setup_form';
const text = (title: string, maxLength = 10_000) => Type.Optional(Type.String({ maxLength, title }));
const SetupForm = Type.Object({
  _token: text('Form token', 200),
  code: text('Setup code', 200),
  name: text('Name', 1000),
  email: text('Email', 1000),
  password: text('Password'),
});

const sameToken = (a: string, b: string) =>
  a.length === b.length && a !== '' && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function registerFirstRunDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; values?: { name?: string; email?: string }; error?: AppError },
  ) => {
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(FORM_COOKIE, token, {
      path: '/admin/setup',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.publicUrl.startsWith('https:'),
    });
    const chrome = await ctx.deskSignedOut(req);
    const error = view.error && { message: chrome.i18n.error(view.error), field: view.error.field };
    return sendHtml(
      reply,
      view.status,
      renderDocument(<FirstAdminPage chrome={chrome} token={token} values={view.values} error={error} />),
    );
  };

  app.get('/setup', async (req, reply) => {
    if (!(await needsFirstAdmin(deps))) return reply.redirect('/admin/sign-in', 303);
    return page(req, reply, { status: 200 });
  });

  app.post('/setup', { schema: { body: SetupForm }, ...FORM }, async (req, reply) => {
    // Read as typed (one()): a form that failed its schema is shown again with what was typed.
    const body = req.body ?? {};
    if (!sameToken(one(body._token), req.cookies[FORM_COOKIE] ?? '')) {
      throw new AppError(
        403,
        'bad_form_token',
        'This form is out of date or came from elsewhere. Reload the page and try again.',
      );
    }
    const values = { name: one(body.name), email: one(body.email) };
    try {
      assertForm(req);
      const staff = await createFirstAdmin(deps, {
        code: one(body.code),
        name: values.name,
        email: values.email,
        password: one(body.password),
        ip: req.ip,
      });
      // Signed in at once, through the same door as every later sign-in (audited, counted).
      const signedIn = await signIn(deps, {
        email: staff.email,
        password: one(body.password),
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      reply.clearCookie(FORM_COOKIE, { path: '/admin/setup' });
      setSessionCookie(reply, {
        token: signedIn.token,
        days: SESSION_DAYS,
        secure: deps.config.publicUrl.startsWith('https:'),
      });
      return reply.redirect(deskHome(signedIn.staff), 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422, 429].includes(error.status)) throw error;
      if (error.headers) reply.headers(error.headers);
      return page(req, reply, { status: error.status === 409 ? 422 : error.status, values, error });
    }
  });
}
