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
  return (
    <p class="form-note">
      {site.i18n.rich('comment.editableUntil', {
        date: formatDate(site, until, true),
        time: (c) => <time datetime={until.toISOString()}>{c}</time>,
      })}
    </p>
  );
}

/** The form that changes a comment's text, with the message beside it when the text was refused. */
export function EditCommentPage({
  site,
  comment,
  article,
  editableUntil,
  text,
  error,
}: Props & { text: string; error?: FormProblem }) {
  const back = `${articlePath(article.slug)}#${commentAnchor(comment.id)}`;
  // Every refusal of this form is about its one field.
  const problem = error && { message: error.message, field: 'body' };
  const errors = fieldErrors(problem);
  return (
    <Layout site={site} title={site.i18n.t('comment.editTitle')}>
      <h1>{site.i18n.t('comment.editTitle')}</h1>
      <p>{site.i18n.rich('comment.on', { headline: article.headline, a: (c) => <a href={back}>{c}</a> })}</p>
      <Until site={site} until={editableUntil} />
      <form class="comment-form" method="post" action={commentEditPath(comment.id)}>
        <ErrorSummary problem={problem} ids={{ body: 'comment-body' }} title={site.i18n.t('form.problem')} />
        <p class="field">
          <label for="comment-body">{site.i18n.t('form.comment')}</label>
          <textarea
            id="comment-body"
            name="comment"
            rows={8}
            required
            maxLength={site.limits.comment.body}
            {...errors.control('body')}
          >
            {text}
          </textarea>
          {errors.message('body')}
        </p>
        <p class="form-note">{site.i18n.t('comment.rulesApply')}</p>
        <p class="form-submit">
          <button type="submit">{site.i18n.t('comment.save')}</button>{' '}
          <a href={back}>{site.i18n.t('comment.cancel')}</a>
        </p>
      </form>
      <p>
        <a href={commentDeletePath(comment.id)}>{site.i18n.t('comment.deleteInstead')}</a>
      </p>
    </Layout>
  );
}

/** Asks once before deleting: the comment as shown, and one button. */
export function DeleteCommentPage({ site, comment, article, editableUntil }: Props) {
  const back = `${articlePath(article.slug)}#${commentAnchor(comment.id)}`;
  return (
    <Layout site={site} title={site.i18n.t('comment.deleteTitle')}>
      <h1>{site.i18n.t('comment.deleteHeading')}</h1>
      <p>{site.i18n.rich('comment.onYouWrote', { headline: article.headline, a: (c) => <a href={back}>{c}</a> })}</p>
      <blockquote class="reported-comment comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <Until site={site} until={editableUntil} />
      <form class="comment-form" method="post" action={commentDeletePath(comment.id)}>
        <p class="form-submit">
          <button type="submit">{site.i18n.t('comment.deleteButton')}</button>{' '}
          <a href={back}>{site.i18n.t('comment.keep')}</a>
        </p>
      </form>
    </Layout>
  );
}
