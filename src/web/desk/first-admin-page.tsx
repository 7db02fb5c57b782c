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
  const { t, rich } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.firstAdmin.title')}
      error={error}
      fields={{ code: 'code', name: 'name', email: 'email', password: 'password' }}
    >
      <p>
        {rich('desk.firstAdmin.help', {
          logLine: 'First run',
          command: 'npx dateline setup-code',
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      <form method="post" action="/admin/setup" class="desk-form narrow">
        <input type="hidden" name="_token" value={token} />
        <Input
          id="code"
          label={t('desk.firstAdmin.code')}
          hint={t('desk.firstAdmin.codeHint', { example: 'ABCD-EFGH-JKMN-PQRS' })}
          autocomplete="off"
          spellcheck="false"
          required
          error={error}
        />
        <Input
          id="name"
          label={t('desk.firstAdmin.name')}
          autocomplete="name"
          required
          maxLength={120}
          value={values.name ?? ''}
          error={error}
        />
        <Input
          id="email"
          label={t('desk.firstAdmin.email')}
          type="email"
          autocomplete="username"
          required
          value={values.email ?? ''}
          error={error}
        />
        <Input
          id="password"
          label={t('desk.firstAdmin.password')}
          type="password"
          autocomplete="new-password"
          minLength={10}
          required
          error={error}
        />
        <p>
          <button type="submit">{t('desk.firstAdmin.button')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
