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
    <Layout site={site} title={site.i18n.t('report.title')}>
      <h1>{site.i18n.t('report.title')}</h1>
      <p>
        {site.i18n.rich('report.wrote', {
          headline: article.headline,
          name: comment.authorName,
          date: formatDate(site, comment.createdAt, true),
          a: (c) => <a href={back}>{c}</a>,
          bdi: (c) => <bdi>{c}</bdi>,
          time: (c) => <time datetime={comment.createdAt.toISOString()}>{c}</time>,
        })}
      </p>
      <blockquote class="reported-comment comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {sent ? (
        <>
          <p class="form-notice" role="status">
            {site.i18n.t('report.thanks')}
          </p>
          <p>
            <a href={back}>{site.i18n.t('report.back')}</a>
          </p>
        </>
      ) : (
        <form class="comment-form" method="post" action={commentReportPath(comment.id)}>
          <ErrorSummary
            problem={error && { message: error.message, field: 'reason' }}
            ids={{ reason: 'report-reason' }}
            title={site.i18n.t('form.problem')}
          />
          <p class="field">
            <label for="report-reason">{site.i18n.t('report.reason')}</label>
            <textarea
              id="report-reason"
              name="reason"
              rows={4}
              required
              maxLength={site.limits.reportReason}
              {...errors.control('reason')}
            >
              {reason ?? ''}
            </textarea>
            {errors.message('reason')}
          </p>
          <p class="form-note">{site.i18n.t('report.note')}</p>
          <p class="form-submit">
            <button type="submit">{site.i18n.t('report.send')}</button>{' '}
            <a href={back}>{site.i18n.t('comment.cancel')}</a>
          </p>
        </form>
      )}
    </Layout>
  );
}
