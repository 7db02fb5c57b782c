// One member of staff, as an admin sees them: their API tokens (revoke any), a password reset, removal from the desk.
import type { PersonView } from '../../modules/people/index.ts';
import { ApiTokenTable } from './api-token-table.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export function PersonPage({
  chrome,
  person,
  notice,
  error,
}: {
  chrome: DeskChrome;
  person: PersonView;
  notice?: string;
  error?: string;
}) {
  return (
    <DeskLayout chrome={chrome} title={person.name} notice={notice} error={error}>
      <p>
        <a href="/admin/people">← All people</a>
      </p>
      <p>
        {person.email} · role: <strong>{person.role}</strong>
        {person.removed ? ' · removed from the desk' : ''}
      </p>
      <h2>API tokens</h2>
      <ApiTokenTable
        site={chrome.site}
        token={chrome.token}
        tokens={person.tokens}
        revokeUrl={(t) => `/admin/people/${person.id}/tokens/${t}/revoke`}
        empty="No API tokens."
      />
      {!person.removed && !person.self && (
        <>
          <h2>Reset the password</h2>
          <form method="post" action={`/admin/people/${person.id}/reset-password`} class="desk-form narrow">
            <FormToken token={chrome.token} />
            <p>
              For a forgotten password or an account you fear is in the wrong hands: the current password stops working,
              every session ends, older password links stop working, and {person.name} gets a link by mail to choose a
              new one.
            </p>
            <p>
              <button type="submit" class="secondary">
                Reset the password
              </button>
            </p>
          </form>
          <div class="danger-zone">
            <h2>Remove from the desk</h2>
            <form method="post" action={`/admin/people/${person.id}/remove`} class="desk-form narrow">
              <FormToken token={chrome.token} />
              <p>
                For someone who left the newsroom: they are signed out and can no longer sign in; their API tokens and
                password links are revoked. Their bylines and author page stay. Invite them again to bring them back.
              </p>
              <p>
                <button type="submit" class="danger">
                  Remove {person.name} from the desk
                </button>
              </p>
            </form>
          </div>
        </>
      )}
    </DeskLayout>
  );
}
