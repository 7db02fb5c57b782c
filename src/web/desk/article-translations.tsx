// The editor's translations of an article: the ones linked (with a way to unlink each), a form to link another by
// its address, and a Translate button for each language the story has no article in yet.
import type { EditorChoices } from '../../modules/articles/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { type FieldErrors, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath } from '../site.ts';
import { FormToken } from './desk-layout.tsx';

interface Props {
  i18n: Translator;
  token?: string;
  articleId: string;
  choices: Pick<EditorChoices, 'translations' | 'missingLanguages'>;
  /** Why the last link was refused, shown beside its field. */
  error?: FormProblem;
}

export function ArticleTranslations({ i18n, token, articleId, choices, error }: Props) {
  const errors: FieldErrors = fieldErrors(error);
  const { translations, missingLanguages } = choices;
  return (
    <section aria-labelledby="translations-title" class="desk-form translations">
      <h2 id="translations-title">{i18n.t('desk.translations.title')}</h2>
      {translations.length > 0 ? (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('desk.translations.language')}</th>
              <th scope="col">{i18n.t('desk.translations.article')}</th>
              <th scope="col">{i18n.t('desk.translations.status')}</th>
              <th scope="col">{i18n.t('desk.translations.unlink')}</th>
            </tr>
          </thead>
          <tbody>
            {translations.map((t) => (
              <tr>
                <td>{i18n.languageName(t.language)}</td>
                <td>
                  <a href={`/admin/articles/${t.id}/edit`} lang={t.language}>
                    {t.headline}
                  </a>
                  {t.status === 'published' && (
                    <>
                      {' '}
                      (<a href={articlePath(t.slug)}>{i18n.t('desk.translations.onSite')}</a>)
                    </>
                  )}
                </td>
                <td>{i18n.t('desk.status.name', { status: t.status })}</td>
                <td>
                  <form
                    method="post"
                    action={`/admin/articles/${articleId}/translations/${t.id}/unlink`}
                    class="inline-form"
                  >
                    <FormToken token={token} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={i18n.t('desk.translations.unlinkLabel', { headline: t.headline })}
                    >
                      {i18n.t('desk.translations.unlink')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{i18n.t('desk.translations.none')}</p>
      )}
      {missingLanguages.length > 0 && (
        <div class="translate-buttons">
          <p id="translate-hint">{i18n.t('desk.translations.translateHint')}</p>
          {missingLanguages.map((tag) => (
            <form method="post" action={`/admin/articles/${articleId}/translate`} class="inline-form">
              <FormToken token={token} />
              <input type="hidden" name="language" value={tag} />
              <button type="submit" aria-describedby="translate-hint">
                {i18n.t('desk.translations.translateInto', { language: i18n.languageName(tag) })}
              </button>
            </form>
          ))}
        </div>
      )}
      <form method="post" action={`/admin/articles/${articleId}/translations`}>
        <FormToken token={token} />
        <p class={`field${error?.field === 'translation' ? ' has-error' : ''}`}>
          <label for="translation">{i18n.t('desk.translations.link')}</label>
          <input
            id="translation"
            name="translation"
            type="text"
            maxLength={2000}
            placeholder={i18n.t('desk.translations.linkPlaceholder')}
            {...errors.control('translation', 'translation-hint')}
          />
          <small id="translation-hint">{i18n.t('desk.translations.linkHint')}</small>
          {errors.message('translation', { inline: true })}
        </p>
        <p>
          <button type="submit" class="secondary">
            {i18n.t('desk.translations.linkButton')}
          </button>
        </p>
      </form>
    </section>
  );
}
