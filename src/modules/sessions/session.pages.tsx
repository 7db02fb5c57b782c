// Signing in and out of the desk, and the account page (password, sessions elsewhere).
import { sendHtml } from '../../http/page-response.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clearSessionCookie, deskSession, setSessionCookie } from '../../http/desk-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { listMedia } from '../media/index.ts';
import { setModerationDigest, updateProfile } from '../people/index.ts';
import { authorize, can } from '../permissions/index.ts';
import { changePassword, SESSION_DAYS, signIn, signOut, signOutEverywhere } from './session.service.ts';
import type { PageContext } from '../../http/page-context.ts';


/** Only paths inside the desk may be a "next" target: never another site. */
const safeNext = (next: unknown): string => (typeof next === 'string' && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin/articles');


export function registerSessionPages(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const signInPage = async (req: FastifyRequest, values: { email?: string; next?: string; done?: string }, error?: string) =>
    renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Sign in" error={error}
        notice={values.done === 'password' ? 'Your password is set. Sign in with it.' : undefined}>
        <form method="post" action="/admin/sign-in" class="desk-form narrow">
          <input type="hidden" name="next" value={safeNext(values.next)} />
          <p class="field"><label for="email">Email</label>
            <input id="email" name="email" type="email" autocomplete="username" required value={values.email ?? ''} /></p>
          <p class="field"><label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required /></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        <p><a href="/admin/forgot">Forgot your password?</a></p>
      </DeskLayout>,
    );

  app.get<{ Querystring: { next?: string; done?: string } }>('/sign-in', async (req, reply) => {
    if (req.deskSession) return reply.redirect(safeNext(req.query.next), 303);
    return sendHtml(reply, 200, await signInPage(req, { next: req.query.next, done: req.query.done }));
  });

  app.post<{ Body: { email?: string; password?: string; next?: string } }>('/sign-in', async (req, reply) => {
    const body = req.body ?? {};
    try {
      const signedIn = await signIn(deps, {
        email: String(body.email ?? ''), password: String(body.password ?? ''), ip: req.ip, userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, { token: signedIn.token, days: SESSION_DAYS, secure: deps.config.publicUrl.startsWith('https:') });
      return reply.redirect(safeNext(body.next), 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 429)) throw error;
      if (error.headers) reply.headers(error.headers);
      return sendHtml(reply, error.status, await signInPage(req, { email: String(body.email ?? ''), next: body.next }, error.message));
    }
  });

  app.post('/sign-out', async (req, reply) => {
    const session = deskSession(req);
    await signOut(deps, { token: req.cookies.dl_session ?? '', staff: session.staff, ip: req.ip });
    clearSessionCookie(reply);
    return reply.redirect('/admin/sign-in', 303);
  });

  const accountPage = async (req: FastifyRequest, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    const [profile, media] = await Promise.all([
      deps.db.selectFrom('users').select(['name', 'bio', 'photo_url', 'moderation_digest']).where('id', '=', session.staff.id).executeTakeFirst(),
      listMedia(deps, { limit: 50, offset: 0 }),
    ]);
    return renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Your account" session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <p>{session.staff.name} · {session.staff.email} · role: <strong>{session.staff.role}</strong></p>
        <h2>Your author page</h2>
        <form method="post" action="/admin/account/profile" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="profile-name">Name on bylines</label><input id="profile-name" name="name" required maxLength={120} value={profile?.name ?? ''} /></p>
          <p class="field"><label for="profile-bio">Bio</label><textarea id="profile-bio" name="bio" rows={4} maxLength={2000}>{profile?.bio ?? ''}</textarea></p>
          <p class="field"><label for="profile-photo">Portrait (from the media library)</label>
            <select id="profile-photo" name="photoUrl">
              <option value="">(none)</option>
              {media.map((m) => <option value={m.url} selected={profile?.photo_url === m.url}>{`${m.caption || m.originalName} (${m.width}×${m.height})`}</option>)}
            </select></p>
          <p><button type="submit">Save profile</button></p>
        </form>
        {can(session.staff, 'comment.moderate') && (
          <>
            <h2>Mail</h2>
            <form method="post" action="/admin/account/notifications" class="desk-form narrow">
              <FormToken token={req.deskToken} />
              <p class="field">
                <input id="moderation-digest" name="moderationDigest" type="checkbox" value="1" checked={Number(profile?.moderation_digest ?? 1) === 1} />{' '}
                <label class="check" for="moderation-digest">Email me a digest of comments waiting for moderation</label>
              </p>
              <p><button type="submit">Save mail settings</button></p>
            </form>
          </>
        )}
        <h2>Change your password</h2>
        <form method="post" action="/admin/account/password" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="current">Current password</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required /></p>
          <p class="field"><label for="next">New password (at least 10 characters)</label>
            <input id="next" name="next" type="password" autocomplete="new-password" minLength={10} required /></p>
          <p><button type="submit">Change password</button></p>
        </form>
        <h2>Sessions</h2>
        <form method="post" action="/admin/account/sign-out-everywhere" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p>Signed in on a computer you no longer use, or lost a phone? End every session but this one.</p>
          <p><button type="submit">Sign out everywhere else</button></p>
        </form>
      </DeskLayout>,
    );
  };

  app.get<{ Querystring: { done?: string } }>('/account', async (req, reply) =>
    sendHtml(reply, 200, await accountPage(req, req.query.done === 'password' ? 'Your password was changed. Other sessions were signed out.'
      : req.query.done === 'everywhere' ? 'Every other session was signed out.'
        : req.query.done === 'profile' ? 'Your profile was saved.'
          : req.query.done === 'notifications' ? 'Your mail settings were saved.' : undefined)));

  app.post<{ Body: { moderationDigest?: string } }>('/account/notifications', async (req, reply) => {
    const { staff } = deskSession(req);
    authorize(staff, 'comment.moderate');
    // An unticked box sends nothing: absent means off.
    await setModerationDigest(deps, { userId: staff.id, on: req.body?.moderationDigest === '1' });
    return reply.redirect('/admin/account?done=notifications', 303);
  });

  app.post<{ Body: { name?: string; bio?: string; photoUrl?: string } }>('/account/profile', async (req, reply) => {
    try {
      await updateProfile(deps, {
        staff: deskSession(req).staff, name: String(req.body?.name ?? ''), bio: String(req.body?.bio ?? ''), photoUrl: String(req.body?.photoUrl ?? ''), ip: req.ip,
      });
      return reply.redirect('/admin/account?done=profile', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendHtml(reply, 422, await accountPage(req, undefined, error));
    }
  });

  app.post<{ Body: { current?: string; next?: string } }>('/account/password', async (req, reply) => {
    try {
      await changePassword(deps, { session: deskSession(req), current: String(req.body?.current ?? ''), next: String(req.body?.next ?? ''), ip: req.ip });
      return reply.redirect('/admin/account?done=password', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendHtml(reply, 422, await accountPage(req, undefined, error));
    }
  });

  app.post('/account/sign-out-everywhere', async (req, reply) => {
    await signOutEverywhere(deps, { session: deskSession(req), ip: req.ip });
    return reply.redirect('/admin/account?done=everywhere', 303);
  });
}
