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
  return (
    <DeskLayout chrome={chrome} title="People" notice={notice} error={error} fields={error?.form ? fields : {}}>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">API tokens</th>
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
                  <em>removed from the desk</em>
                ) : (
                  <form method="post" action={`/admin/people/${p.id}/role`} class="inline-form">
                    <FormToken token={chrome.token} />
                    <label class="visually-hidden" for={`role-${p.id}`}>
                      Role of {p.name}
                    </label>
                    <select
                      id={`role-${p.id}`}
                      name="role"
                      {...fieldErrors(problemOf(error, `role:${p.id}`), `${p.id}-`).control('role')}
                    >
                      {roles.map((r) => (
                        <option value={r} selected={p.role === r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    {fieldErrors(problemOf(error, `role:${p.id}`), `${p.id}-`).message('role', { inline: true })}{' '}
                    <button type="submit" class="secondary">
                      Change
                    </button>
                  </form>
                )}
              </td>
              <td>{p.tokens}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <form method="post" action="/admin/people/invite" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="invite-name">Name</label>
          <input id="invite-name" name="name" required maxLength={120} {...invite.control('name')} />
          {invite.message('name', { inline: true })}
        </p>
        <p class="field">
          <label for="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required {...invite.control('email')} />
          {invite.message('email', { inline: true })}
        </p>
        <p class="field">
          <label for="invite-role">Role</label>
          <select id="invite-role" name="role" {...invite.control('role')}>
            {roles.map((r) => (
              <option value={r} selected={r === 'author'}>
                {r}
              </option>
            ))}
          </select>
          {invite.message('role', { inline: true })}
        </p>
        <p>
          <button type="submit">Send invitation</button>
        </p>
      </form>
    </DeskLayout>
  );
}
