// People at the desk: forgotten passwords and password links (reset, invitation), the staff list (admins), and each
// person's own account (profile, mail, password, sessions).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { AccountPage } from '../../web/desk/account-page.tsx';
import { ExpiredLinkPage, ForgotPasswordPage, SetPasswordPage } from '../../web/desk/password-pages.tsx';
import { PeoplePage } from '../../web/desk/people-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { can, ROLES } from '../permissions/index.ts';
import { changePassword, getAccount, signOutEverywhere } from './account.service.ts';
import { revokeApiToken } from './api-token.service.ts';
import { findPasswordLink, inviteStaff, requestPasswordReset, usePasswordLink } from './password-link.service.ts';
import { setDeskLanguage, setModerationDigest, updateProfile } from './people.service.ts';
import { changeRole, listPeople } from './staff-access.service.ts';

/** Desk paths anyone may open: the link itself is the proof. */
export const PUBLIC_PEOPLE_PATHS = ['/admin/forgot', '/admin/password/:secret'];

const text = (title: string, maxLength = 10_000) => Type.String({ maxLength, title });
const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });
const Secret = Type.Object({ secret: Type.String({ maxLength: 200 }) });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ForgotForm = Type.Object({ email: Type.Optional(text('Email', 1000)) });
const PasswordForm = Type.Object({ password: Type.Optional(text('New password')) });
const InviteForm = Type.Object({ name: text('Name', 1000), email: text('Email', 1000), role: text('Role', 100) });
const RoleForm = Type.Object({
  role: Type.Union(
    ROLES.map((r) => Type.Literal(r)),
    { title: 'Role', errorMessage: `The role must be one of ${ROLES.join(', ')}.` },
  ),
});
const ProfileForm = Type.Object({
  name: text('Name on bylines'),
  bio: text('Bio', 100_000),
  photoUrl: text('Portrait', 2000),
});
const ChangePasswordForm = Type.Object({ current: text('Current password'), next: text('New password') });
// An unticked box sends nothing: absent means off.
const DigestForm = Type.Object({
  moderationDigest: Type.Optional(Type.Literal('1', { title: 'Digest of comments waiting' })),
});
// Unticked (absent): keep the API tokens.
const EverywhereForm = Type.Union([
  Type.Object({ revokeTokens: Type.Optional(Type.Literal('1', { title: 'Also revoke my API tokens' })) }),
  Type.Null(),
]);
const TokenId = Type.Object({ id: Type.String({ maxLength: 64 }) });
const LanguageForm = Type.Object({ language: text('Language', 35) });

// Maps, so a name like ?done=constructor shows no notice.
const PEOPLE_NOTICES = new Map<string, MessageKey>(
  Object.entries({
    invited: 'desk.people.notice.invited',
    role: 'desk.people.notice.role',
    removed: 'desk.people.notice.removed',
  } as const),
);
const ACCOUNT_NOTICES = new Map<string, MessageKey>(
  Object.entries({
    password: 'desk.account.notice.password',
    everywhere: 'desk.account.notice.everywhere',
    'everywhere-tokens': 'desk.account.notice.everywhereTokens',
    token: 'desk.account.notice.token',
    profile: 'desk.account.notice.profile',
    notifications: 'desk.account.notice.notifications',
    language: 'desk.account.notice.language',
  } as const),
);

/** What the account page must tell modules above people when a byline changes (search indexes bylines). */
export interface PeopleDeskHooks {
  bylineChanged(userId: string): Promise<void>;
}

