// The desk's page for a published article's updates and corrections: what readers see now, and the form to add one.
import type { ArticleUpdate } from '../../modules/updates/index.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath, formatDate, type SiteView } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export interface ArticleUpdatesFormProps {
  site: SiteView;
  article: { id: string; slug: string; headline: string; published: boolean };
  updates: ArticleUpdate[];
  token?: string;
  /** What was typed, kept when the form comes back with an error. */
  values: { kind: string; note: string };
  error?: FormProblem;
  noteMax: number;
}

export function ArticleUpdatesForm({ site, article, updates, token, values, error, noteMax }: ArticleUpdatesFormProps) {
  const base = `/admin/articles/${article.id}/updates`;
  const errors = fieldErrors(error);
  return (
    <>
      <p>
        <a href={`/admin/articles/${article.id}/edit`}>Back to the editor</a> ·{' '}
        <a href={articlePath(article.slug)}>See the article</a>
      </p>
      {article.published ? (
        <form method="post" action={base} class="desk-form narrow">
          <FormToken token={token} />
          <fieldset {...(error?.field === 'kind' ? { 'aria-describedby': 'kind-error' } : {})}>
            <legend>Kind</legend>
            {errors.message('kind')}
            <label class="check">
              <input type="radio" id="kind" name="kind" value="update" checked={values.kind !== 'correction'} /> Update:
              news added since publication
            </label>
            <label class="check">
              <input type="radio" name="kind" value="correction" checked={values.kind === 'correction'} /> Correction:
              an error put right
            </label>
          </fieldset>
          <p class="field">
            <label for="note">What changed</label>
            <textarea
              id="note"
              name="note"
              rows={3}
              required
              maxLength={noteMax}
              {...errors.control('note', 'note-hint')}
            >
              {values.note}
            </textarea>
            <small id="note-hint">
              Readers see it on the article with the time, newest first, e.g. “Adds the minister’s statement” or “An
              earlier version misspelled the mayor’s name.”
            </small>
            {errors.message('note', { inline: true })}
          </p>
          <p>
            <button type="submit">Record it</button>
          </p>
        </form>
      ) : (
        <p>Updates and corrections are recorded on published articles. This one is not published.</p>
      )}
      <h2>Recorded so far</h2>
      {updates.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul class="update-list">
          {updates.map((u) => (
            <li>
              <strong>{u.kind === 'correction' ? 'Correction' : 'Update'}</strong>{' '}
              <time datetime={u.createdAt.toISOString()}>{formatDate(site, u.createdAt, true)}</time>: {u.note}{' '}
              <small>({u.editorName || 'a former staff member'})</small>
              <form method="post" action={`${base}/${u.id}/delete`} class="inline-form">
                <FormToken token={token} />
                <button type="submit" class="secondary">
                  Remove (recorded by mistake)
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The updates page of one article, with the desk around the form. */
export function ArticleUpdatesPage({
  chrome,
  notice,
  error,
  ...form
}: Omit<ArticleUpdatesFormProps, 'site' | 'token' | 'error'> & {
  chrome: DeskChrome;
  notice?: string;
  error?: FormProblem;
}) {
  return (
    <DeskLayout
      chrome={chrome}
      title={`Updates and corrections: ${form.article.headline}`}
      notice={notice}
      error={error}
      fields={{ kind: 'kind', note: 'note' }}
    >
      <ArticleUpdatesForm site={chrome.site} token={chrome.token} error={error} {...form} />
    </DeskLayout>
  );
}
