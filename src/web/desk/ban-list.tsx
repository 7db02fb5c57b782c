// The list of banned commenters: each ban with its reason, who made it and when, a form to add one, and a button to lift one.
import type { CommenterBan } from '../../modules/moderation/index.ts';
import { fieldErrors } from '../form-errors.tsx';
import type { Translator } from '../../platform/i18n/translator.ts';
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
  /** The desk's language (the person's). */
  i18n: Translator;
  token?: string;
  bans: CommenterBan[];
  form?: BanListForm;
}

export function BanList({ i18n, token, bans, form }: Props) {
  const { t } = i18n;
  const errors = fieldErrors(form?.message ? { message: form.message, field: form.field } : undefined, 'ban-');
  const invalid = (field: string) => errors.control(field);
  const fieldError = (field: string) => errors.message(field);
  return (
    <>
      <p>
        <a href="/admin/moderation">{t('desk.bans.back')}</a>
      </p>
      <section aria-labelledby="add-ban-title">
        <h2 id="add-ban-title">{t('desk.bans.add')}</h2>
        <form method="post" action="/admin/moderation/bans" class="desk-form narrow">
          <FormToken token={token} />
          <p class="form-note">{t('desk.bans.note')}</p>
          <div class="field">
            <label for="ban-email">{t('desk.moderation.email')}</label>
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
            <label for="ban-ip">{t('desk.moderation.ipOrRange')}</label>
            <input id="ban-ip" name="ip" maxLength={50} value={form?.ip ?? ''} {...invalid('ip')} />
            <small>{t('desk.bans.ipHint')}</small>
            {fieldError('ip')}
          </div>
          <div class="field">
            <label for="ban-reason">{t('desk.moderation.reason')}</label>
            <input
              id="ban-reason"
              name="reason"
              required
              maxLength={500}
              value={form?.reason ?? ''}
              {...invalid('reason')}
            />
            <small>{t('desk.bans.reasonHint')}</small>
            {fieldError('reason')}
          </div>
          <button type="submit" class="danger">
            {t('desk.moderation.ban')}
          </button>
        </form>
      </section>
      <section aria-labelledby="bans-title">
        <h2 id="bans-title">
          {t('desk.bans.active')} <span class="count">{i18n.number(bans.length)}</span>
        </h2>
        {bans.length === 0 ? (
          <p class="empty-queue">{t('desk.bans.none')}</p>
        ) : (
          <table class="desk-table ban-table">
            <thead>
              <tr>
                <th scope="col">{t('desk.moderation.email')}</th>
                <th scope="col">{t('desk.moderation.ipOrRange')}</th>
                <th scope="col">{t('desk.moderation.reason')}</th>
                <th scope="col">{t('desk.bans.by')}</th>
                <th scope="col">{t('desk.bans.when')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('desk.bans.actions')}</span>
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
                    <time datetime={b.createdAt.toISOString()}>{i18n.date(b.createdAt, true)}</time>
                  </td>
                  <td>
                    <form method="post" action={`/admin/moderation/bans/${b.id}/lift`} class="inline-form">
                      <FormToken token={token} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t('desk.bans.liftLabel', {
                          target: i18n.list([b.email, b.ip].filter(Boolean)).join(''),
                        })}
                      >
                        {t('desk.bans.lift')}
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
      title={chrome.i18n.t('desk.bans.title')}
      notice={notice}
      error={form?.message ? { message: form.message, field: form.field } : error}
      fields={{ email: 'ban-email', ip: 'ban-ip', reason: 'ban-reason' }}
    >
      <BanList i18n={chrome.i18n} token={chrome.token} bans={bans} form={form} />
    </DeskLayout>
  );
}
