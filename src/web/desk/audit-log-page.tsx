// The audit log page: admins read who did what and when.
import type { AuditLogPage as Log } from '../../modules/audit/index.ts';
import { Pagination } from '../pagination.tsx';
import { formatDate } from '../site.ts';
import { type DeskChrome, DeskLayout } from './desk-layout.tsx';

export function AuditLogPage({ chrome, log }: { chrome: DeskChrome; log: Log }) {
  return (
    <DeskLayout chrome={chrome} title="Audit log">
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Details</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {log.entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.createdAt.toISOString()}>{formatDate(chrome.site, e.createdAt, true)}</time>
              </td>
              <td>{e.actorName || '—'}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td>
                <code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
              </td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination site={chrome.site} path="/admin/audit" page={log.page} pages={log.pages} />
    </DeskLayout>
  );
}
