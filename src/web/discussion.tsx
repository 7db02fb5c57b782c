// The discussion under an article: the heading, the threaded comments, and the form or its closing line.
import { render } from 'preact-render-to-string';
import type { CommentNode } from '../modules/comments/index.ts';
import { ErrorSummary, fieldErrors } from './form-errors.tsx';
import { articlePath, commentAnchor, commentDeletePath, commentEditPath, commentPermalink, commentReportPath, discussionHeading, formatDate, type SiteView } from './site.ts';

export interface CommentFormState {
  values: { name?: string; email?: string; website?: string; body?: string; notifyReplies?: string };
  error?: { field?: string; message: string };
  replyTo?: { id: string; authorName: string };
  /** A word to the reader after posting, e.g. that their comment awaits moderation. */
  notice?: string;
}

export const HELD_NOTICE = 'Thank you. Your comment is awaiting moderation and will appear once a moderator approves it.';

/** Said beside a reader's own comment that waits for a moderator (only they are shown it). */
export const AWAITING_MODERATION = 'Awaiting moderation: only you can see this comment until a moderator approves it.';

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
function CommentPager({ slug, paging }: { slug: string; paging: NonNullable<DiscussionProps['paging']> }) {
  if (paging.pages <= 1) return null;
  const href = (n: number) => `${articlePath(slug)}${n === paging.defaultPage ? '' : `?cpage=${n}`}#comments`;
  return (
    <nav class="pagination comment-pager" aria-label="Comment pages">
      {paging.page > 1 ? <a href={href(paging.page - 1)} rel="prev">← Older comments</a> : <span />}
      <span>Comments page {paging.page} of {paging.pages}</span>
      {paging.page < paging.pages ? <a href={href(paging.page + 1)} rel="next">Newer comments →</a> : <span />}
    </nav>
  );
}

export function Discussion({ site, slug, headline, count, comments, picks = [], open, form, paging, editable }: DiscussionProps) {
  return (
    <section class="discussion" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{discussionHeading(count, headline)}</h2>
      {picks.length > 0 && <EditorsPicks site={site} picks={picks} />}
      {paging && <CommentPager slug={slug} paging={paging} />}
      {comments.length > 0 && (
        <ol class="comment-list">
          {comments.map((c) => <CommentItem site={site} comment={c} open={open} editable={editable} />)}
        </ol>
      )}
      {paging && <CommentPager slug={slug} paging={paging} />}
      {open ? <CommentForm site={site} slug={slug} state={form ?? { values: {} }} /> : <p class="comments-closed">Comments are closed.</p>}
    </section>
  );
}

/** The text badge of a comment written at the desk: the words say it, not a colour. */
const StaffBadge = () => <span class="staff-badge">Staff</span>;

