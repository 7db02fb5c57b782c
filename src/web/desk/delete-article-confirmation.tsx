// The one page between an article in the trash and its deletion for good: it says what will be lost.
import type { Translator } from '../../platform/i18n/translator.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export interface DeletionView {
  id: string;
  headline: string;
  comments: number;
  approvedComments: number;
  revisions: number;
}

export function DeleteArticleConfirmation({
  i18n,
  article,
  token,
}: {
  i18n: Translator;
  article: DeletionView;
  token?: string;
}) {
  const hidden = article.comments - article.approvedComments;
  return (
    <section class="desk-form narrow" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{i18n.t('desk.delete.heading', { headline: article.headline })}</h2>
      <p>{i18n.t('desk.delete.cannotUndo')}</p>
      <ul class="deletion-impact">
        <li>{i18n.t('desk.delete.article', { revisions: article.revisions })}</li>
        <li>
          {i18n.t('desk.delete.discussion', {
            comments: article.comments,
            approved: article.approvedComments,
            hidden,
          })}
        </li>
      </ul>
      <p>{i18n.t('desk.delete.keepHint')}</p>
      <form method="post" action={`/admin/articles/${article.id}/delete`} class="inline-form">
        <FormToken token={token} />
        <input type="hidden" name="confirm" value="delete" />
        <button type="submit" class="danger">
          {i18n.t('desk.delete.button', { comments: article.comments })}
        </button>
      </form>{' '}
      <a href={`/admin/articles/${article.id}/edit`}>{i18n.t('desk.delete.keep')}</a>
    </section>
  );
}

/** The confirmation as a desk page. */
export function DeleteArticlePage({ chrome, article }: { chrome: DeskChrome; article: DeletionView }) {
  return (
    <DeskLayout chrome={chrome} title={chrome.i18n.t('desk.delete.title')}>
      <DeleteArticleConfirmation i18n={chrome.i18n} article={article} token={chrome.token} />
    </DeskLayout>
  );
}
