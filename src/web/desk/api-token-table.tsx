// A person's API tokens on the desk (their Account page, or an admin's view of them): when each was made and
// last used, when it expires, and a button to revoke it.
import type { ApiToken } from '../../modules/people/index.ts';
import { formatDate, type SiteView } from '../site.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  site: SiteView;
  token?: string;
  tokens: ApiToken[];
  /** Where a token's revoke form posts. */
  revokeUrl: (id: string) => string;
  /** Said when there are none. */
  empty: string;
}

const When = ({ site, date }: { site: SiteView; date: Date }) => (
  <time datetime={date.toISOString()}>{formatDate(site, date, true)}</time>
);

export function ApiTokenTable({ site, token, tokens, revokeUrl, empty }: Props) {
  if (tokens.length === 0) return <p>{empty}</p>;
  return (
    <table class="desk-table">
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">Revoke</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr>
            <td>
              {t.label || <em>no label</em>} <small>({t.id.slice(-8)})</small>
            </td>
            <td>
              <When site={site} date={t.createdAt} />
            </td>
            <td>{t.lastUsedAt ? <When site={site} date={t.lastUsedAt} /> : 'never'}</td>
            <td>
              {t.expiresAt ? (
                <>
                  {t.expired ? <strong>expired </strong> : null}
                  <When site={site} date={t.expiresAt} />
                </>
              ) : (
                'never'
              )}
            </td>
            <td>
              <form method="post" action={revokeUrl(t.id)} class="inline-form">
                <FormToken token={token} />
                <button type="submit" class="danger" aria-label={`Revoke the token ${t.label || t.id.slice(-8)}`}>
                  Revoke
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
