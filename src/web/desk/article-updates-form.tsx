// The desk's page for a published article's updates and corrections: what readers see now, and the form to add one.
import type { ArticleUpdate } from '../../modules/updates/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export interface ArticleUpdatesFormProps {
  /** The desk's words and dates. */
  i18n: Translator;
  article: { id: string; slug: string; headline: string; published: boolean };
  updates: ArticleUpdate[];
  token?: string;
  /** What was typed, kept when the form comes back with an error. */
  values: { kind: string; note: string };
  error?: FormProblem;
  noteMax: number;
}

export function ArticleUpdatesForm({ i18n, article, updates, token, values, error, noteMax }: ArticleUpdatesFormProps) {
  const base = `/admin/articles/${article.id}/updates`;
  const errors = fieldErrors(error);
  return (
    <>
      <p>
        <a href={`/admin/articles/${article.id}/edit`}>{i18n.t('desk.updates.backToEditor')}</a> ·{' '}
        <a href={articlePath(article.slug)}>{i18n.t('desk.updates.seeArticle')}</a>
      </p>
      {article.published ? (
        <form method="post" action={base} class="desk-form narrow">
          <FormToken token={token} />
          <fieldset {...(error?.field === 'kind' ? { 'aria-describedby': 'kind-error' } : {})}>
            <legend>{i18n.t('desk.updates.kind')}</legend>
            {errors.message('kind')}
            <label class="check">
              <input type="radio" id="kind" name="kind" value="update" checked={values.kind !== 'correction'} />{' '}
              {i18n.t('desk.updates.kindUpdate')}
            </label>
            <label class="check">
              <input type="radio" name="kind" value="correction" checked={values.kind === 'correction'} />{' '}
              {i18n.t('desk.updates.kindCorrection')}
            </label>
          </fieldset>
          <p class="field">
            <label for="note">{i18n.t('desk.updates.note')}</label>
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
            <small id="note-hint">{i18n.t('desk.updates.noteHint')}</small>
            {errors.message('note', { inline: true })}
          </p>
          <p>
            <button type="submit">{i18n.t('desk.updates.record')}</button>
          </p>
        </form>
      ) : (
        <p>{i18n.t('desk.updates.notPublished')}</p>
      )}
      <h2>{i18n.t('desk.updates.recorded')}</h2>
      {updates.length === 0 ? (
        <p>{i18n.t('desk.updates.none')}</p>
      ) : (
        <ul class="update-list">
          {updates.map((u) => (
            <li>
              <strong>{i18n.t(u.kind === 'correction' ? 'desk.updates.correction' : 'desk.updates.update')}</strong>{' '}
              <time datetime={u.createdAt.toISOString()}>{i18n.date(u.createdAt, true)}</time>: {u.note}{' '}
              <small>({u.editorName || i18n.t('desk.updates.formerStaff')})</small>
              <form method="post" action={`${base}/${u.id}/delete`} class="inline-form">
                <FormToken token={token} />
                <button type="submit" class="secondary">
                  {i18n.t('desk.updates.remove')}
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
}: Omit<ArticleUpdatesFormProps, 'i18n' | 'token' | 'error'> & {
  chrome: DeskChrome;
  notice?: string;
  error?: FormProblem;
}) {
  return (
    <DeskLayout
      chrome={chrome}
      title={chrome.i18n.t('desk.updates.title', { headline: form.article.headline })}
      notice={notice}
      error={error}
      fields={{ kind: 'kind', note: 'note' }}
    >
      <ArticleUpdatesForm i18n={chrome.i18n} token={chrome.token} error={error} {...form} />
    </DeskLayout>
  );
}
