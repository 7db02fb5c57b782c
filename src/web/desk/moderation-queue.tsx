// The moderation desk's page body: queue tabs with counts, the bulk form, and each comment with its context and actions.
import type { ComponentChildren } from 'preact';
import type { QueueItem, QueuePage } from '../../modules/moderation-desk/index.ts';
import { type FieldIds, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath, commentAnchor, formatDate, type SiteView } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

const QUEUE_LABELS = {
  pending: 'Pending',
  reported: 'Reported',
  spam: 'Spam',
  trash: 'Trash',
  recent: 'All recent',
} as const;

/** What the ban form of one comment shows after a refused ban: the typed values and the message beside its field. */
export interface BanFormState {
  commentId: string;
  email: string;
  ip: string;
  reason: string;
  field?: string;
  message: string;
}

/** What the staff reply form of one comment shows after a refused reply: the typed text and the message. */
export interface ReplyFormState {
  commentId: string;
  body: string;
  message: string;
}

/** What the Edit text form of one comment shows after a refused save: the typed text and the message. */
export interface EditFormState {
  commentId: string;
  body: string;
  message: string;
}

/** A queue's address, with the article and the search it is narrowed to. */
export const queueUrl = (queue: string, page = 1, filters: { article?: string; q?: string } = {}) => {
  const params = new URLSearchParams({ queue });
  if (filters.article) params.set('article', filters.article);
  if (filters.q) params.set('q', filters.q);
  if (page > 1) params.set('page', String(page));
  return `/admin/moderation?${params}`;
};

interface Props {
  site: SiteView;
  token?: string;
  list: QueuePage;
  ban?: BanFormState;
  reply?: ReplyFormState;
  edit?: EditFormState;
  /** The signed-in staff member's name, as their replies are signed. */
  staffName: string;
}

