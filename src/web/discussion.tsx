// The discussion under an article: the heading, the threaded comments, and the form or its closing line.
import { render } from 'preact-render-to-string';
import type { CommentNode } from '../modules/comments/index.ts';
import { ErrorSummary, fieldErrors } from './form-errors.tsx';
import {
  articlePath,
  commentAnchor,
  commentDeletePath,
  commentEditPath,
  commentPermalink,
  commentReportPath,
  discussionHeading,
  formatDate,
  type SiteView,
} from './site.ts';

export interface CommentFormState {
  values: { name?: string; email?: string; website?: string; body?: string; notifyReplies?: string };
  error?: { field?: string; message: string };
  replyTo?: { id: string; authorName: string };
  /** After posting: the reader's comment awaits moderation, and the form says so. */
  held?: boolean;
}

/** Said on the form when a reader's comment waits for a moderator. */
export const heldNotice = (site: SiteView) => site.i18n.t('discussion.held');

interface DiscussionProps {
  site: SiteView;
  slug: string;
  headline: string;
  count: number;
  comments: CommentNode[];
  /** Comments editors featured, shown again first; each links to its place in the thread. */
  picks?: CommentNode[];
  open: boolean;
  form?: CommentFormState;
  paging?: { page: number; pages: number; defaultPage: number };
  /** Only on a reader's own, uncached page: their comments they may still edit or delete. */
  editable?: Set<string>;
}

