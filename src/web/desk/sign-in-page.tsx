// Signing in to the desk.
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  /** The email typed, kept after a refused sign-in. */
  email?: string;
  /** Where to go after signing in (a desk path); without one, each role goes to its own work. */
  next?: string;
  notice?: string;
  /** A refused sign-in (no field: which of the two was wrong is not said), or a field the form's schema refused. */
  error?: FormProblem;
  /** No admin can sign in yet: offer the first run. */
  firstRun?: boolean;
}

export function SignInPage({ chrome, email, next, notice, error, firstRun }: Props) {
  const errors = fieldErrors(error);
  const { t, rich } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.signIn.title')}
      error={error}
      fields={{ email: 'email', password: 'password' }}
      notice={notice}
    >
      {firstRun && (
        <section class="first-run" aria-labelledby="first-run">
          <h2 id="first-run">{t('desk.signIn.newSite')}</h2>
          <p>{rich('desk.signIn.firstRun', { a: (chunks) => <a href="/admin/setup">{chunks}</a> })}</p>
        </section>
      )}
      <form method="post" action="/admin/sign-in" class="desk-form narrow">
        {next && <input type="hidden" name="next" value={next} />}
        <p class="field">
          <label for="email">{t('desk.people.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email ?? ''}
            {...errors.control('email')}
          />
          {errors.message('email', { inline: true })}
        </p>
        <p class="field">
          <label for="password">{t('desk.signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            {...errors.control('password')}
          />
          {errors.message('password', { inline: true })}
        </p>
        <p>
          <button type="submit">{t('desk.signIn.button')}</button>
        </p>
      </form>
      <p>
        <a href="/admin/forgot">{t('desk.password.forgotTitle')}</a>
      </p>
    </DeskLayout>
  );
}
