// Signing in and out of the desk.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { clearSessionCookie, deskSession, SESSION_COOKIE, setSessionCookie } from '../../http/desk-guard.ts';
import { assertForm, FORM, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { SignInPage } from '../../web/desk/sign-in-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { deskHome } from '../permissions/index.ts';
import { SESSION_DAYS, signIn, signOut } from './session.service.ts';

/** Only paths inside the desk may be a "next" target: never another site. Without one, each role goes to its own work. */
const safeNext = (next: unknown): string | undefined =>
  typeof next === 'string' && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : undefined;

const SignInQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

// Loose on purpose: whatever is sent is checked against the accounts, and a wrong guess is a 401, not a 422.
const SignInForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 1000, title: 'Email' })),
  password: Type.Optional(Type.String({ maxLength: 10_000, title: 'Password' })),
  next: Type.Optional(Type.String({ maxLength: 2000, title: 'Page after signing in' })),
});

/** What the sign-in page asks of modules above sessions: whether the site still waits for its first admin. */
export interface SessionDeskHooks {
  needsFirstAdmin(): Promise<boolean>;
}

export function registerSessionDesk(root: FastifyInstance, ctx: PageContext, hooks: SessionDeskHooks): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;

  app.get('/sign-in', { schema: { querystring: SignInQuery }, attachValidation: true }, async (req, reply) => {
    const query = queryOrDefaults(req);
    if (req.deskSession) return reply.redirect(safeNext(query.next) ?? deskHome(req.deskSession.staff), 303);
    const chrome = await ctx.deskSignedOut(req);
    const notice = query.done === 'password' ? chrome.i18n.t('desk.signIn.passwordSet') : undefined;
    const firstRun = await hooks.needsFirstAdmin();
    return sendHtml(
      reply,
      200,
      renderDocument(<SignInPage chrome={chrome} next={safeNext(query.next)} notice={notice} firstRun={firstRun} />),
    );
  });

  app.post('/sign-in', { schema: { body: SignInForm }, ...FORM }, async (req, reply) => {
    const body = req.body ?? {};
    try {
      assertForm(req);
      const signedIn = await signIn(deps, {
        email: body.email ?? '',
        password: body.password ?? '',
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, {
        token: signedIn.token,
        days: SESSION_DAYS,
        secure: deps.config.publicUrl.startsWith('https:'),
      });
      return reply.redirect(safeNext(body.next) ?? deskHome(signedIn.staff), 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![401, 422, 429].includes(error.status)) throw error;
      if (error.headers) reply.headers(error.headers);
      const chrome = await ctx.deskSignedOut(req);
      return sendHtml(
        reply,
        error.status,
        renderDocument(
          <SignInPage
            chrome={chrome}
            email={typeof body.email === 'string' ? body.email : ''}
            next={safeNext(body.next)}
            error={{ message: chrome.i18n.error(error), field: error.field }}
            firstRun={await hooks.needsFirstAdmin()}
          />,
        ),
      );
    }
  });

  app.post('/sign-out', { schema: { body: NoFields } }, async (req, reply) => {
    const session = deskSession(req);
    await signOut(deps, { token: req.cookies[SESSION_COOKIE] ?? '', staff: session.staff, ip: req.ip });
    clearSessionCookie(reply);
    return reply.redirect('/admin/sign-in', 303);
  });
}
