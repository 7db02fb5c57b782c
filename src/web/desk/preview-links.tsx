// The editor's private preview links: the one just made (shown this once), the live ones, and how to revoke them.
import type { NewPreviewLink, PreviewLink } from '../../modules/articles/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  i18n: Translator;
  token?: string;
  articleId: string;
  /** Whether the article can have a preview now (not public, not in the trash). */
  previewable: boolean;
  links: PreviewLink[];
  /** The link made by this very request, with its secret: never stored, so never shown again. */
  fresh?: NewPreviewLink & { url: string };
}

const When = ({ i18n, date }: { i18n: Translator; date: Date }) => (
  <time datetime={date.toISOString()}>{i18n.date(date, true)}</time>
);

export function PreviewLinks({ i18n, token, articleId, previewable, links, fresh }: Props) {
  return (
    <section aria-labelledby="preview-links-title" class="desk-form">
      <h2 id="preview-links-title">{i18n.t('desk.preview.title')}</h2>
      {fresh && (
        <div class="notice" role="status">
          <p>
            <label for="fresh-preview">{i18n.t('desk.preview.copy')}</label>
          </p>
          <p>
            <input id="fresh-preview" type="url" readonly value={fresh.url} size={60} />
          </p>
          <p>
            {i18n.rich('desk.preview.anyone', {
              date: i18n.date(fresh.expiresAt, true),
              time: (words) => <time datetime={fresh.expiresAt.toISOString()}>{words}</time>,
            })}
          </p>
        </div>
      )}
      {previewable ? (
        <form method="post" action={`/admin/articles/${articleId}/preview`}>
          <FormToken token={token} />
          <p>
            <button type="submit" class="secondary">
              {i18n.t('desk.preview.make')}
            </button>
          </p>
        </form>
      ) : (
        <p>{i18n.t('desk.preview.notPreviewable')}</p>
      )}
      {links.length > 0 && (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('desk.preview.madeBy')}</th>
              <th scope="col">{i18n.t('desk.preview.made')}</th>
              <th scope="col">{i18n.t('desk.preview.expires')}</th>
              <th scope="col">{i18n.t('desk.preview.revoke')}</th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr>
                <td>{l.createdBy ?? '—'}</td>
                <td>
                  <When i18n={i18n} date={l.createdAt} />
                </td>
                <td>
                  <When i18n={i18n} date={l.expiresAt} />
                </td>
                <td>
                  <form
                    method="post"
                    action={`/admin/articles/${articleId}/preview/${l.id}/revoke`}
                    class="inline-form"
                  >
                    <FormToken token={token} />
                    <button
                      type="submit"
                      class="danger"
                      aria-label={i18n.t('desk.preview.revokeLabel', { date: i18n.date(l.createdAt, true) })}
                    >
                      {i18n.t('desk.preview.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
