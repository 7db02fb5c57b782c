// The editor's page: the article form, and for a saved article its private preview link, the trash and deletion.
import type { Article, ArticleFormValues, EditorChoices } from '../../modules/articles/index.ts';
import { ArticleForm } from './article-form.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  /** Absent for a new article. */
  article?: Article;
  values: ArticleFormValues;
  choices: EditorChoices;
  notice?: string;
  error?: { message: string; field?: string };
}

export function ArticleEditorPage({ chrome, article, values, choices, notice, error }: Props) {
  const timeZone = chrome.site.settings.timeZone;
  return (
    <DeskLayout chrome={chrome} title={article ? `Edit: ${article.headline}` : 'New article'} notice={notice} error={error?.message}>
      <ArticleForm article={article} values={values} token={chrome.token} mayPublish={choices.mayPublish} mayPin={choices.mayPin}
        sections={choices.sections} people={choices.people} media={choices.media} timeZone={timeZone} field={error?.field} />
      {article && (
        <form method="post" action={`/admin/articles/${article.id}/preview`} class="desk-form">
          <FormToken token={chrome.token} />
          <p><button type="submit" class="secondary">Make a private preview link</button></p>
        </form>
      )}
      {article && choices.mayDelete && (
        <div class="danger-zone">
          <form method="post" action={`/admin/articles/${article.id}/${article.status === 'trash' ? 'restore' : 'trash'}`} class="inline-form">
            <FormToken token={chrome.token} />
            <button type="submit" class="secondary">{article.status === 'trash' ? 'Restore from the trash' : 'Move to trash'}</button>
          </form>
          <form method="post" action={`/admin/articles/${article.id}/delete`} class="inline-form">
            <FormToken token={chrome.token} />
            <button type="submit" class="danger">Delete for good, with its discussion</button>
          </form>
        </div>
      )}
    </DeskLayout>
  );
}
