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
  const { t } = chrome.i18n;
  return (
    <DeskLayout chrome={chrome} title={person.name} notice={notice} error={error}>
      <p>
        <a href="/admin/people">{t('desk.person.allPeople')}</a>
      </p>
      <p>
        {chrome.i18n.rich('desk.person.who', {
          email: person.email,
          role: t('desk.roles.name', { role: person.role }),
          removed: person.removed ? 'yes' : 'no',
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <h2>{t('desk.account.tokens')}</h2>
      <ApiTokenTable
        i18n={chrome.i18n}
        token={chrome.token}
        tokens={person.tokens}
        revokeUrl={(t) => `/admin/people/${person.id}/tokens/${t}/revoke`}
        empty={t('desk.person.noTokens')}
      />
      {!person.removed && !person.self && (
        <>
          <h2>{t('desk.person.resetHeading')}</h2>
          <form method="post" action={`/admin/people/${person.id}/reset-password`} class="desk-form narrow">
            <FormToken token={chrome.token} />
            <p>{t('desk.person.resetHelp', { name: person.name })}</p>
            <p>
              <button type="submit" class="secondary">
                {t('desk.person.resetHeading')}
              </button>
            </p>
          </form>
          <div class="danger-zone">
            <h2>{t('desk.person.removeHeading')}</h2>
            <form method="post" action={`/admin/people/${person.id}/remove`} class="desk-form narrow">
              <FormToken token={chrome.token} />
              <p>{t('desk.person.removeHelp')}</p>
              <p>
                <button type="submit" class="danger">
                  {t('desk.person.removeButton', { name: person.name })}
                </button>
              </p>
            </form>
          </div>
        </>
      )}
    </DeskLayout>
  );
}
