// A reader edits or deletes their own comment: small pages of their own, so they work without JavaScript while the
// article page stays cached. Only the browser that posted the comment reaches them, and only for a few minutes.
import type { Comment } from '../../modules/comments/index.ts';
import { ErrorSummary, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { Layout } from '../layout.tsx';
import { articlePath, commentAnchor, commentDeletePath, commentEditPath, formatDate, type SiteView } from '../site.ts';

interface Props {
  site: SiteView;
  comment: Comment;
  article: { slug: string; headline: string };
  editableUntil: Date;
}

function Until({ site, until }: { site: SiteView; until: Date }) {
  return <p class="form-note">You can change or delete this comment until <time datetime={until.toISOString()}>{formatDate(site, until, true)}</time>.</p>;
}

/** The form that changes a comment's text, with the message beside it when the text was refused. */
export function EditCommentPage({ site, comment, article, editableUntil, text, error }: Props & { text: string; error?: FormProblem }) {
  const back = `${articlePath(article.slug)}#${commentAnchor(comment.id)}`;
  // Every refusal of this form is about its one field.
  const problem = error && { message: error.message, field: 'body' };
  const errors = fieldErrors(problem);
  return (
    <Layout site={site} title="Edit your comment">
      <h1>Edit your comment</h1>
      <p>On <a href={back}>{article.headline}</a>.</p>
      <Until site={site} until={editableUntil} />
      <form class="comment-form" method="post" action={commentEditPath(comment.id)}>
        <ErrorSummary problem={problem} ids={{ body: 'comment-body' }} />
        <p class="field">
          <label for="comment-body">Comment</label>
          <textarea id="comment-body" name="comment" rows={8} required maxLength={site.limits.comment.body}
            {...errors.control('body')}>{text}</textarea>
          {errors.message('body')}
        </p>
        <p class="form-note">The moderation rules apply to the new text too: it may wait for a moderator before it shows again.</p>
        <p class="form-submit"><button type="submit">Save changes</button> <a href={back}>Cancel</a></p>
      </form>
      <p><a href={commentDeletePath(comment.id)}>Delete this comment instead</a></p>
    </Layout>
  );
}

/** Asks once before deleting: the comment as shown, and one button. */
export function DeleteCommentPage({ site, comment, article, editableUntil }: Props) {
  const back = `${articlePath(article.slug)}#${commentAnchor(comment.id)}`;
  return (
    <Layout site={site} title="Delete your comment">
      <h1>Delete your comment?</h1>
      <p>On <a href={back}>{article.headline}</a>, you wrote:</p>
      <blockquote class="reported-comment comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <Until site={site} until={editableUntil} />
      <form class="comment-form" method="post" action={commentDeletePath(comment.id)}>
        <p class="form-submit"><button type="submit">Delete comment</button> <a href={back}>Keep it</a></p>
      </form>
    </Layout>
  );
}
