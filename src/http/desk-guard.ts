// The desk (/admin) is for signed-in staff only: a server-side session in an httpOnly, SameSite cookie,
// plus a per-session token in every form (on top of the same-site check every POST already gets).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Action, Staff } from '../modules/permissions/index.ts';
import type { Session } from '../modules/sessions/index.ts';
import { AppError } from '../platform/errors.ts';
import { sha256 } from '../platform/ids.ts';

export const SESSION_COOKIE = 'dl_session';

declare module 'fastify' {
  interface FastifyRequest {
    deskSession?: Session;
    deskToken?: string;
  }
  interface FastifyContextConfig {
    /** The right a desk route needs: checked as soon as the session is known, before the request body is read. */
    permission?: Action;
  }
}

/** Gives the browser its session: httpOnly, SameSite=Lax, only for /admin, and Secure on an https site. */
export function setSessionCookie(reply: FastifyReply, session: { token: string; days: number; secure: boolean }): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax',
    secure: session.secure,
    maxAge: session.days * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
}

/** The token a desk form must send back: derived from the session's secret, so another site cannot know it. */
export const formToken = (sessionToken: string): string => sha256(`form:${sessionToken}`).slice(0, 40);

/** The signed-in staff member of a desk request (the guard has run). */
export function deskSession(req: FastifyRequest): Session {
  if (!req.deskSession)
    throw new AppError({
      status: 401,
      code: 'unauthorized',
      message: 'Sign in to use the desk.',
      values: { kind: 'desk' },
    });
  return req.deskSession;
}

export interface DeskGuardOptions {
  /** The live session behind a cookie's token (the sessions module's, handed in by app.ts). */
  findSession(token: string): Promise<Session | undefined>;
  /** Throws 403 unless the staff member's role grants the right (the permissions module's, handed in by app.ts). */
  authorize(staff: Staff, action: Action): void;
  /** Routes anyone may open (sign-in, password links): the guard still reads their session, if any. */
  publicPaths: string[];
}

/** Guards every route registered inside `app` (an encapsulated /admin plugin), except the public ones given. */
export function installDeskGuard(app: FastifyInstance, options: DeskGuardOptions): void {
  const { findSession, authorize, publicPaths } = options;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await findSession(token) : undefined;
    if (session && token) {
      req.deskSession = session;
      req.deskToken = formToken(token);
    }
    if (publicPaths.includes(req.routeOptions.url ?? '')) return;
    if (!session) {
      if (req.method === 'GET') {
        return reply.redirect(`/admin/sign-in?next=${encodeURIComponent(req.url)}`, 303);
      }
      throw new AppError({
        status: 401,
        code: 'unauthorized',
        message: 'Your session has ended. Sign in again; what you typed was not saved.',
        values: { kind: 'ended' },
      });
    }
    const permission = req.routeOptions.config?.permission;
    if (permission) authorize(session.staff, permission);
  });
  // Before the body is validated: a form from elsewhere is refused whatever it holds.
  app.addHook('preValidation', async (req) => {
    if (req.method !== 'POST' || publicPaths.includes(req.routeOptions.url ?? '')) return;
    // A multipart form (uploads) gives each field as a part with a value.
    const raw = (req.body as { _token?: unknown } | undefined)?._token;
    const sent = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
    if (typeof sent !== 'string' || sent !== req.deskToken) {
      throw new AppError(
        403,
        'bad_form_token',
        'This form is out of date or came from elsewhere. Reload the page and try again.',
      );
    }
  });
}
