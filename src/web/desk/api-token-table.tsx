// A person's API tokens on the desk (their Account page, or an admin's view of them): when each was made and
// last used, when it expires, and a button to revoke it.
import type { ApiToken } from '../../modules/people/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  i18n: Translator;
  token?: string;
  tokens: ApiToken[];
  /** Where a token's revoke form posts. */
  revokeUrl: (id: string) => string;
  /** Said when there are none. */
  empty: string;
}

const When = ({ i18n, date }: { i18n: Translator; date: Date }) => (
  <time datetime={date.toISOString()}>{i18n.date(date, true)}</time>
);

export function ApiTokenTable({ i18n, token: formToken, tokens, revokeUrl, empty }: Props) {
  if (tokens.length === 0) return <p>{empty}</p>;
  const { t } = i18n;
  return (
    <table class="desk-table">
      <thead>
        <tr>
          <th scope="col">{t('desk.tokens.label')}</th>
          <th scope="col">{t('desk.tokens.created')}</th>
          <th scope="col">{t('desk.tokens.lastUsed')}</th>
          <th scope="col">{t('desk.tokens.expires')}</th>
          <th scope="col">{t('desk.tokens.revoke')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr>
            <td>
              {token.label || <em>{t('desk.tokens.noLabel')}</em>} <small>({token.id.slice(-8)})</small>
            </td>
            <td>
              <When i18n={i18n} date={token.createdAt} />
            </td>
            <td>{token.lastUsedAt ? <When i18n={i18n} date={token.lastUsedAt} /> : t('desk.tokens.never')}</td>
            <td>
              {token.expiresAt ? (
                <>
                  {token.expired ? <strong>{t('desk.tokens.expired')} </strong> : null}
                  <When i18n={i18n} date={token.expiresAt} />
                </>
              ) : (
                t('desk.tokens.never')
              )}
            </td>
            <td>
              <form method="post" action={revokeUrl(token.id)} class="inline-form">
                <FormToken token={formToken} />
                <button
                  type="submit"
                  class="danger"
                  aria-label={t('desk.tokens.revokeOne', { token: token.label || token.id.slice(-8) })}
                >
                  {t('desk.tokens.revoke')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
