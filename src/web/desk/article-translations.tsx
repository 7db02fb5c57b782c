// The editor's translations of an article: the ones linked (with a way to unlink each), a form to link another by
// its address, and a Translate button for each language the story has no article in yet.
import type { EditorChoices } from '../../modules/articles/index.ts';
import { type FieldErrors, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath } from '../site.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  token?: string;
  articleId: string;
  choices: Pick<EditorChoices, 'translations' | 'missingLanguages'>;
  /** Why the last link was refused, shown beside its field. */
  error?: FormProblem;
}

export function ArticleTranslations({ token, articleId, choices, error }: Props) {
  const errors: FieldErrors = fieldErrors(error);
  const { translations, missingLanguages } = choices;
  return (
    <section aria-labelledby="translations-title" class="desk-form translations">
      <h2 id="translations-title">Translations</h2>
      {translations.length > 0 ? (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Article</th>
              <th scope="col">Status</th>
              <th scope="col">Unlink</th>
            </tr>
          </thead>
          <tbody>
            {translations.map((t) => (
              <tr>
                <td>{t.languageName}</td>
                <td>
                  <a href={`/admin/articles/${t.id}/edit`} lang={t.language ?? undefined}>
                    {t.headline}
                  </a>
                  {t.status === 'published' && (
                    <>
                      {' '}
                      (<a href={articlePath(t.slug)}>on the site</a>)
                    </>
                  )}
                </td>
                <td>{t.status}</td>
                <td>
                  <form
                    method="post"
                    action={`/admin/articles/${articleId}/translations/${t.id}/unlink`}
                    class="inline-form"
                  >
                    <FormToken token={token} />
                    <button type="submit" class="secondary" aria-label={`Unlink ${t.headline}`}>
                      Unlink
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>This article has no translation yet.</p>
      )}
      {missingLanguages.length > 0 && (
        <div class="translate-buttons">
          <p id="translate-hint">
            Translate starts a draft in that language with this article’s photo, section, tags and authors, linked as
            its translation.
          </p>
          {missingLanguages.map((l) => (
            <form method="post" action={`/admin/articles/${articleId}/translate`} class="inline-form">
              <FormToken token={token} />
              <input type="hidden" name="language" value={l.tag} />
              <button type="submit" aria-describedby="translate-hint">
                Translate into {l.name}
              </button>
            </form>
          ))}
        </div>
      )}
      <form method="post" action={`/admin/articles/${articleId}/translations`}>
        <FormToken token={token} />
        <p class={`field${error?.field === 'translation' ? ' has-error' : ''}`}>
          <label for="translation">Link an existing translation</label>
          <input
            id="translation"
            name="translation"
            type="text"
            maxLength={2000}
            placeholder="https://…/articles/its-address"
            {...errors.control('translation', 'translation-hint')}
          />
          <small id="translation-hint">
            The address of the article in another language (or its slug). One article per language.
          </small>
          {errors.message('translation', { inline: true })}
        </p>
        <p>
          <button type="submit" class="secondary">
            Link translation
          </button>
        </p>
      </form>
    </section>
  );
}
