// The moderation desk's page body: queue tabs with counts, the bulk form, and each comment with its context and actions.
import type { ComponentChildren } from 'preact';
import type { QueueItem, QueuePage } from '../../modules/moderation-desk/index.ts';
import { type FieldIds, fieldErrors, type FormProblem } from '../form-errors.tsx';
import type { Translator } from '../../platform/i18n/translator.ts';
import { articlePath, commentAnchor, type SiteView } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

// The tabs, in the order shown; each is named by the catalogue's `desk.moderation.queue`.
const QUEUE_TABS = ['pending', 'reported', 'spam', 'trash', 'recent'] as const;

/** The keys the queue's script answers to, named in the help line whatever the desk's language. */
const KEYS = { next: 'j', previous: 'k', approve: 'a', reject: 'r', spam: 's' } as const;

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

/**
 * The script's "3 new comments — " in the desk's language: one wording per plural category the language has, the
 * count left as `{n}`, so the script only picks the category (Intl.PluralRules) and writes the number.
 */
export function newsWordings(i18n: Translator): Record<string, string> {
  const rules = new Intl.PluralRules(i18n.language);
  const wordings: Record<string, string> = {};
  const wanted = rules.resolvedOptions().pluralCategories.length;
  for (let n = 0; n < 1000 && Object.keys(wordings).length < wanted; n++) {
    const category = rules.select(n);
    wordings[category] ??= i18n.t('desk.moderation.news', { count: n }).replace(i18n.number(n), '{n}');
  }
  return wordings;
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
  /** The desk's language (the person's), which may differ from the site's. */
  i18n: Translator;
  token?: string;
  list: QueuePage;
  ban?: BanFormState;
  reply?: ReplyFormState;
  edit?: EditFormState;
  /** The signed-in staff member's name, as their replies are signed. */
  staffName: string;
}

