// The audit log page: admins read who did what and when.
import type { FastifyInstance } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { DeskLayout } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { Pagination } from '../../web/pagination.tsx';
import { formatDate } from '../../web/site.ts';
import { authorize } from '../permissions/index.ts';
import { listAudit } from './audit.ts';
import type { PageContext } from '../../http/page-context.ts';

export function registerAuditPages(app: FastifyInstance, ctx: PageContext): void {
  app.get<{ Querystring: { page?: string } }>('/audit', async (req, reply) => {
    const session = deskSession(req);
    authorize(session.staff, 'users.manage');
    const page = /^[1-9]\d{0,4}$/.test(req.query.page ?? '') ? Number(req.query.page) : 1;
    const { entries, total } = await listAudit(ctx.deps.db, { limit: 50, offset: (page - 1) * 50 });
    const site = await ctx.site(req);
    return reply.type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={site} title="Audit log" session={session} token={req.deskToken}>
        <table class="desk-table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Subject</th><th scope="col">Details</th><th scope="col">Address</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td><time datetime={e.createdAt.toISOString()}>{formatDate(site, e.createdAt, true)}</time></td>
                <td>{e.actorName || '—'}</td>
                <td>{e.action}</td>
                <td>{e.subject}</td>
                <td><code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code></td>
                <td>{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination path="/admin/audit" page={page} pages={Math.max(1, Math.ceil(total / 50))} />
      </DeskLayout>,
    ));
  });
}
