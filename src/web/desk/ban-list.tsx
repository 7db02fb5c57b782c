// The list of banned commenters: each ban with its reason, who made it and when, a form to add one, and a button to lift one.
import type { CommenterBan } from '../../modules/moderation/index.ts';
import { fieldErrors } from '../form-errors.tsx';
import { formatDate, type SiteView } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

/** What the add form shows again after a refused ban: the typed values and the message beside the field to fix. */
export interface BanListForm {
  email: string;
  ip: string;
  reason: string;
  field?: string;
  message?: string;
}

interface Props {
  site: SiteView;
  token?: string;
  bans: CommenterBan[];
  form?: BanListForm;
}

export function BanList({ site, token, bans, form }: Props) {
  const errors = fieldErrors(form?.message ? { message: form.message, field: form.field } : undefined, 'ban-');
  const invalid = (field: string) => errors.control(field);
  const fieldError = (field: string) => errors.message(field);
  return (
    <>
      <p>
        <a href="/admin/moderation">← Back to the queues</a>
      </p>
      <section aria-labelledby="add-ban-title">
        <h2 id="add-ban-title">Ban a commenter</h2>
        <form method="post" action="/admin/moderation/bans" class="desk-form narrow">
          <FormToken token={token} />
          <p class="form-note">
            Name an email address, an IP address or range, or both: a post matching either is refused.
          </p>
          <div class="field">
            <label for="ban-email">Email</label>
            <input
              id="ban-email"
              name="email"
              type="email"
              maxLength={254}
              value={form?.email ?? ''}
              {...invalid('email')}
            />
            {fieldError('email')}
          </div>
          <div class="field">
            <label for="ban-ip">IP address or range</label>
            <input id="ban-ip" name="ip" maxLength={50} value={form?.ip ?? ''} {...invalid('ip')} />
            <small>For example 203.0.113.7, or 203.0.113.0/24 for a whole network.</small>
            {fieldError('ip')}
          </div>
          <div class="field">
            <label for="ban-reason">Reason</label>
            <input
              id="ban-reason"
              name="reason"
              required
              maxLength={500}
              value={form?.reason ?? ''}
              {...invalid('reason')}
            />
            <small>Required: the other moderators read it here.</small>
            {fieldError('reason')}
          </div>
          <button type="submit" class="danger">
            Ban
          </button>
        </form>
      </section>
      <section aria-labelledby="bans-title">
        <h2 id="bans-title">
          Active bans <span class="count">{bans.length}</span>
        </h2>
        {bans.length === 0 ? (
          <p class="empty-queue">Nobody is banned.</p>
        ) : (
          <table class="desk-table ban-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">IP address or range</th>
                <th scope="col">Reason</th>
                <th scope="col">Banned by</th>
                <th scope="col">When</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bans.map((b) => (
                <tr data-ban={b.id}>
                  <td>{b.email || '—'}</td>
                  <td>{b.ip || '—'}</td>
                  <td>{b.reason}</td>
                  <td>{b.staffName ?? '—'}</td>
                  <td>
                    <time datetime={b.createdAt.toISOString()}>{formatDate(site, b.createdAt, true)}</time>
                  </td>
                  <td>
                    <form method="post" action={`/admin/moderation/bans/${b.id}/lift`} class="inline-form">
                      <FormToken token={token} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={`Lift the ban on ${[b.email, b.ip].filter(Boolean).join(' and ')}`}
                      >
                        Lift
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The page of banned commenters, with the desk around the list. */
export function BansPage({
  chrome,
  bans,
  form,
  notice,
  error,
}: {
  chrome: DeskChrome;
  bans: CommenterBan[];
  form?: BanListForm;
  notice?: string;
  error?: string;
}) {
  return (
    <DeskLayout
      chrome={chrome}
      title="Banned commenters"
      notice={notice}
      error={form?.message ? { message: form.message, field: form.field } : error}
      fields={{ email: 'ban-email', ip: 'ban-ip', reason: 'ban-reason' }}
    >
      <BanList site={chrome.site} token={chrome.token} bans={bans} form={form} />
    </DeskLayout>
  );
}
