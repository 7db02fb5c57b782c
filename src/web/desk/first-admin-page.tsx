// First run: the form that makes the site's first admin account, guarded by the setup code from the server's log.
import type { AppError } from '../../platform/errors.ts';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  /** The form's own token (a cookie's twin: nobody is signed in yet). */
  token: string;
  values?: { name?: string; email?: string };
  error?: Pick<AppError, 'message' | 'field'>;
}

/** One labelled input; the message beside it when the form was refused for it. */
function Input({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string; error?: Props['error'] } & Record<string, unknown>) {
  const failed = error?.field === id;
  const describedBy = [hint && `${id}-hint`, failed && `${id}-error`].filter(Boolean).join(' ');
  return (
    <p class={`field${failed ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        {...input}
        {...(failed ? { 'aria-invalid': 'true' } : {})}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {failed && (
        <span class="field-error" id={`${id}-error`}>
          {error.message}
        </span>
      )}
    </p>
  );
}

export function FirstAdminPage({ chrome, token, values = {}, error }: Props) {
  return (
    <DeskLayout
      chrome={chrome}
      title="Create the first admin account"
      error={error}
      fields={{ code: 'code', name: 'name', email: 'email', password: 'password' }}
    >
      <p>
        This site has no admin yet. The setup code is in the server's log from its start (a line beginning "First run");{' '}
        <code>npx dateline setup-code</code> prints a new one. It works once.
      </p>
      <form method="post" action="/admin/setup" class="desk-form narrow">
        <input type="hidden" name="_token" value={token} />
        <Input
          id="code"
          label="Setup code"
          hint="Sixteen letters and digits, such as ABCD-EFGH-JKMN-PQRS"
          autocomplete="off"
          spellcheck="false"
          required
          error={error}
        />
        <Input
          id="name"
          label="Your name (as on bylines)"
          autocomplete="name"
          required
          maxLength={120}
          value={values.name ?? ''}
          error={error}
        />
        <Input
          id="email"
          label="Email (you sign in with it)"
          type="email"
          autocomplete="username"
          required
          value={values.email ?? ''}
          error={error}
        />
        <Input
          id="password"
          label="Password (at least 10 characters)"
          type="password"
          autocomplete="new-password"
          minLength={10}
          required
          error={error}
        />
        <p>
          <button type="submit">Create the admin account</button>
        </p>
      </form>
    </DeskLayout>
  );
}
