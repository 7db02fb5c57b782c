// The editor's page: the article form, and for a saved article its translations, its private preview link, the
// trash and deletion.
import type { Article, ArticleFormValues, EditorChoices, NewPreviewLink } from '../../modules/articles/index.ts';
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

/** When an autosave was made, on the newsroom's clock: the time, and the day when it was not in the last 18 hours. */
function autosaveTime(at: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  if (now.getTime() - at.getTime() < 18 * 3_600_000) return time;
  return `${new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(at)}, ${time}`;
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
  const timeZone = chrome.site.settings.timeZone;
  const slot = article?.id ?? 'new';
  return (
    <DeskLayout
      chrome={chrome}
      title={article ? `Edit: ${article.headline}` : 'New article'}
      notice={notice}
      error={error}
      fields={ARTICLE_FIELD_IDS}
    >
      {choices.autosave && (
        <div class="autosave-offer" role="status">
          <p>
            <strong>Restore the unsaved text from {autosaveTime(choices.autosave.savedAt, now, timeZone)}?</strong> It
            was kept while you wrote, and differs from what is saved.
          </p>
          <div class="actions">
            <a
              class="button"
              href={`${article ? `/admin/articles/${article.id}/edit` : '/admin/articles/new'}?restore=1`}
            >
              Restore it
            </a>{' '}
            <form method="post" action="/admin/autosave/discard" class="inline-form">
              <FormToken token={chrome.token} />
              <input type="hidden" name="article" value={slot} />
              <button type="submit" class="secondary">
                Discard it
              </button>
            </form>
          </div>
        </div>
      )}
      <ImageWarnings warnings={choices.imageWarnings} />
      <ArticleForm
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
      {article && <ArticleTranslations token={chrome.token} articleId={article.id} choices={choices} error={error} />}
      {article && (
        <PreviewLinks
          site={chrome.site}
          token={chrome.token}
          articleId={article.id}
          previewable={choices.previewable}
          links={choices.previews}
          fresh={freshPreview}
        />
      )}
      {article && article.status === 'published' && choices.mayCorrect && (
        <p>
          <a href={`/admin/articles/${article.id}/updates`}>Record an update or a correction readers will see</a>
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
              {article.status === 'trash' ? 'Restore from the trash' : 'Move to trash'}
            </button>
          </form>
          {article.status === 'trash' && (
            <a class="danger-link" href={`/admin/articles/${article.id}/delete`}>
              Delete for good, with its discussion…
            </a>
          )}
        </div>
      )}
    </DeskLayout>
  );
}
