// The editor's private preview links: the one just made (shown this once), the live ones, and how to revoke them.
import type { NewPreviewLink, PreviewLink } from '../../modules/articles/index.ts';
import { formatDate, type SiteView } from '../site.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  site: SiteView;
  token?: string;
  articleId: string;
  /** Whether the article can have a preview now (not public, not in the trash). */
  previewable: boolean;
  links: PreviewLink[];
  /** The link made by this very request, with its secret: never stored, so never shown again. */
  fresh?: NewPreviewLink & { url: string };
}

const When = ({ site, date }: { site: SiteView; date: Date }) => (
  <time datetime={date.toISOString()}>{formatDate(site, date, true)}</time>
);

export function PreviewLinks({ site, token, articleId, previewable, links, fresh }: Props) {
  return (
    <section aria-labelledby="preview-links-title" class="desk-form">
      <h2 id="preview-links-title">Private preview links</h2>
      {fresh && (
        <div class="notice" role="status">
          <p>
            <label for="fresh-preview">Copy this link now: it is shown only this once.</label>
          </p>
          <p>
            <input id="fresh-preview" type="url" readonly value={fresh.url} size={60} />
          </p>
          <p>
            Anyone with it can read this article until <When site={site} date={fresh.expiresAt} />, or until the article
            is published, unpublished or moved to the trash, or you revoke the link.
          </p>
        </div>
      )}
      {previewable ? (
        <form method="post" action={`/admin/articles/${articleId}/preview`}>
          <FormToken token={token} />
          <p>
            <button type="submit" class="secondary">
              Make a private preview link
            </button>
          </p>
        </form>
      ) : (
        <p>Preview links are for articles readers cannot see yet.</p>
      )}
      {links.length > 0 && (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">Made by</th>
              <th scope="col">Made</th>
              <th scope="col">Expires</th>
              <th scope="col">Revoke</th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr>
                <td>{l.createdBy ?? '—'}</td>
                <td>
                  <When site={site} date={l.createdAt} />
                </td>
                <td>
                  <When site={site} date={l.expiresAt} />
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
                      aria-label={`Revoke the preview link made ${formatDate(site, l.createdAt, true)}`}
                    >
                      Revoke
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
