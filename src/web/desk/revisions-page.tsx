// The revision history of an article: who changed what and when, a word-level comparison, and restore.
import type { RevisionHistory } from '../../modules/articles/index.ts';
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
  const { i18n } = chrome;
  return (
    <DeskLayout chrome={chrome} title={i18n.t('desk.revisions.title', { headline: article.headline })} notice={notice}>
      <p>
        <a href={`/admin/articles/${article.id}/edit`}>{i18n.t('desk.updates.backToEditor')}</a>
      </p>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">{i18n.t('desk.revisions.version')}</th>
            <th scope="col">{i18n.t('desk.revisions.by')}</th>
            <th scope="col">{i18n.t('desk.revisions.when')}</th>
            <th scope="col">{i18n.t('desk.revisions.compare')}</th>
            <th scope="col">{i18n.t('desk.revisions.restore')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => (
            <tr>
              <td>{i18n.number(r.version)}</td>
              <td>{r.editorName}</td>
              <td>
                <time datetime={r.createdAt.toISOString()}>{i18n.date(r.createdAt, true)}</time>
              </td>
              <td>
                {revisions[i + 1] && (
                  <a href={`/admin/articles/${article.id}/revisions?from=${revisions[i + 1].id}&to=${r.id}`}>
                    {i18n.t('desk.revisions.withVersion', { version: revisions[i + 1].version })}
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
                      {i18n.t('desk.revisions.restoreVersion', { version: r.version })}
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
            {i18n.t('desk.revisions.changes', {
              from: from.version,
              fromEditor: from.editorName,
              to: to.version,
              toEditor: to.editorName,
            })}
          </h2>
          {changes.length === 0 && <p>{i18n.t('desk.revisions.noChanges')}</p>}
          {changes.map((c) => (
            <div class="change">
              <h3>{i18n.t('desk.revisions.field', { field: c.field })}</h3>
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