/** Links between the pages of a long discussion; the default page is the article's own address. */
function CommentPager({
  site,
  slug,
  paging,
}: {
  site: SiteView;
  slug: string;
  paging: NonNullable<DiscussionProps['paging']>;
}) {
  if (paging.pages <= 1) return null;
  const href = (n: number) => `${articlePath(slug)}${n === paging.defaultPage ? '' : `?cpage=${n}`}#comments`;
  return (
    <nav class="pagination comment-pager" aria-label={site.i18n.t('discussion.pagesLabel')}>
      {paging.page > 1 ? (
        <a href={href(paging.page - 1)} rel="prev">
          {site.i18n.t('discussion.older')}
        </a>
      ) : (
        <span />
      )}
      <span>{site.i18n.t('discussion.pageOf', { page: paging.page, pages: paging.pages })}</span>
      {paging.page < paging.pages ? (
        <a href={href(paging.page + 1)} rel="next">
          {site.i18n.t('discussion.newer')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function Discussion({
  site,
  slug,
  headline,
  count,
  comments,
  picks = [],
  open,
  form,
  paging,
  editable,
}: DiscussionProps) {
  return (
    <section class="discussion" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{discussionHeading(site, count, headline)}</h2>
      {picks.length > 0 && <EditorsPicks site={site} picks={picks} />}
      {paging && <CommentPager site={site} slug={slug} paging={paging} />}
      {comments.length > 0 && (
        <ol class="comment-list">
          {comments.map((c) => (
            <CommentItem site={site} comment={c} open={open} editable={editable} />
          ))}
        </ol>
      )}
      {paging && <CommentPager site={site} slug={slug} paging={paging} />}
      {open ? (
        <CommentForm site={site} slug={slug} state={form ?? { values: {} }} />
      ) : (
        <p class="comments-closed">{site.i18n.t('discussion.closed')}</p>
      )}
    </section>
  );
}

/** The text badge of a comment written at the desk: the words say it, not a colour. */
const StaffBadge = ({ site }: { site: SiteView }) => <span class="staff-badge">{site.i18n.t('discussion.staff')}</span>;

/** Featured comments, copied above the thread (the thread itself is unchanged); no ids, so anchors stay unique. */
function EditorsPicks({ site, picks }: { site: SiteView; picks: CommentNode[] }) {
  return (
    <section class="editors-picks" aria-labelledby="picks-title">
      <h3 id="picks-title">{site.i18n.t('discussion.picks')}</h3>
      <ol class="pick-list">
        {picks.map((c) => (
          <li class="pick">
            <p class="comment-meta">
              <span class="comment-author">
                <bdi>{c.authorName}</bdi>
              </span>
              {c.byStaff && (
                <>
                  {' '}
                  <StaffBadge site={site} />
                </>
              )}{' '}
              <time datetime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt, true)}</time>
            </p>
            <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            <p class="pick-link">
              <a href={commentPermalink(c.id)}>
                {site.i18n.rich('discussion.seeInDiscussion', {
                  name: c.authorName,
                  hidden: (x) => <span class="visually-hidden">{x}</span>,
                  bdi: (x) => <bdi>{x}</bdi>,
                })}
              </a>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What a comment shows inside its <article>: who and when, the words, and what a reader may do with it. */
function CommentContent({
  site,
  comment,
  open,
  editable,
}: {
  site: SiteView;
  comment: CommentNode;
  open: boolean;
  editable?: Set<string>;
}) {
  const anchor = commentAnchor(comment.id);
  const pending = comment.status === 'pending';
  return (
    <>
      <footer class="comment-meta">
        <span class="comment-author">
          {comment.authorUrl ? (
            <a href={comment.authorUrl} rel="nofollow ugc noopener">
              <bdi>{comment.authorName}</bdi>
            </a>
          ) : (
            <bdi>{comment.authorName}</bdi>
          )}
        </span>
        {comment.byStaff && (
          <>
            {' '}
            <StaffBadge site={site} />
          </>
        )}{' '}
        <a class="comment-permalink" href={`#${anchor}`}>
          <time datetime={comment.createdAt.toISOString()}>{formatDate(site, comment.createdAt, true)}</time>
        </a>
        {comment.editedAt && (
          <>
            {' '}
            <span
              class="comment-edited"
              title={site.i18n.t('discussion.editedAt', { date: formatDate(site, comment.editedAt, true) })}
            >
              {site.i18n.t('discussion.edited')}
            </span>
          </>
        )}
      </footer>
      {pending && <p class="comment-status">{site.i18n.t('discussion.awaiting')}</p>}
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <p class="comment-actions">
        {open && !pending && (
          <a
            class="reply-link"
            href={`?replyto=${comment.id}#respond`}
            aria-label={site.i18n.t('discussion.replyTo', { name: comment.authorName })}
          >
            {site.i18n.t('discussion.reply')}
          </a>
        )}{' '}
        {!pending && (
          <a
            class="report-link"
            href={commentReportPath(comment.id)}
            rel="nofollow"
            aria-label={site.i18n.t('discussion.reportLabel', { name: comment.authorName })}
          >
            {site.i18n.t('discussion.report')}
          </a>
        )}
        {editable?.has(comment.id) && (
          <>
            <a
              class="edit-link"
              href={commentEditPath(comment.id)}
              rel="nofollow"
              aria-label={site.i18n.t('discussion.editLabel')}
            >
              {site.i18n.t('discussion.edit')}
            </a>{' '}
            <a
              class="delete-link"
              href={commentDeletePath(comment.id)}
              rel="nofollow"
              aria-label={site.i18n.t('discussion.deleteLabel')}
            >
              {site.i18n.t('discussion.delete')}
            </a>
          </>
        )}
      </p>
    </>
  );
}

/**
 * The rendered content of comments as every reader sees them, kept by comment and checked against everything the
 * markup is made of (so an edit, a new name, a change of language or time zone, a discussion closing each render
 * afresh). A long discussion's page renders its comments once, not on every view that misses the page cache.
 */
const fragments = new Map<string, { made: string; html: string }>();
let fragmentChars = 0;
/** About 32 MB of strings; past it the kept fragments are dropped and made again as pages ask. */
const MAX_FRAGMENT_CHARS = 16 * 1024 * 1024;

function sharedFragment(site: SiteView, comment: CommentNode, open: boolean): string {
  const made =
    `${open ? 1 : 0}|${site.settings.language}|${site.settings.timeZone}|${comment.createdAt.getTime()}|${comment.editedAt?.getTime() ?? ''}` +
    `|${comment.byStaff ? 1 : 0}|${comment.authorName.length}|${comment.authorName}|${comment.authorUrl}|${comment.bodyHtml}`;
  const kept = fragments.get(comment.id);
  if (kept && kept.made === made) return kept.html;
  const html = render(<CommentContent site={site} comment={comment} open={open} />);
  if (fragmentChars > MAX_FRAGMENT_CHARS) {
    fragments.clear();
    fragmentChars = 0;
  }
  if (kept) fragmentChars -= kept.made.length + kept.html.length;
  fragments.set(comment.id, { made, html });
  fragmentChars += made.length + html.length;
  return html;
}

/**
 * One comment with its replies nested below it. A pending comment (only ever in its author's own view) is marked
 * so and cannot be replied to or reported; `editable` names the comments whose author may still change them.
 */
export function CommentItem({
  site,
  comment,
  open,
  editable,
}: {
  site: SiteView;
  comment: CommentNode;
  open: boolean;
  editable?: Set<string>;
}) {
  const pending = comment.status === 'pending';
  // What every reader sees alike comes from the kept fragments; a reader's own comments are rendered for them.
  const own = pending || editable?.has(comment.id);
  return (
    <li class={pending ? 'comment comment-pending' : 'comment'} id={commentAnchor(comment.id)}>
      {own ? (
        <article>
          <CommentContent site={site} comment={comment} open={open} editable={editable} />
        </article>
      ) : (
        <article dangerouslySetInnerHTML={{ __html: sharedFragment(site, comment, open) }} />
      )}
      {comment.replies.length > 0 && (
        <ol class="children">
          {comment.replies.map((r) => (
            <CommentItem site={site} comment={r} open={open} editable={editable} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The comment form's controls by the fields its errors name (the service's `body` is the form's `comment`). */
const COMMENT_FIELD_IDS = {
  body: 'comment-body',
  comment: 'comment-body',
  name: 'comment-name',
  email: 'comment-email',
  website: 'comment-website',
};

export function CommentForm({ site, slug, state }: { site: SiteView; slug: string; state: CommentFormState }) {
  const limits = site.limits.comment;
  const { i18n } = site;
  const errors = fieldErrors(
    state.error && { ...state.error, field: state.error.field === 'comment' ? 'body' : state.error.field },
  );
  const err = (field: string) => errors.control(field);
  return (
    <div class="respond" id="respond">
      <h2 id="respond-title">
        {state.replyTo
          ? i18n.rich('form.replyTo', { name: state.replyTo.authorName, bdi: (c) => <bdi>{c}</bdi> })
          : i18n.t('form.leaveComment')}
      </h2>
      {state.replyTo && (
        <p class="replying-to">
          <a href={`${articlePath(slug)}#respond`} class="cancel-reply">
            {i18n.t('form.cancelReply')}
          </a>
        </p>
      )}
      <ErrorSummary problem={state.error} ids={COMMENT_FIELD_IDS} title={site.i18n.t('form.problem')} />
      {state.held && (
        <p class="form-notice" role="status">
          {heldNotice(site)}
        </p>
      )}
      <form
        class="comment-form"
        method="post"
        action={`${articlePath(slug)}/comments`}
        aria-labelledby="respond-title"
        data-leave={i18n.t('form.leaveComment')}
        data-cancel-reply={i18n.t('form.cancelReply')}
        data-reply-to={i18n.t('discussion.replyTo', { name: '{name}' })}
        data-held={heldNotice(site)}
        data-failed={i18n.t('form.failed')}
        data-offline={i18n.t('form.offline')}
      >
        <p class="form-note">{i18n.t('form.note')}</p>
        <input type="hidden" name="parentId" value={state.replyTo?.id ?? ''} />
        <p class="field">
          <label for="comment-body">{i18n.t('form.comment')}</label>
          <textarea id="comment-body" name="comment" rows={6} required maxLength={limits.body} {...err('body')}>
            {state.values.body ?? ''}
          </textarea>
          {errors.message('body')}
        </p>
        <p class="field">
          <label for="comment-name">{i18n.t('form.name')}</label>
          <input
            id="comment-name"
            name="name"
            type="text"
            required
            maxLength={limits.name}
            autocomplete="name"
            value={state.values.name ?? ''}
            {...err('name')}
          />
          {errors.message('name')}
        </p>
        <p class="field">
          <label for="comment-email">{i18n.t('form.email')}</label>
          <input
            id="comment-email"
            name="email"
            type="email"
            required
            maxLength={limits.email}
            autocomplete="email"
            value={state.values.email ?? ''}
            {...err('email')}
          />
          {errors.message('email')}
        </p>
        <p class="field">
          <label for="comment-website">
            {i18n.rich('form.website', { optional: (c) => <span class="optional">{c}</span> })}
          </label>
          <input
            id="comment-website"
            name="website"
            type="url"
            maxLength={limits.website}
            autocomplete="url"
            value={state.values.website ?? ''}
            {...err('website')}
          />
          {errors.message('website')}
        </p>
        <p class="field checkbox-field">
          <input
            id="comment-notify"
            name="notifyReplies"
            type="checkbox"
            value="1"
            checked={state.values.notifyReplies === '1'}
          />{' '}
          <label for="comment-notify">{i18n.t('form.notify')}</label>
        </p>
        {/* Hidden until the page's script shows it: only the script can keep them (the page is the same cached bytes for
            everyone, so the server never fills them in). */}
        <p class="field checkbox-field remember-field" hidden>
          <input id="comment-remember" name="remember" type="checkbox" value="1" />{' '}
          <label for="comment-remember">{i18n.t('form.remember')}</label>
        </p>
        <p class="field hp" aria-hidden="true">
          <label for="comment-fax">{i18n.t('form.honeypot')}</label>
          <input id="comment-fax" name="fax" type="text" tabIndex={-1} autocomplete="off" />
        </p>
        <p class="form-submit">
          <button type="submit">{i18n.t('form.post')}</button>
        </p>
      </form>
    </div>
  );
}
