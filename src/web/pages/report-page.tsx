// A reader reports one comment to the moderators: a small page per comment, so the article page stays the same for everyone.
import type { Comment } from '../../modules/comments/index.ts';
import { ErrorSummary, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { Layout } from '../layout.tsx';
import { articlePath, commentAnchor, commentReportPath, formatDate, type SiteView } from '../site.ts';

interface ReportPageProps {
  site: SiteView;
  comment: Comment;
  article: { slug: string; headline: string };
  reason?: string;
  error?: FormProblem;
  /** Set once the report is in: the thank-you instead of the form. */
  sent?: boolean;
}

export function ReportPage({ site, comment, article, reason, error, sent }: ReportPageProps) {
  const back = `${articlePath(article.slug)}#${commentAnchor(comment.id)}`;
  // Every refusal of this form is about its one field.
  const errors = fieldErrors(error && { message: error.message, field: 'reason' });
  return (
    <Layout site={site} title="Report a comment">
      <h1>Report a comment</h1>
      <p>On <a href={back}>{article.headline}</a>, <bdi>{comment.authorName}</bdi> wrote on <time datetime={comment.createdAt.toISOString()}>{formatDate(site, comment.createdAt, true)}</time>:</p>
      <blockquote class="reported-comment comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {sent ? (
        <>
          <p class="form-notice" role="status">Thank you. A moderator will look at this comment.</p>
          <p><a href={back}>Back to the discussion</a></p>
        </>
      ) : (
        <form class="comment-form" method="post" action={commentReportPath(comment.id)}>
          <ErrorSummary problem={error && { message: error.message, field: 'reason' }} ids={{ reason: 'report-reason' }} />
          <p class="field">
            <label for="report-reason">What is wrong with this comment?</label>
            <textarea id="report-reason" name="reason" rows={4} required maxLength={site.limits.reportReason}
              {...errors.control('reason')}>{reason ?? ''}</textarea>
            {errors.message('reason')}
          </p>
          <p class="form-note">Moderators see your report and your network address, never other readers.</p>
          <p class="form-submit"><button type="submit">Send report</button> <a href={back}>Cancel</a></p>
        </form>
      )}
    </Layout>
  );
}
