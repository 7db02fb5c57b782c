// The pages behind "Forgot your password?" and the one-time password links (a reset, an invitation).
import type { PasswordLink } from '../../modules/people/index.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

export function ForgotPasswordPage({
  chrome,
  notice,
  error,
}: {
  chrome: DeskChrome;
  notice?: string;
  error?: FormProblem;
}) {
  const errors = fieldErrors(error);
  const { t } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.password.forgotTitle')}
      notice={notice}
      error={error}
      fields={{ email: 'email' }}
    >
      <form method="post" action="/admin/forgot" class="desk-form narrow">
        <p>{t('desk.password.forgotHelp')}</p>
        <p class="field">
          <label for="email">{t('desk.people.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required {...errors.control('email')} />
          {errors.message('email', { inline: true })}
        </p>
        <p>
          <button type="submit">{t('desk.password.sendLink')}</button>
        </p>
      </form>
      <p>
        <a href="/admin/sign-in">{t('desk.password.backToSignIn')}</a>
      </p>
    </DeskLayout>
  );
}

/** Where a link that has expired or was used leads. */
export function ExpiredLinkPage({ chrome }: { chrome: DeskChrome }) {
  const { i18n } = chrome;
  return (
    <DeskLayout chrome={chrome} title={i18n.t('desk.password.expiredTitle')}>
      <p>{i18n.rich('desk.password.expiredHelp', { a: (chunks) => <a href="/admin/forgot">{chunks}</a> })}</p>
    </DeskLayout>
  );
}

/** The form that sets a password through a link: a welcome for an invitation, a new password after a reset. */
export function SetPasswordPage({
  chrome,
  link,
  secret,
  error,
}: {
  chrome: DeskChrome;
  link: PasswordLink;
  secret: string;
  error?: FormProblem;
}) {
  const { t } = chrome.i18n;
  const title =
    link.purpose === 'invite' ? t('desk.password.welcome', { name: link.user.name }) : t('desk.password.chooseTitle');
  const errors = fieldErrors(error);
  return (
    <DeskLayout chrome={chrome} title={title} error={error} fields={{ password: 'password' }}>
      <form method="post" action={`/admin/password/${encodeURIComponent(secret)}`} class="desk-form narrow">
        <p>{t('desk.password.forEmail', { email: link.user.email })}</p>
        <p class="field">
          <label for="password">{t('desk.account.newPassword')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            minLength={10}
            required
            {...errors.control('password')}
          />
          {errors.message('password', { inline: true })}
        </p>
        <p>
          <button type="submit">{t('desk.password.set')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