export function registerPeopleDesk(root: FastifyInstance, ctx: PageContext, hooks: PeopleDeskHooks): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  // The password pages are for people who are not signed in: no desk menu.
  const outside = (req: FastifyRequest) => ctx.deskSignedOut(req);

  app.get('/forgot', async (req, reply) =>
    sendHtml(reply, 200, renderDocument(<ForgotPasswordPage chrome={await outside(req)} />)),
  );
  app.post('/forgot', { schema: { body: ForgotForm }, ...FORM }, async (req, reply) => {
    try {
      assertForm(req);
      await requestPasswordReset(deps, {
        email: req.body.email ?? '',
        ip: req.ip,
        siteLanguage: (await ctx.site(req)).settings.language,
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const chrome = await outside(req);
      const problem = { message: chrome.i18n.error(error), field: error.field };
      return sendHtml(reply, 422, renderDocument(<ForgotPasswordPage chrome={chrome} error={problem} />));
    }
    const chrome = await outside(req);
    const notice = chrome.i18n.t('desk.password.linkSent');
    return sendHtml(reply, 200, renderDocument(<ForgotPasswordPage chrome={chrome} notice={notice} />));
  });

  const passwordPage = async (req: FastifyRequest, reply: FastifyReply, view: { secret: string; error?: AppError }) => {
    const link = await findPasswordLink(deps, view.secret);
    const chrome = await outside(req);
    if (!link) return sendHtml(reply, 410, renderDocument(<ExpiredLinkPage chrome={chrome} />));
    const error = view.error && { message: chrome.i18n.error(view.error), field: view.error.field };
    return sendHtml(
      reply,
      view.error ? 422 : 200,
      renderDocument(<SetPasswordPage chrome={chrome} link={link} secret={view.secret} error={error} />),
    );
  };

  app.get('/password/:secret', { schema: { params: Secret } }, async (req, reply) =>
    passwordPage(req, reply, { secret: req.params.secret }),
  );
  app.post('/password/:secret', { schema: { params: Secret, body: PasswordForm }, ...FORM }, async (req, reply) => {
    try {
      assertForm(req);
      await usePasswordLink(deps, { secret: req.params.secret, password: req.body.password ?? '', ip: req.ip });
      return reply.redirect('/admin/sign-in?done=password', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![410, 422].includes(error.status)) throw error;
      return passwordPage(req, reply, { secret: req.params.secret, error });
    }
  });

  const admins = { permission: 'users.manage' } as const;

  const peoplePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; notice?: MessageKey; error?: { problem: AppError; form: string } },
  ) => {
    const people = await listPeople(deps, { staff: deskSession(req).staff });
    const chrome = await ctx.desk(req);
    const { problem, form } = view.error ?? {};
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <PeoplePage
          chrome={chrome}
          people={people}
          roles={ROLES}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={problem && { message: chrome.i18n.error(problem), field: problem.field, form }}
        />,
      ),
    );
  };

  /** A form of the people page: the change, then the list saying so, or the list again with why not. */
  const peopleForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    change: { form: string; run: () => Promise<string> },
  ) => {
    const { form, run } = change;
    try {
      assertForm(req);
      return reply.redirect(`/admin/people?done=${await run()}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return peoplePage(req, reply, {
        status: error.status,
        error: { problem: error, form },
      });
    }
  };

  app.get('/people', { schema: { querystring: Done }, attachValidation: true, config: admins }, async (req, reply) =>
    peoplePage(req, reply, { status: 200, notice: PEOPLE_NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post('/people/invite', { schema: { body: InviteForm }, ...FORM, config: admins }, async (req, reply) =>
    peopleForm(req, reply, {
      form: 'invite',
      run: async () => {
        await inviteStaff(deps, {
          staff: deskSession(req).staff,
          email: req.body.email,
          name: req.body.name,
          role: req.body.role,
          ip: req.ip,
          siteLanguage: (await ctx.site(req)).settings.language,
        });
        return 'invited';
      },
    }),
  );

  app.post(
    '/people/:id/role',
    { schema: { params: Id, body: RoleForm }, ...FORM, config: admins },
    async (req, reply) =>
      peopleForm(req, reply, {
        form: `role:${req.params.id}`,
        run: async () => {
          await changeRole(deps, {
            staff: deskSession(req).staff,
            userId: req.params.id,
            role: req.body.role,
            ip: req.ip,
          });
          return 'role';
        },
      }),
  );

  const accountPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; notice?: MessageKey; error?: AppError },
  ) => {
    const { staff } = deskSession(req);
    const account = await getAccount(deps, { staff });
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <AccountPage
          chrome={chrome}
          me={staff}
          account={account}
          moderates={can(staff, 'comment.moderate')}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={view.error && { message: chrome.i18n.error(view.error), field: view.error.field }}
        />,
      ),
    );
  };

  /** A form of the account page: the change, then the page saying so, or the page again with why not. */
  const accountForm = async (req: FastifyRequest, reply: FastifyReply, run: () => Promise<string>) => {
    try {
      assertForm(req);
      return reply.redirect(`/admin/account?done=${await run()}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return accountPage(req, reply, { status: 422, error });
    }
  };

  app.get('/account', { schema: { querystring: Done }, attachValidation: true }, async (req, reply) =>
    accountPage(req, reply, { status: 200, notice: ACCOUNT_NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post(
    '/account/notifications',
    { schema: { body: DigestForm }, ...FORM, config: { permission: 'comment.moderate' } },
    async (req, reply) =>
      accountForm(req, reply, async () => {
        await setModerationDigest(deps, { userId: deskSession(req).staff.id, on: req.body.moderationDigest === '1' });
        return 'notifications';
      }),
  );

  app.post('/account/profile', { schema: { body: ProfileForm }, ...FORM }, async (req, reply) =>
    accountForm(req, reply, async () => {
      const { staff } = deskSession(req);
      await updateProfile(deps, {
        staff,
        name: req.body.name,
        bio: req.body.bio,
        photoUrl: req.body.photoUrl,
        ip: req.ip,
      });
      await hooks.bylineChanged(staff.id);
      return 'profile';
    }),
  );

  app.post('/account/language', { schema: { body: LanguageForm }, ...FORM }, async (req, reply) =>
    accountForm(req, reply, async () => {
      await setDeskLanguage(deps, { staff: deskSession(req).staff, language: req.body.language, ip: req.ip });
      return 'language';
    }),
  );

  app.post('/account/password', { schema: { body: ChangePasswordForm }, ...FORM }, async (req, reply) =>
    accountForm(req, reply, async () => {
      await changePassword(deps, {
        session: deskSession(req),
        current: req.body.current,
        next: req.body.next,
        ip: req.ip,
      });
      return 'password';
    }),
  );

  app.post('/account/sign-out-everywhere', { schema: { body: EverywhereForm }, ...FORM }, async (req, reply) =>
    accountForm(req, reply, async () => {
      const revokeTokens = req.body?.revokeTokens === '1';
      await signOutEverywhere(deps, { session: deskSession(req), revokeTokens, ip: req.ip });
      return revokeTokens ? 'everywhere-tokens' : 'everywhere';
    }),
  );

  app.post('/account/tokens/:id/revoke', { schema: { params: TokenId, body: NoFields } }, async (req, reply) => {
    const { staff } = deskSession(req);
    await revokeApiToken(deps, { actor: { staff }, id: req.params.id, ownerId: staff.id, ip: req.ip });
    return reply.redirect('/admin/account?done=token', 303);
  });
}
