// The editor's page: the article form, and for a saved article its translations, its private preview link, the
// trash and deletion.
import type { Article, ArticleFormValues, EditorChoices, NewPreviewLink } from '../../modules/articles/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { ARTICLE_FIELD_IDS, ArticleForm } from './article-form.tsx';
import { ArticleTranslations } from './article-translations.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';
import { ImageWarnings } from './image-warnings.tsx';
import { PreviewLinks } from './preview-links.tsx';

interface Props {
  chrome: DeskChrome;
  /** Absent for a new article. */
  article?: Article;
  values: ArticleFormValues;
  choices: EditorChoices;
  notice?: string;
  error?: { message: string; field?: string };
  /** The preview link this very request made, with its secret: shown this once. */
  freshPreview?: NewPreviewLink & { url: string };
  /** The time now, to say when an autosave was made ("10:42", or the day too when it is older). */
  now: Date;
  /** The form shows text that is not saved (a refused save, restored text): leaving asks first, autosave keeps it. */
  unsaved: boolean;
}

/** When an autosave was made, on the newsroom's clock: the time, and the day too when it was not in the last 18 hours. */
function autosaveTime(i18n: Translator, at: Date, clock: { now: Date; timeZone: string }): string {
  const { now, timeZone } = clock;
  if (now.getTime() - at.getTime() >= 18 * 3_600_000) return i18n.date(at, true);
  // A time of day has no words to translate: the 24-hour clock reads the same in every language the desk speaks.
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

export function ArticleEditorPage({
  chrome,
  article,
  values,
  choices,
  notice,
  error,
  freshPreview,
  now,
  unsaved,
}: Props) {
  const { i18n } = chrome;
  const timeZone = chrome.site.settings.timeZone;
  const slot = article?.id ?? 'new';
  return (
    <DeskLayout
      chrome={chrome}
      title={article ? i18n.t('desk.editor.editTitle', { headline: article.headline }) : i18n.t('desk.editor.newTitle')}
      notice={notice}
      error={error}
      fields={ARTICLE_FIELD_IDS}
    >
      {choices.autosave && (
        <div class="autosave-offer" role="status">
          <p>
            {i18n.rich('desk.editor.autosaveOffer', {
              time: autosaveTime(i18n, choices.autosave.savedAt, { now, timeZone }),
              strong: (words) => <strong>{words}</strong>,
            })}
          </p>
          <div class="actions">
            <a
              class="button"
              href={`${article ? `/admin/articles/${article.id}/edit` : '/admin/articles/new'}?restore=1`}
            >
              {i18n.t('desk.editor.autosaveRestore')}
            </a>{' '}
            <form method="post" action="/admin/autosave/discard" class="inline-form">
              <FormToken token={chrome.token} />
              <input type="hidden" name="article" value={slot} />
              <button type="submit" class="secondary">
                {i18n.t('desk.editor.autosaveDiscard')}
              </button>
            </form>
          </div>
        </div>
      )}
      <ImageWarnings i18n={i18n} warnings={choices.imageWarnings} />
      <ArticleForm
        i18n={i18n}
        article={article}
        values={values}
        token={chrome.token}
        mayPublish={choices.mayPublish}
        mayPin={choices.mayPin}
        sections={choices.sections}
        people={choices.people}
        choices={choices}
        timeZone={timeZone}
        error={error}
        autosave={{ slot, unsaved }}
      />
      {article && (
        <ArticleTranslations i18n={i18n} token={chrome.token} articleId={article.id} choices={choices} error={error} />
      )}
      {article && (
        <PreviewLinks
          i18n={i18n}
          token={chrome.token}
          articleId={article.id}
          previewable={choices.previewable}
          links={choices.previews}
          fresh={freshPreview}
        />
      )}
      {article && article.status === 'published' && choices.mayCorrect && (
        <p>
          <a href={`/admin/articles/${article.id}/updates`}>{i18n.t('desk.editor.recordUpdate')}</a>
        </p>
      )}
      {article && choices.mayDelete && (
        <div class="danger-zone">
          <form
            method="post"
            action={`/admin/articles/${article.id}/${article.status === 'trash' ? 'restore' : 'trash'}`}
            class="inline-form"
          >
            <FormToken token={chrome.token} />
            <button type="submit" class="secondary">
              {i18n.t(article.status === 'trash' ? 'desk.editor.restoreFromTrash' : 'desk.editor.moveToTrash')}
            </button>
          </form>
          {article.status === 'trash' && (
            <a class="danger-link" href={`/admin/articles/${article.id}/delete`}>
              {i18n.t('desk.editor.deleteForGood')}
            </a>
          )}
        </div>
      )}
    </DeskLayout>
  );
}
