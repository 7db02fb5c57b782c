// The staff list (admins): each person's role, and the invitation form.
import type { StaffListEntry } from '../../modules/people/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { type FieldIds, fieldErrors, type FormProblem, problemOf } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  people: StaffListEntry[];
  /** The roles a person can have, in the order offered. */
  roles: readonly StaffRole[];
  notice?: string;
  /** Why a form was refused; its `form` says which (`invite`, `role:<id>`). */
  error?: FormProblem;
}

export function PeoplePage({ chrome, people, roles, notice, error }: Props) {
  const invite = fieldErrors(problemOf(error, 'invite'), 'invite-');
  const roleOf = error?.form?.startsWith('role:') ? error.form.slice(5) : undefined;
  const fields: FieldIds = roleOf
    ? { role: `role-${roleOf}` }
    : { name: 'invite-name', email: 'invite-email', role: 'invite-role' };
  const { t } = chrome.i18n;
  const roleName = (role: string) => t('desk.roles.name', { role });
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.people.title')}
      notice={notice}
      error={error}
      fields={error?.form ? fields : {}}
    >
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">{t('desk.people.name')}</th>
            <th scope="col">{t('desk.people.email')}</th>
            <th scope="col">{t('desk.people.role')}</th>
            <th scope="col">{t('desk.account.tokens')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr>
              <td>
                <a href={`/admin/people/${p.id}`}>{p.name}</a>
              </td>
              <td>{p.email}</td>
              <td>
                {p.removed ? (
                  <em>{t('desk.people.removed')}</em>
                ) : (
                  <form method="post" action={`/admin/people/${p.id}/role`} class="inline-form">
                    <FormToken token={chrome.token} />
                    <label class="visually-hidden" for={`role-${p.id}`}>
                      {t('desk.people.roleOf', { name: p.name })}
                    </label>
                    <select
                      id={`role-${p.id}`}
                      name="role"
                      {...fieldErrors(problemOf(error, `role:${p.id}`), `${p.id}-`).control('role')}
                    >
                      {roles.map((r) => (
                        <option value={r} selected={p.role === r}>
                          {roleName(r)}
                        </option>
                      ))}
                    </select>
                    {fieldErrors(problemOf(error, `role:${p.id}`), `${p.id}-`).message('role', { inline: true })}{' '}
                    <button type="submit" class="secondary">
                      {t('desk.people.change')}
                    </button>
                  </form>
                )}
              </td>
              <td>{chrome.i18n.number(p.tokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('desk.people.invite')}</h2>
      <form method="post" action="/admin/people/invite" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="invite-name">{t('desk.people.name')}</label>
          <input id="invite-name" name="name" required maxLength={120} {...invite.control('name')} />
          {invite.message('name', { inline: true })}
        </p>
        <p class="field">
          <label for="invite-email">{t('desk.people.email')}</label>
          <input id="invite-email" name="email" type="email" required {...invite.control('email')} />
          {invite.message('email', { inline: true })}
        </p>
        <p class="field">
          <label for="invite-role">{t('desk.people.role')}</label>
          <select id="invite-role" name="role" {...invite.control('role')}>
            {roles.map((r) => (
              <option value={r} selected={r === 'author'}>
                {roleName(r)}
              </option>
            ))}
          </select>
          {invite.message('role', { inline: true })}
        </p>
        <p>
          <button type="submit">{t('desk.people.sendInvitation')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