/** Featured comments, copied above the thread (the thread itself is unchanged); no ids, so anchors stay unique. */
function EditorsPicks({ site, picks }: { site: SiteView; picks: CommentNode[] }) {
  return (
    <section class="editors-picks" aria-labelledby="picks-title">
      <h3 id="picks-title">Editor's picks</h3>
      <ol class="pick-list">
        {picks.map((c) => (
          <li class="pick">
            <p class="comment-meta">
              <span class="comment-author"><bdi>{c.authorName}</bdi></span>{c.byStaff && <> <StaffBadge /></>}{' '}
              <time datetime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt, true)}</time>
            </p>
            <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            <p class="pick-link"><a href={commentPermalink(c.id)}>See it in the discussion<span class="visually-hidden">: the comment by <bdi>{c.authorName}</bdi></span></a></p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What a comment shows inside its <article>: who and when, the words, and what a reader may do with it. */
function CommentContent({ site, comment, open, editable }: { site: SiteView; comment: CommentNode; open: boolean; editable?: Set<string> }) {
  const anchor = commentAnchor(comment.id);
  const pending = comment.status === 'pending';
  return (
    <>
      <footer class="comment-meta">
        <span class="comment-author">
          {comment.authorUrl ? <a href={comment.authorUrl} rel="nofollow ugc noopener"><bdi>{comment.authorName}</bdi></a> : <bdi>{comment.authorName}</bdi>}
        </span>{comment.byStaff && <> <StaffBadge /></>}{' '}
        <a class="comment-permalink" href={`#${anchor}`}>
          <time datetime={comment.createdAt.toISOString()}>{formatDate(site, comment.createdAt, true)}</time>
        </a>
        {comment.editedAt && <> <span class="comment-edited" title={`Edited ${formatDate(site, comment.editedAt, true)}`}>(edited)</span></>}
      </footer>
      {pending && <p class="comment-status">{AWAITING_MODERATION}</p>}
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <p class="comment-actions">
        {open && !pending && (
          <a class="reply-link" href={`?replyto=${comment.id}#respond`} aria-label={`Reply to ${comment.authorName}`}>Reply</a>
        )}{' '}
        {!pending && <a class="report-link" href={commentReportPath(comment.id)} rel="nofollow" aria-label={`Report the comment by ${comment.authorName}`}>Report</a>}
        {editable?.has(comment.id) && <>
          <a class="edit-link" href={commentEditPath(comment.id)} rel="nofollow" aria-label="Edit your comment">Edit</a>{' '}
          <a class="delete-link" href={commentDeletePath(comment.id)} rel="nofollow" aria-label="Delete your comment">Delete</a>
        </>}
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
  const made = `${open ? 1 : 0}|${site.settings.language}|${site.settings.timeZone}|${comment.createdAt.getTime()}|${comment.editedAt?.getTime() ?? ''}`
    + `|${comment.byStaff ? 1 : 0}|${comment.authorName.length}|${comment.authorName}|${comment.authorUrl}|${comment.bodyHtml}`;
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
export function CommentItem({ site, comment, open, editable }: { site: SiteView; comment: CommentNode; open: boolean; editable?: Set<string> }) {
  const pending = comment.status === 'pending';
  // What every reader sees alike comes from the kept fragments; a reader's own comments are rendered for them.
  const own = pending || editable?.has(comment.id);
  return (
    <li class={pending ? 'comment comment-pending' : 'comment'} id={commentAnchor(comment.id)}>
      {own
        ? <article><CommentContent site={site} comment={comment} open={open} editable={editable} /></article>
        : <article dangerouslySetInnerHTML={{ __html: sharedFragment(site, comment, open) }} />}
      {comment.replies.length > 0 && (
        <ol class="children">
          {comment.replies.map((r) => <CommentItem site={site} comment={r} open={open} editable={editable} />)}
        </ol>
      )}
    </li>
  );
}

/** The comment form's controls by the fields its errors name (the service's `body` is the form's `comment`). */
const COMMENT_FIELD_IDS = { body: 'comment-body', comment: 'comment-body', name: 'comment-name', email: 'comment-email', website: 'comment-website' };

export function CommentForm({ site, slug, state }: { site: SiteView; slug: string; state: CommentFormState }) {
  const limits = site.limits.comment;
  const errors = fieldErrors(state.error && { ...state.error, field: state.error.field === 'comment' ? 'body' : state.error.field });
  const err = (field: string) => errors.control(field);
  return (
    <div class="respond" id="respond">
      <h2 id="respond-title">{state.replyTo ? <>Reply to <bdi>{state.replyTo.authorName}</bdi></> : 'Leave a comment'}</h2>
      {state.replyTo && <p class="replying-to"><a href={`${articlePath(slug)}#respond`} class="cancel-reply">Cancel reply</a></p>}
      <ErrorSummary problem={state.error} ids={COMMENT_FIELD_IDS} />
      {state.notice && <p class="form-notice" role="status">{state.notice}</p>}
      <form class="comment-form" method="post" action={`${articlePath(slug)}/comments`} aria-labelledby="respond-title">
        <p class="form-note">Your email address will not be published. Name, email and comment are required.</p>
        <input type="hidden" name="parentId" value={state.replyTo?.id ?? ''} />
        <p class="field">
          <label for="comment-body">Comment</label>
          <textarea id="comment-body" name="comment" rows={6} required maxLength={limits.body} {...err('body')}>{state.values.body ?? ''}</textarea>
          {errors.message('body')}
        </p>
        <p class="field">
          <label for="comment-name">Name</label>
          <input id="comment-name" name="name" type="text" required maxLength={limits.name} autocomplete="name" value={state.values.name ?? ''} {...err('name')} />
          {errors.message('name')}
        </p>
        <p class="field">
          <label for="comment-email">Email</label>
          <input id="comment-email" name="email" type="email" required maxLength={limits.email} autocomplete="email" value={state.values.email ?? ''} {...err('email')} />
          {errors.message('email')}
        </p>
        <p class="field">
          <label for="comment-website">Website <span class="optional">(optional)</span></label>
          <input id="comment-website" name="website" type="url" maxLength={limits.website} autocomplete="url" value={state.values.website ?? ''} {...err('website')} />
          {errors.message('website')}
        </p>
        <p class="field checkbox-field">
          <input id="comment-notify" name="notifyReplies" type="checkbox" value="1" checked={state.values.notifyReplies === '1'} />{' '}
          <label for="comment-notify">Email me when someone replies</label>
        </p>
        {/* Hidden until the page's script shows it: only the script can keep them (the page is the same cached bytes for
            everyone, so the server never fills them in). */}
        <p class="field checkbox-field remember-field" hidden>
          <input id="comment-remember" name="remember" type="checkbox" value="1" />{' '}
          <label for="comment-remember">Save my name, email and website in this browser for the next time I comment</label>
        </p>
        <p class="field hp" aria-hidden="true">
          <label for="comment-fax">Leave this field empty</label>
          <input id="comment-fax" name="fax" type="text" tabIndex={-1} autocomplete="off" />
        </p>
        <p class="form-submit">
          <button type="submit">Post comment</button>
        </p>
      </form>
    </div>
  );
}
