// The staff list (admins): each person's role, and the invitation form.
import type { StaffListEntry } from '../../modules/people/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  people: StaffListEntry[];
  /** The roles a person can have, in the order offered. */
  roles: readonly StaffRole[];
  notice?: string;
  error?: string;
}

export function PeoplePage({ chrome, people, roles, notice, error }: Props) {
  return (
    <DeskLayout chrome={chrome} title="People" notice={notice} error={error}>
      <table class="desk-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">API tokens</th></tr></thead>
        <tbody>
          {people.map((p) => (
            <tr>
              <td><a href={`/admin/people/${p.id}`}>{p.name}</a></td>
              <td>{p.email}</td>
              <td>
                {p.removed ? <em>removed from the desk</em> : <form method="post" action={`/admin/people/${p.id}/role`} class="inline-form">
                  <FormToken token={chrome.token} />
                  <label class="visually-hidden" for={`role-${p.id}`}>Role of {p.name}</label>
                  <select id={`role-${p.id}`} name="role">
                    {roles.map((r) => <option value={r} selected={p.role === r}>{r}</option>)}
                  </select>{' '}
                  <button type="submit" class="secondary">Change</button>
                </form>}
              </td>
              <td>{p.tokens}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <form method="post" action="/admin/people/invite" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field"><label for="invite-name">Name</label><input id="invite-name" name="name" required maxLength={120} /></p>
        <p class="field"><label for="invite-email">Email</label><input id="invite-email" name="email" type="email" required /></p>
        <p class="field"><label for="invite-role">Role</label>
          <select id="invite-role" name="role">{roles.map((r) => <option value={r} selected={r === 'author'}>{r}</option>)}</select></p>
        <p><button type="submit">Send invitation</button></p>
      </form>
    </DeskLayout>
  );
}
