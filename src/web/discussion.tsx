// The discussion under an article: the heading, the threaded comments, and the form or its closing line.
import { render } from 'preact-render-to-string';
import type { CommentNode } from '../modules/comments/index.ts';
import { ErrorSummary, fieldErrors } from './form-errors.tsx';
import { Slot, slotPieces } from './page-slots.tsx';
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
  /** Where the comments' markup comes from; without it, every comment is rendered here. */
  fragments?: CommentFragments;
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
  fragments,
}: DiscussionProps) {
  if (fragments?.heldList) fragments.list = fragments.heldList;
  else if (fragments && comments.length > 0) {
    fragments.list = commentListBytes({ site, open, editable }, comments, fragments);
    fragments.keepList?.(fragments.list);
  }
  const listed = fragments?.list !== undefined;
  return (
    <section class="discussion" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{discussionHeading(site, count, headline)}</h2>
      {picks.length > 0 && <EditorsPicks site={site} picks={picks} />}
      {paging && <CommentPager site={site} slug={slug} paging={paging} />}
      {(listed || comments.length > 0) &&
        (listed ? (
          <ol class="comment-list">
            <Slot name="comment-list" />
          </ol>
        ) : (
          <ol class="comment-list">
            {comments.map((c) => (
              <CommentItem site={site} comment={c} open={open} editable={editable} />
            ))}
          </ol>
        ))}
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
 * Where a page's rendered comments come from and go: kept apart from pages (src/platform/cache/fragment-cache.ts),
 * by everything their markup is made of (fragmentKey), so a page the render cache misses puts its discussion together
 * from bytes instead of rendering and encoding every comment again.
 */
export interface CommentFragments {
  /** The markup of a comment as every reader sees it (its list item up to its replies), if held. */
  find(comment: CommentNode, open: boolean): Buffer | undefined;
  keep(comment: CommentNode, open: boolean, html: Buffer): void;
  /** Set while the page renders: the comment list's bytes, put in its slot by assembleDocument. */
  list?: Buffer[];
  /**
   * The whole comment list of a page every reader shares, held from an earlier view of the same page of the same
   * discussion revision: the page then reads and looks up none of its comments.
   */
  heldList?: Buffer[];
  /** Keeps the list a shared page put together, for the next view (see heldList). */
  keepList?: (list: Buffer[]) => void;
}

/**
 * What names a comment's markup as every reader sees it: the comment and its last edit (its author, staff mark and
 * time never change after posting), the page's language and time zone, and whether the discussion is open.
 */
export const fragmentKey = (site: SiteView, open: boolean, comment: { id: string; editedAt?: Date | null }) =>
  `${comment.id}|${comment.editedAt?.getTime() ?? ''}|${site.i18n.language}|${site.settings.timeZone}|${open ? 1 : 0}`;

/** The page's bytes with its comment list in place (see CommentFragments). */
export function assembleDocument(html: string, fragments: CommentFragments): Buffer {
  return Buffer.concat(documentPieces(html, fragments));
}

/** The same, as the pieces to join (no copy of the list's bytes until the whole answer is joined). */
export function documentPieces(html: string, fragments: CommentFragments): Buffer[] {
  const bytes = Buffer.from(html);
  return fragments.list ? slotPieces(bytes, [['comment-list', fragments.list]]) : [bytes];
}

const escapeAttribute = (value: string) =>
  value.replace(/[&"<]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&lt;'));

/** What the comment list puts between its held pieces: the same bytes on every page. */
const CHILDREN_OPEN = Buffer.from('<ol class="children">');
const CHILDREN_CLOSE = Buffer.from('</ol>');
const ITEM_CLOSE = Buffer.from('</li>');

/** A comment's item up to its replies, as CommentItem renders it. */
const itemHead = (comment: CommentNode, content: string) =>
  `<li class="${comment.status === 'pending' ? 'comment comment-pending' : 'comment'}" id="${escapeAttribute(commentAnchor(comment.id))}"><article>${content}</article>`;

/**
 * The bytes of the comment list's items, as CommentItem renders them: what every reader sees alike from the held
 * fragments (each an item up to its replies, rendered and kept on a miss), a reader's own comments rendered for
 * them, and between them bytes made once. No piece is encoded per view.
 */
function commentListBytes(
  view: { site: SiteView; open: boolean; editable?: Set<string> },
  comments: CommentNode[],
  fragments: CommentFragments,
): Buffer[] {
  const { site, open, editable } = view;
  const out: Buffer[] = [];
  const walk = (nodes: CommentNode[]) => {
    for (const comment of nodes) {
      if (comment.status === 'pending' || editable?.has(comment.id)) {
        const content = render(<CommentContent site={site} comment={comment} open={open} editable={editable} />);
        out.push(Buffer.from(itemHead(comment, content)));
      } else {
        let html = fragments.find(comment, open);
        if (!html) {
          if (comment.outline) throw new Error(`Comment ${comment.id} came in outline, but its markup is not held.`);
          html = Buffer.from(itemHead(comment, render(<CommentContent site={site} comment={comment} open={open} />)));
          fragments.keep(comment, open, html);
        }
        out.push(html);
      }
      if (comment.replies.length > 0) {
        out.push(CHILDREN_OPEN);
        walk(comment.replies);
        out.push(CHILDREN_CLOSE);
      }
      out.push(ITEM_CLOSE);
    }
  };
  walk(comments);
  return out;
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
  return (
    <li class={pending ? 'comment comment-pending' : 'comment'} id={commentAnchor(comment.id)}>
      <article>
        <CommentContent site={site} comment={comment} open={open} editable={editable} />
      </article>
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
