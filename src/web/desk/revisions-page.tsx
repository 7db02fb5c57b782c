// The revision history of an article: who changed what and when, a word-level comparison, and restore.
import type { RevisionHistory } from '../../modules/articles/index.ts';
import { formatDate } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export function RevisionsPage({
  chrome,
  history,
  notice,
}: {
  chrome: DeskChrome;
  history: RevisionHistory;
  notice?: string;
}) {
  const { article, revisions, from, to, changes } = history;
  return (
    <DeskLayout chrome={chrome} title={`Revisions: ${article.headline}`} notice={notice}>
      <p>
        <a href={`/admin/articles/${article.id}/edit`}>Back to the editor</a>
      </p>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
            <th scope="col">Compare</th>
            <th scope="col">Restore</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => (
            <tr>
              <td>{r.version}</td>
              <td>{r.editorName}</td>
              <td>
                <time datetime={r.createdAt.toISOString()}>{formatDate(chrome.site, r.createdAt, true)}</time>
              </td>
              <td>
                {revisions[i + 1] && (
                  <a href={`/admin/articles/${article.id}/revisions?from=${revisions[i + 1].id}&to=${r.id}`}>
                    with version {revisions[i + 1].version}
                  </a>
                )}
              </td>
              <td>
                {i > 0 && (
                  <form
                    method="post"
                    action={`/admin/articles/${article.id}/revisions/${r.id}/restore`}
                    class="inline-form"
                  >
                    <FormToken token={chrome.token} />
                    <button type="submit" class="secondary">
                      Restore version {r.version}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {from && to && (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">
            Changes from version {from.version} ({from.editorName}) to version {to.version} ({to.editorName})
          </h2>
          {changes.length === 0 && <p>No differences in the article's fields.</p>}
          {changes.map((c) => (
            <div class="change">
              <h3>{c.label}</h3>
              <p class="diff">
                {c.parts.map((p) =>
                  p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>,
                )}
              </p>
            </div>
          ))}
        </section>
      )}
    </DeskLayout>
  );
}