export function ModerationQueue({ site, token, list, ban, reply, edit, staffName }: Props) {
  const filters = { article: list.filters.article?.id, q: list.filters.q };
  const back = (
    <>
      <FormToken token={token} />
      <input type="hidden" name="queue" value={list.queue} />
      <input type="hidden" name="page" value={String(list.page)} />
      {filters.article && <input type="hidden" name="article" value={filters.article} />}
      {filters.q && <input type="hidden" name="q" value={filters.q} />}
    </>
  );
  const counts = new URLSearchParams({
    queue: list.queue,
    page: String(list.page),
    ...(filters.article && { article: filters.article }),
    ...(filters.q && { q: filters.q }),
  });
  return (
    <div
      id="queue"
      data-current-queue={list.queue}
      data-current-page={String(list.page)}
      data-first-url={queueUrl(list.queue, 1, filters)}
      data-counts-url={`/admin/moderation/counts.json?${counts}`}
    >
      <p class="queue-links">
        <a href="/admin/moderation/bans">Banned commenters</a>
      </p>
      <form method="get" action="/admin/moderation" class="queue-search" role="search">
        <input type="hidden" name="queue" value={list.queue} />
        {filters.article && <input type="hidden" name="article" value={filters.article} />}
        <label for="queue-q">Search comments</label>{' '}
        <input id="queue-q" name="q" type="search" value={filters.q} maxLength={200} aria-describedby="queue-q-hint" />{' '}
        <button type="submit">Search</button>
        <small id="queue-q-hint"> Words in the text or the name, an email, or an address (IP).</small>
      </form>
      {(list.filters.article || filters.q) && (
        <p class="queue-filter" role="status">
          {list.filters.article && (
            <>
              Comments on <a href={articlePath(list.filters.article.slug)}>{list.filters.article.headline}</a>
              {filters.q ? ' ' : '. '}
            </>
          )}
          {filters.q && (
            <>
              {list.filters.article ? 'matching' : 'Comments matching'} “{filters.q}”.{' '}
            </>
          )}
          <a href={queueUrl(list.queue)}>Show every comment</a>
        </p>
      )}
      <nav class="queue-tabs" aria-label="Queues">
        <ul>
          {(Object.keys(QUEUE_LABELS) as (keyof typeof QUEUE_LABELS)[]).map((q) => (
            <li>
              <a href={queueUrl(q, 1, filters)} aria-current={q === list.queue ? 'page' : undefined} data-queue={q}>
                {QUEUE_LABELS[q]} <span class="count">{list.counts[q]}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="queue-news" role="status"></p>
      <p class="keyboard-help">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next and previous comment, <kbd>a</kbd> approve, <kbd>r</kbd> reject to the
        trash, <kbd>s</kbd> spam.
      </p>
      {list.items.length === 0 ? (
        <p class="empty-queue">
          {list.filters.article || filters.q ? 'No comments in this queue match.' : 'No comments in this queue.'}
        </p>
      ) : (
        <form id="bulk" method="post" action="/admin/moderation/bulk" class="bulk-form">
          {back}
          <label>
            With the selected comments{' '}
            <select name="action">
              <option value="approve">Approve</option>
              <option value="trash">Move to the trash</option>
              <option value="spam">Mark as spam</option>
              <option value="restore">Restore to pending</option>
            </select>
          </label>
          <button type="submit">Apply</button>
        </form>
      )}
      <ol class="mod-list">
        {list.items.map((item) => (
          <li>
            <QueueEntry
              site={site}
              item={item}
              back={back}
              staffName={staffName}
              ban={ban?.commentId === item.id ? ban : undefined}
              reply={reply?.commentId === item.id ? reply : undefined}
              edit={edit?.commentId === item.id ? edit : undefined}
            />
          </li>
        ))}
      </ol>
      {list.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {list.page > 1 && (
            <a href={queueUrl(list.queue, list.page - 1, filters)} rel="prev">
              ← Newer
            </a>
          )}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages && (
            <a href={queueUrl(list.queue, list.page + 1, filters)} rel="next">
              Older →
            </a>
          )}
        </nav>
      )}
    </div>
  );
}

interface EntryProps {
  site: SiteView;
  item: QueueItem;
  back: ComponentChildren;
  staffName: string;
  ban?: BanFormState;
  reply?: ReplyFormState;
  edit?: EditFormState;
}

function QueueEntry({ site, item, back, staffName, ban, reply, edit }: EntryProps) {
  const replyErrors = fieldErrors(reply && { message: reply.message, field: 'body' }, `reply-${item.id}-`);
  const editErrors = fieldErrors(edit && { message: edit.message, field: 'body' }, `edit-${item.id}-`);
  const banErrors = fieldErrors(ban && { message: ban.message, field: ban.field }, `ban-${item.id}-`);
  /** One moderation action: its keyboard shortcut (data-key) and its look (a class) are optional. */
  const button = (action: string, label: string, look: { shortcut?: string; style?: string } = {}) => (
    <button type="submit" name="action" value={action} class={look.style} data-key={look.shortcut}>
      {label}
    </button>
  );
  return (
    <article
      class="mod-comment"
      id={`mod-${item.id}`}
      tabindex={-1}
      data-comment={item.id}
      aria-label={`Comment by ${item.authorName}`}
    >
      <header>
        <input
          type="checkbox"
          form="bulk"
          name="ids"
          value={item.id}
          aria-label={`Select the comment by ${item.authorName}`}
        />{' '}
        <strong class="mod-author">
          <bdi>{item.authorName}</bdi>
        </strong>
        {item.byStaff && (
          <>
            {' '}
            <span class="staff-badge">Staff</span>
          </>
        )}{' '}
        <span class={`status status-${item.status}`}>{item.status}</span>
        {item.featured && (
          <>
            {' '}
            <span class="status status-featured">Editor's pick</span>
          </>
        )}{' '}
        on <a href={`${articlePath(item.article.slug)}#${commentAnchor(item.id)}`}>{item.article.headline}</a>
        {' · '}
        <time datetime={item.createdAt.toISOString()}>{formatDate(site, item.createdAt, true)}</time>
        {item.kind !== 'comment' && <> · {item.kind}</>}
        {item.editedAt && (
          <>
            {' '}
            · <span class="mod-edited">edited</span>
          </>
        )}
      </header>
      {item.parent && (
        <p class="mod-parent">
          In reply to <bdi>{item.parent.authorName}</bdi>: “{item.parent.firstWords}”
        </p>
      )}
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      <dl class="mod-facts">
        <dt>Email</dt>
        <dd>{item.authorEmail || '—'}</dd>
        <dt>IP</dt>
        <dd>{item.ip || '—'}</dd>
        {item.authorUrl && (
          <>
            <dt>Website</dt>
            <dd>{item.authorUrl}</dd>
          </>
        )}
        <dt>History</dt>
        <dd class="mod-history">
          {item.byStaff
            ? 'written at the desk by staff'
            : item.history
              ? `${item.history.total} ${item.history.total === 1 ? 'comment' : 'comments'}, ${item.history.approved} approved, first seen ${formatDate(site, item.history.firstSeen)}`
              : 'no email to go by'}
        </dd>
        <dt>Why</dt>
        <dd class="mod-why">
          {item.why.length === 0 ? (
            'no recorded decision'
          ) : (
            <ul>
              {item.why.map((w) => (
                <li>
                  <code>{w.rule}</code>: {w.reason}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {item.edits.length > 0 && (
          <>
            <dt>Edited</dt>
            <dd class="mod-edits">
              {item.edits.length} {item.edits.length === 1 ? 'time' : 'times'}
              <ol>
                {item.edits.map((e) => (
                  <li>
                    by {e.by ?? 'its author'} on{' '}
                    <time datetime={e.at.toISOString()}>{formatDate(site, e.at, true)}</time>; before: <q>{e.before}</q>
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        {item.reports.length > 0 && (
          <>
            <dt>Reports</dt>
            <dd class="mod-reports">
              {item.reports.length} {item.reports.length === 1 ? 'report' : 'reports'}
              <ul>
                {item.reports.map((r) => (
                  <li>{r.reason}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <form method="post" action={`/admin/moderation/comments/${item.id}`} class="mod-actions">
        {back}
        {item.status !== 'approved' && button('approve', 'Approve', { shortcut: 'a' })}
        {item.status === 'approved' &&
          item.reports.length > 0 &&
          button('approve', 'Keep, dismiss the reports', { shortcut: 'a' })}
        {item.status !== 'trash' && button('trash', 'Trash', { shortcut: 'r', style: 'secondary' })}
        {item.status !== 'spam' && button('spam', 'Spam', { shortcut: 's', style: 'danger' })}
        {(item.status === 'spam' || item.status === 'trash') &&
          button('restore', 'Restore to pending', { style: 'secondary' })}
      </form>
      {(item.featured || item.status === 'approved') && (
        <form method="post" action={`/admin/moderation/comments/${item.id}/feature`} class="mod-feature">
          {back}
          <input type="hidden" name="featured" value={item.featured ? '0' : '1'} />
          <button type="submit" class="secondary">
            {item.featured ? 'Unfeature' : 'Feature'}
          </button>
          <small>
            {item.featured
              ? "Shown first under “Editor's picks” on the article page."
              : "Show it first, under “Editor's picks”, on the article page."}
          </small>
        </form>
      )}
      {(item.status === 'approved' || item.status === 'pending') && (
        <details class="mod-reply" open={reply !== undefined}>
          <summary>{item.status === 'pending' ? 'Approve and reply as staff' : 'Reply as staff'}</summary>
          <form
            method="post"
            action={`/admin/moderation/comments/${item.id}/${item.status === 'pending' ? 'answer' : 'reply'}`}
            class="desk-form"
          >
            {back}
            <div class="field">
              <label for={`reply-body-${item.id}`}>
                Your reply to <bdi>{item.authorName}</bdi>
              </label>
              <textarea
                id={`reply-body-${item.id}`}
                name="body"
                rows={4}
                required
                maxLength={5000}
                {...replyErrors.control('body')}
              >
                {reply?.body ?? ''}
              </textarea>
              {replyErrors.message('body')}
              <small>
                {item.status === 'pending'
                  ? 'The comment is approved and your reply published under it at once, '
                  : 'Published at once under the comment, '}
                signed {staffName} with a Staff badge.
              </small>
            </div>
            <button type="submit">{item.status === 'pending' ? 'Approve and publish reply' : 'Publish reply'}</button>
          </form>
        </details>
      )}
      <details class="mod-edit" open={edit !== undefined}>
        <summary>Edit text</summary>
        <form method="post" action={`/admin/moderation/comments/${item.id}/text`} class="desk-form">
          {back}
          <div class="field">
            <label for={`edit-body-${item.id}`}>
              Text of the comment by <bdi>{item.authorName}</bdi>
            </label>
            <textarea
              id={`edit-body-${item.id}`}
              name="body"
              rows={6}
              required
              maxLength={site.limits.comment.body}
              {...editErrors.control('body')}
            >
              {edit?.body ?? item.bodyText}
            </textarea>
            {editErrors.message('body')}
            <small>The earlier text is kept in the comment's history; readers see the comment marked “edited”.</small>
          </div>
          <button type="submit">Save text</button>
        </form>
      </details>
      {!item.byStaff && (
        <details class="mod-ban" open={ban !== undefined}>
          <summary>Ban this commenter</summary>
          <form method="post" action="/admin/moderation/ban" class="desk-form">
            {back}
            <input type="hidden" name="commentId" value={item.id} />
            {ban && !ban.field && <p class="form-error">{ban.message}</p>}
            <div class="field-row">
              <div class="field">
                <label for={`ban-email-${item.id}`}>Email</label>
                <input
                  id={`ban-email-${item.id}`}
                  name="email"
                  type="email"
                  value={ban?.email ?? item.authorEmail}
                  {...banErrors.control('email')}
                />
                {banErrors.message('email')}
              </div>
              <div class="field">
                <label for={`ban-ip-${item.id}`}>IP address or range</label>
                <input id={`ban-ip-${item.id}`} name="ip" value={ban?.ip ?? item.ip} {...banErrors.control('ip')} />
                {banErrors.message('ip')}
                <small>
                  Clear a field to ban by the other only; a range such as 203.0.113.0/24 bans a neighbourhood.
                </small>
              </div>
            </div>
            <div class="field">
              <label for={`ban-reason-${item.id}`}>Reason</label>
              <input
                id={`ban-reason-${item.id}`}
                name="reason"
                required
                maxLength={500}
                value={ban?.reason ?? ''}
                {...banErrors.control('reason')}
              />
              {banErrors.message('reason')}
            </div>
            <button type="submit" class="danger">
              Ban
            </button>
          </form>
        </details>
      )}
    </article>
  );
}

/** The moderation page: the desk, its queue script, and the queue. */
export function ModerationQueuePage({
  chrome,
  staffName,
  notice,
  error,
  ...forms
}: Omit<Props, 'site' | 'token'> & { chrome: DeskChrome; notice?: string; error?: string }) {
  // The summary links to the refused form's field, on the comment it was about.
  const { reply, edit, ban } = forms;
  const problem: FormProblem | string | undefined = reply
    ? { message: reply.message, field: 'body' }
    : edit
      ? { message: edit.message, field: 'body' }
      : ban
        ? { message: ban.message, field: ban.field }
        : error;
  const fields: FieldIds = reply
    ? { body: `reply-body-${reply.commentId}` }
    : edit
      ? { body: `edit-body-${edit.commentId}` }
      : ban
        ? { email: `ban-email-${ban.commentId}`, ip: `ban-ip-${ban.commentId}`, reason: `ban-reason-${ban.commentId}` }
        : {};
  return (
    <DeskLayout
      chrome={chrome}
      title="Moderation"
      notice={notice}
      error={problem}
      fields={fields}
      scripts={[chrome.site.assets.moderationScript]}
    >
      <ModerationQueue site={chrome.site} token={chrome.token} staffName={staffName} {...forms} />
    </DeskLayout>
  );
}
