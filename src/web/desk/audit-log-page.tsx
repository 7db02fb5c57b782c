// The audit log page: admins read who did what and when.
import type { AuditLogPage as Log } from '../../modules/audit/index.ts';
import { Pagination } from '../pagination.tsx';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

export function AuditLogPage({ chrome, log }: { chrome: DeskChrome; log: Log }) {
  const { t } = chrome.i18n;
  return (
    <DeskLayout chrome={chrome} title={t('desk.audit.title')}>
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">{t('desk.audit.when')}</th>
            <th scope="col">{t('desk.audit.who')}</th>
            <th scope="col">{t('desk.audit.what')}</th>
            <th scope="col">{t('desk.audit.subject')}</th>
            <th scope="col">{t('desk.audit.details')}</th>
            <th scope="col">{t('desk.audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {log.entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.createdAt.toISOString()}>{chrome.i18n.date(e.createdAt, true)}</time>
              </td>
              <td>{e.actorName || '—'}</td>
              <td data-action={e.action}>
                {/* ICU select keys take no dots: password.changed is asked as password_changed. */}
                {t('desk.audit.action', { action: e.action.replace(/\W/g, '_') })}
              </td>
              <td>{e.subject}</td>
              <td>
                <code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
              </td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination site={{ ...chrome.site, i18n: chrome.i18n }} path="/admin/audit" page={log.page} pages={log.pages} />
    </DeskLayout>
  );
}
