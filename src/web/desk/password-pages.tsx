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
  return (
    <DeskLayout chrome={chrome} title="Forgot your password?" notice={notice} error={error} fields={{ email: 'email' }}>
      <form method="post" action="/admin/forgot" class="desk-form narrow">
        <p>
          Give the email address of your account. If it has one, a link to choose a new password arrives within minutes.
        </p>
        <p class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required {...errors.control('email')} />
          {errors.message('email', { inline: true })}
        </p>
        <p>
          <button type="submit">Send the link</button>
        </p>
      </form>
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </DeskLayout>
  );
}

/** Where a link that has expired or was used leads. */
export function ExpiredLinkPage({ chrome }: { chrome: DeskChrome }) {
  return (
    <DeskLayout chrome={chrome} title="This link no longer works">
      <p>
        It has expired or was already used. <a href="/admin/forgot">Ask for a new one</a>.
      </p>
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
  const title = link.purpose === 'invite' ? `Welcome, ${link.user.name}` : 'Choose a new password';
  const errors = fieldErrors(error);
  return (
    <DeskLayout chrome={chrome} title={title} error={error} fields={{ password: 'password' }}>
      <form method="post" action={`/admin/password/${encodeURIComponent(secret)}`} class="desk-form narrow">
        <p>For {link.user.email}.</p>
        <p class="field">
          <label for="password">New password (at least 10 characters)</label>
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
          <button type="submit">Set password</button>
        </p>
      </form>
    </DeskLayout>
  );
}
