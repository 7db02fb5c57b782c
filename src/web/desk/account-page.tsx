// A staff member's own account: their author page, their mail, their password and their sessions.
import type { Account } from '../../modules/people/index.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { ApiTokenTable } from './api-token-table.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  /** The name, email and role of who is signed in. */
  me: { name: string; email: string; role: string };
  account: Account;
  /** Their role moderates comments, so the digest setting applies to them. */
  moderates: boolean;
  notice?: string;
  error?: FormProblem;
}

/** The page's controls by field name: its forms share no field name. */
const ACCOUNT_FIELD_IDS = {
  name: 'profile-name',
  bio: 'profile-bio',
  photoUrl: 'profile-photo',
  moderationDigest: 'moderation-digest',
  current: 'current',
  next: 'next',
  revokeTokens: 'revoke-tokens',
};

export function AccountPage({ chrome, me, account, moderates, notice, error }: Props) {
  const { profile, media, tokens } = account;
  const errors = fieldErrors(error);
  const beside = (field: string) => errors.message(field, { inline: true });
  return (
    <DeskLayout chrome={chrome} title="Your account" notice={notice} error={error} fields={ACCOUNT_FIELD_IDS}>
      <p>
        {me.name} · {me.email} · role: <strong>{me.role}</strong>
      </p>
      <h2>Your author page</h2>
      <form method="post" action="/admin/account/profile" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="profile-name">Name on bylines</label>
          <input
            id="profile-name"
            name="name"
            required
            maxLength={120}
            value={profile.name}
            {...errors.control('name')}
          />
          {beside('name')}
        </p>
        <p class="field">
          <label for="profile-bio">Bio</label>
          <textarea id="profile-bio" name="bio" rows={4} maxLength={2000} {...errors.control('bio')}>
            {profile.bio}
          </textarea>
          {beside('bio')}
        </p>
        <p class="field">
          <label for="profile-photo">Portrait (from the media library)</label>
          <select id="profile-photo" name="photoUrl" {...errors.control('photoUrl')}>
            <option value="">(none)</option>
            {media.map((m) => (
              <option
                value={m.url}
                selected={profile.photoUrl === m.url}
              >{`${m.caption || m.originalName} (${m.width}×${m.height})`}</option>
            ))}
          </select>
          {beside('photoUrl')}
        </p>
        <p>
          <button type="submit">Save profile</button>
        </p>
      </form>
      {moderates && (
        <>
          <h2>Mail</h2>
          <form method="post" action="/admin/account/notifications" class="desk-form narrow">
            <FormToken token={chrome.token} />
            <p class="field">
              <input
                id="moderation-digest"
                name="moderationDigest"
                type="checkbox"
                value="1"
                checked={profile.moderationDigest}
                {...errors.control('moderationDigest')}
              />{' '}
              <label class="check" for="moderation-digest">
                Email me a digest of comments waiting for moderation
              </label>
              {beside('moderationDigest')}
            </p>
            <p>
              <button type="submit">Save mail settings</button>
            </p>
          </form>
        </>
      )}
      <h2>Change your password</h2>
      <form method="post" action="/admin/account/password" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="current">Current password</label>
          <input
            id="current"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            {...errors.control('current')}
          />
          {beside('current')}
        </p>
        <p class="field">
          <label for="next">New password (at least 10 characters)</label>
          <input
            id="next"
            name="next"
            type="password"
            autocomplete="new-password"
            minLength={10}
            required
            {...errors.control('next')}
          />
          {beside('next')}
        </p>
        <p>
          <button type="submit">Change password</button>
        </p>
      </form>
      <h2>API tokens</h2>
      <p>
        Programs that publish or moderate in your name (a wire feed, a script) use these. An admin makes them with{' '}
        <code>dateline token create</code>; revoke one you no longer use.
      </p>
      <ApiTokenTable
        site={chrome.site}
        token={chrome.token}
        tokens={tokens}
        revokeUrl={(id) => `/admin/account/tokens/${id}/revoke`}
        empty="You have no API tokens."
      />
      <h2>Sessions</h2>
      <form method="post" action="/admin/account/sign-out-everywhere" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p>Signed in on a computer you no longer use, or lost a phone? End every session but this one.</p>
        <p class="field">
          <input id="revoke-tokens" name="revokeTokens" type="checkbox" value="1" {...errors.control('revokeTokens')} />{' '}
          <label class="check" for="revoke-tokens">
            Also revoke my API tokens
          </label>
          {beside('revokeTokens')}
        </p>
        <p>
          <button type="submit">Sign out everywhere else</button>
        </p>
      </form>
    </DeskLayout>
  );
}
