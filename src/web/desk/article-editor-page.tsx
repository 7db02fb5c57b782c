// The editor's page: the article form, and for a saved article its private preview link, the trash and deletion.
import type { Article, ArticleFormValues, EditorChoices, NewPreviewLink } from '../../modules/articles/index.ts';
import { ArticleForm } from './article-form.tsx';
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
}

export function ArticleEditorPage({ chrome, article, values, choices, notice, error, freshPreview }: Props) {
  const timeZone = chrome.site.settings.timeZone;
  return (
    <DeskLayout chrome={chrome} title={article ? `Edit: ${article.headline}` : 'New article'} notice={notice} error={error?.message}>
      <ImageWarnings warnings={choices.imageWarnings} />
      <ArticleForm article={article} values={values} token={chrome.token} mayPublish={choices.mayPublish} mayPin={choices.mayPin}
        sections={choices.sections} people={choices.people} choices={choices} timeZone={timeZone} field={error?.field} />
      {article && (
        <PreviewLinks site={chrome.site} token={chrome.token} articleId={article.id} previewable={choices.previewable} links={choices.previews}
          fresh={freshPreview} />
      )}
      {article && article.status === 'published' && choices.mayCorrect && (
        <p><a href={`/admin/articles/${article.id}/updates`}>Record an update or a correction readers will see</a></p>
      )}
      {article && choices.mayDelete && (
        <div class="danger-zone">
          <form method="post" action={`/admin/articles/${article.id}/${article.status === 'trash' ? 'restore' : 'trash'}`} class="inline-form">
            <FormToken token={chrome.token} />
            <button type="submit" class="secondary">{article.status === 'trash' ? 'Restore from the trash' : 'Move to trash'}</button>
          </form>
          {article.status === 'trash' && <a class="danger-link" href={`/admin/articles/${article.id}/delete`}>Delete for good, with its discussion…</a>}
        </div>
      )}
    </DeskLayout>
  );
}
