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
  language: 'desk-language',
};

export function AccountPage({ chrome, me, account, moderates, notice, error }: Props) {
  const { profile, media, tokens } = account;
  const errors = fieldErrors(error);
  const beside = (field: string) => errors.message(field, { inline: true });
  const { t } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.account.title')}
      notice={notice}
      error={error}
      fields={ACCOUNT_FIELD_IDS}
    >
      <p>
        {chrome.i18n.rich('desk.account.who', {
          name: me.name,
          email: me.email,
          role: t('desk.roles.name', { role: me.role }),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <h2>{t('desk.account.authorPage')}</h2>
      <form method="post" action="/admin/account/profile" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="profile-name">{t('desk.account.name')}</label>
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
          <label for="profile-bio">{t('desk.account.bio')}</label>
          <textarea id="profile-bio" name="bio" rows={4} maxLength={2000} {...errors.control('bio')}>
            {profile.bio}
          </textarea>
          {beside('bio')}
        </p>
        <p class="field">
          <label for="profile-photo">{t('desk.account.portrait')}</label>
          <select id="profile-photo" name="photoUrl" {...errors.control('photoUrl')}>
            <option value="">{t('desk.account.noPortrait')}</option>
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
          <button type="submit">{t('desk.account.saveProfile')}</button>
        </p>
      </form>
      {moderates && (
        <>
          <h2>{t('desk.account.mail')}</h2>
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
                {t('desk.account.digest')}
              </label>
              {beside('moderationDigest')}
            </p>
            <p>
              <button type="submit">{t('desk.account.saveMail')}</button>
            </p>
          </form>
        </>
      )}
      <h2>{t('desk.account.language')}</h2>
      <form method="post" action="/admin/account/language" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="desk-language">{t('desk.account.deskLanguage')}</label>
          <select id="desk-language" name="language" {...errors.control('language')}>
            <option value="">{t('desk.account.siteDefault')}</option>
            {account.languages.map((l) => (
              <option value={l.tag} lang={l.tag} selected={profile.language === l.tag}>
                {l.name}
              </option>
            ))}
          </select>
          {beside('language')}
        </p>
        <p>
          <button type="submit">{t('desk.account.saveLanguage')}</button>
        </p>
      </form>
      <h2>{t('desk.account.changePassword')}</h2>
      <form method="post" action="/admin/account/password" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="current">{t('desk.account.currentPassword')}</label>
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
          <label for="next">{t('desk.account.newPassword')}</label>
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
          <button type="submit">{t('desk.account.changePasswordButton')}</button>
        </p>
      </form>
      <h2>{t('desk.account.tokens')}</h2>
      <p>
        {chrome.i18n.rich('desk.account.tokensHelp', {
          command: 'dateline token create',
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      <ApiTokenTable
        i18n={chrome.i18n}
        token={chrome.token}
        tokens={tokens}
        revokeUrl={(id) => `/admin/account/tokens/${id}/revoke`}
        empty={t('desk.account.noTokens')}
      />
      <h2>{t('desk.account.sessions')}</h2>
      <form method="post" action="/admin/account/sign-out-everywhere" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p>{t('desk.account.sessionsHelp')}</p>
        <p class="field">
          <input id="revoke-tokens" name="revokeTokens" type="checkbox" value="1" {...errors.control('revokeTokens')} />{' '}
          <label class="check" for="revoke-tokens">
            {t('desk.account.revokeTokens')}
          </label>
          {beside('revokeTokens')}
        </p>
        <p>
          <button type="submit">{t('desk.account.signOutEverywhere')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