export function ModerationQueue({ site, i18n, token, list, ban, reply, edit, staffName }: Props) {
  const { t } = i18n;
  const filters = { article: list.filters.article?.id, q: list.filters.q };
  // A count past the cap is not counted on: "10,000+".
  const overCap = `${i18n.number(list.countCap)}+`;
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
      data-count-over={overCap}
      data-news={JSON.stringify(newsWordings(i18n))}
      data-news-show={t('desk.moderation.newsShow')}
    >
      <p class="queue-links">
        <a href="/admin/moderation/bans">{t('desk.moderation.bansLink')}</a>
      </p>
      <form method="get" action="/admin/moderation" class="queue-search" role="search">
        <input type="hidden" name="queue" value={list.queue} />
        {filters.article && <input type="hidden" name="article" value={filters.article} />}
        <label for="queue-q">{t('desk.moderation.searchLabel')}</label>{' '}
        <input id="queue-q" name="q" type="search" value={filters.q} maxLength={200} aria-describedby="queue-q-hint" />{' '}
        <button type="submit">{t('desk.moderation.search')}</button>{' '}
        <small id="queue-q-hint">{t('desk.moderation.searchHint')}</small>
      </form>
      {(list.filters.article || filters.q) && (
        <p class="queue-filter" role="status">
          {i18n.rich('desk.moderation.filter', {
            on: list.filters.article ? 'article' : 'search',
            matching: filters.q ? 'yes' : 'no',
            headline: list.filters.article?.headline ?? '',
            q: filters.q ?? '',
            a: (words) => <a href={list.filters.article ? articlePath(list.filters.article.slug) : '#'}>{words}</a>,
          })}{' '}
          <a href={queueUrl(list.queue)}>{t('desk.moderation.showAll')}</a>
        </p>
      )}
      <nav class="queue-tabs" aria-label={t('desk.moderation.queues')}>
        <ul>
          {QUEUE_TABS.map((q) => (
            <li>
              <a href={queueUrl(q, 1, filters)} aria-current={q === list.queue ? 'page' : undefined} data-queue={q}>
                {t('desk.moderation.queue', { queue: q })}{' '}
                <span class="count">{list.counts[q] > list.countCap ? overCap : i18n.number(list.counts[q])}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="queue-news" role="status"></p>
      <p class="keyboard-help">{i18n.rich('desk.moderation.keys', { ...KEYS, k: (key) => <kbd>{key}</kbd> })}</p>
      {list.items.length === 0 ? (
        <p class="empty-queue">
          {t('desk.moderation.empty', { filtered: list.filters.article || filters.q ? 'yes' : 'no' })}
        </p>
      ) : (
        <form id="bulk" method="post" action="/admin/moderation/bulk" class="bulk-form">
          {back}
          <label>
            {t('desk.moderation.bulkLabel')}{' '}
            <select name="action">
              {(['approve', 'trash', 'spam', 'restore'] as const).map((action) => (
                <option value={action}>{t('desk.moderation.bulkAction', { action })}</option>
              ))}
            </select>
          </label>
          <button type="submit">{t('desk.moderation.apply')}</button>
        </form>
      )}
      <ol class="mod-list">
        {list.items.map((item) => (
          <li>
            <QueueEntry
              site={site}
              i18n={i18n}
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
        <nav class="pagination" aria-label={t('desk.moderation.pages')}>
          {list.page > 1 && (
            <a href={queueUrl(list.queue, list.page - 1, filters)} rel="prev">
              {t('desk.moderation.newer')}
            </a>
          )}
          <span>{t('desk.moderation.pageOf', { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages && (
            <a href={queueUrl(list.queue, list.page + 1, filters)} rel="next">
              {t('desk.moderation.older')}
            </a>
          )}
        </nav>
      )}
    </div>
  );
}

interface EntryProps {
  site: SiteView;
  i18n: Translator;
  item: QueueItem;
  back: ComponentChildren;
  staffName: string;
  ban?: BanFormState;
  reply?: ReplyFormState;
  edit?: EditFormState;
}

function QueueEntry({ site, i18n, item, back, staffName, ban, reply, edit }: EntryProps) {
  const { t } = i18n;
  const pending = item.status === 'pending' ? 'yes' : 'no';
  const bdi = (words: ComponentChildren) => <bdi>{words}</bdi>;
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
      aria-label={t('desk.moderation.commentBy', { name: item.authorName })}
    >
      <header>
        <input
          type="checkbox"
          form="bulk"
          name="ids"
          value={item.id}
          aria-label={t('desk.moderation.select', { name: item.authorName })}
        />{' '}
        <strong class="mod-author">
          <bdi>{item.authorName}</bdi>
        </strong>
        {item.byStaff && (
          <>
            {' '}
            <span class="staff-badge">{t('desk.moderation.staff')}</span>
          </>
        )}{' '}
        <span class={`status status-${item.status}`}>{t('desk.moderation.status', { status: item.status })}</span>
        {item.featured && (
          <>
            {' '}
            <span class="status status-featured">{t('desk.moderation.featured')}</span>
          </>
        )}{' '}
        {i18n.rich('desk.moderation.on', {
          headline: item.article.headline,
          a: (words) => <a href={`${articlePath(item.article.slug)}#${commentAnchor(item.id)}`}>{words}</a>,
        })}
        {' · '}
        <time datetime={item.createdAt.toISOString()}>{i18n.date(item.createdAt, true)}</time>
        {item.kind !== 'comment' && <> · {t('desk.moderation.kind', { kind: item.kind })}</>}
        {item.editedAt && (
          <>
            {' '}
            · <span class="mod-edited">{t('desk.moderation.edited')}</span>
          </>
        )}
      </header>
      {item.parent && (
        <p class="mod-parent">
          {i18n.rich('desk.moderation.inReplyTo', {
            name: item.parent.authorName,
            words: item.parent.firstWords,
            b: bdi,
          })}
        </p>
      )}
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      <dl class="mod-facts">
        <dt>{t('desk.moderation.email')}</dt>
        <dd>{item.authorEmail || '—'}</dd>
        <dt>{t('desk.moderation.ip')}</dt>
        <dd>{item.ip || '—'}</dd>
        {item.authorUrl && (
          <>
            <dt>{t('desk.moderation.website')}</dt>
            <dd>{item.authorUrl}</dd>
          </>
        )}
        <dt>{t('desk.moderation.history')}</dt>
        <dd class="mod-history">
          {item.byStaff
            ? t('desk.moderation.historyStaff')
            : item.history
              ? t('desk.moderation.historyOf', {
                  total: item.history.total,
                  approved: item.history.approved,
                  first: i18n.date(item.history.firstSeen),
                })
              : t('desk.moderation.historyNone')}
        </dd>
        <dt>{t('desk.moderation.why')}</dt>
        <dd class="mod-why">
          {item.why.length === 0 ? (
            t('desk.moderation.whyNone')
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
            <dt>{t('desk.moderation.edits')}</dt>
            <dd class="mod-edits">
              {t('desk.moderation.editCount', { count: item.edits.length })}
              <ol>
                {item.edits.map((e) => (
                  <li>
                    {i18n.rich('desk.moderation.editBy', {
                      byAuthor: e.by ? 'no' : 'yes',
                      who: e.by ?? '',
                      when: i18n.date(e.at, true),
                      before: e.before,
                      time: (words) => <time datetime={e.at.toISOString()}>{words}</time>,
                      q: (words) => <q>{words}</q>,
                    })}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        {item.reports.length > 0 && (
          <>
            <dt>{t('desk.moderation.reports')}</dt>
            <dd class="mod-reports">
              {t('desk.moderation.reportCount', { count: item.reports.length })}
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
        {item.status !== 'approved' && button('approve', t('desk.moderation.approve'), { shortcut: KEYS.approve })}
        {item.status === 'approved' &&
          item.reports.length > 0 &&
          button('approve', t('desk.moderation.keep'), { shortcut: KEYS.approve })}
        {item.status !== 'trash' &&
          button('trash', t('desk.moderation.trash'), { shortcut: KEYS.reject, style: 'secondary' })}
        {item.status !== 'spam' && button('spam', t('desk.moderation.spam'), { shortcut: KEYS.spam, style: 'danger' })}
        {(item.status === 'spam' || item.status === 'trash') &&
          button('restore', t('desk.moderation.restore'), { style: 'secondary' })}
      </form>
      {(item.featured || item.status === 'approved') && (
        <form method="post" action={`/admin/moderation/comments/${item.id}/feature`} class="mod-feature">
          {back}
          <input type="hidden" name="featured" value={item.featured ? '0' : '1'} />
          <button type="submit" class="secondary">
            {t('desk.moderation.feature', { featured: item.featured ? 'yes' : 'no' })}
          </button>{' '}
          <small>{t('desk.moderation.featureHint', { featured: item.featured ? 'yes' : 'no' })}</small>
        </form>
      )}
      {(item.status === 'approved' || item.status === 'pending') && (
        <details class="mod-reply" open={reply !== undefined}>
          <summary>{t('desk.moderation.replySummary', { pending })}</summary>
          <form
            method="post"
            action={`/admin/moderation/comments/${item.id}/${item.status === 'pending' ? 'answer' : 'reply'}`}
            class="desk-form"
          >
            {back}
            <div class="field">
              <label for={`reply-body-${item.id}`}>
                {i18n.rich('desk.moderation.replyLabel', { name: item.authorName, b: bdi })}
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
              <small>{t('desk.moderation.replyHint', { pending, name: staffName })}</small>
            </div>
            <button type="submit">{t('desk.moderation.replySubmit', { pending })}</button>
          </form>
        </details>
      )}
      <details class="mod-edit" open={edit !== undefined}>
        <summary>{t('desk.moderation.editSummary')}</summary>
        <form method="post" action={`/admin/moderation/comments/${item.id}/text`} class="desk-form">
          {back}
          <div class="field">
            <label for={`edit-body-${item.id}`}>
              {i18n.rich('desk.moderation.editLabel', { name: item.authorName, b: bdi })}
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
            <small>{t('desk.moderation.editHint')}</small>
          </div>
          <button type="submit">{t('desk.moderation.editSubmit')}</button>
        </form>
      </details>
      {!item.byStaff && (
        <details class="mod-ban" open={ban !== undefined}>
          <summary>{t('desk.moderation.banSummary')}</summary>
          <form method="post" action="/admin/moderation/ban" class="desk-form">
            {back}
            <input type="hidden" name="commentId" value={item.id} />
            {ban && !ban.field && <p class="form-error">{ban.message}</p>}
            <div class="field-row">
              <div class="field">
                <label for={`ban-email-${item.id}`}>{t('desk.moderation.email')}</label>
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
                <label for={`ban-ip-${item.id}`}>{t('desk.moderation.ipOrRange')}</label>
                <input id={`ban-ip-${item.id}`} name="ip" value={ban?.ip ?? item.ip} {...banErrors.control('ip')} />
                {banErrors.message('ip')}
                <small>{t('desk.moderation.banHint')}</small>
              </div>
            </div>
            <div class="field">
              <label for={`ban-reason-${item.id}`}>{t('desk.moderation.reason')}</label>
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
              {t('desk.moderation.ban')}
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
}: Omit<Props, 'site' | 'token' | 'i18n'> & { chrome: DeskChrome; notice?: string; error?: string }) {
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
      title={chrome.i18n.t('desk.moderation.title')}
      notice={notice}
      error={problem}
      fields={fields}
      scripts={[chrome.site.assets.moderationScript]}
    >
      <ModerationQueue site={chrome.site} i18n={chrome.i18n} token={chrome.token} staffName={staffName} {...forms} />
    </DeskLayout>
  );
}
