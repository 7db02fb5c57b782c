// The one page between an article in the trash and its deletion for good: it says what will be lost.
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export interface DeletionView {
  id: string;
  headline: string;
  comments: number;
  approvedComments: number;
  revisions: number;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function DeleteArticleConfirmation({ article, token }: { article: DeletionView; token?: string }) {
  const hidden = article.comments - article.approvedComments;
  return (
    <section class="desk-form narrow" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete “{article.headline}” for good?</h2>
      <p>This cannot be undone. Deleting it removes:</p>
      <ul class="deletion-impact">
        <li>the article, its addresses and its {plural(article.revisions, 'revision', 'revisions')};</li>
        <li>
          its discussion: {plural(article.comments, 'comment', 'comments')}
          {article.comments > 0 &&
            ` (${article.approvedComments.toLocaleString('en')} shown to readers, ${hidden.toLocaleString('en')} held, spam or trashed)`}
          .
        </li>
      </ul>
      <p>To keep it out of sight but recoverable, leave it in the trash.</p>
      <form method="post" action={`/admin/articles/${article.id}/delete`} class="inline-form">
        <FormToken token={token} />
        <input type="hidden" name="confirm" value="delete" />
        <button type="submit" class="danger">
          Delete the article and {plural(article.comments, 'comment', 'comments')} for good
        </button>
      </form>{' '}
      <a href={`/admin/articles/${article.id}/edit`}>Keep it in the trash</a>
    </section>
  );
}

/** The confirmation as a desk page. */
export function DeleteArticlePage({ chrome, article }: { chrome: DeskChrome; article: DeletionView }) {
  return (
    <DeskLayout chrome={chrome} title="Delete for good">
      <DeleteArticleConfirmation article={article} token={chrome.token} />
    </DeskLayout>
  );
}
