// The audit log: who did what to what, and when. Written in the same transaction as the action it records.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import * as repo from './audit.repository.ts';

export interface AuditEntry {
  id: string;
  actorId: string | null;
  actorName: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  ip: string;
  createdAt: Date;
}

export interface AuditInput {
  actor: { id: string; name: string } | null;
  /** Stable dotted name: sign_in.succeeded, article.published, comment.moderated, ... */
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
  ip?: string;
  at: Date;
}

/** Records one action, in the caller's transaction. */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await repo.insertAuditEntry(db, {
    id: newId(),
    actor_id: entry.actor?.id ?? null,
    actor_name: entry.actor?.name ?? '',
    action: entry.action,
    subject: (entry.subject ?? '').slice(0, 300),
    details: JSON.stringify(entry.details ?? {}),
    ip: entry.ip ?? '',
    created_at: iso(entry.at),
  });
}

/** The newest entries first, a page at a time. */
export async function listAudit(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  const { rows, total } = await repo.listAuditEntries(db, page);
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      subject: r.subject,
      details: JSON.parse(r.details) as Record<string, unknown>,
      ip: r.ip,
      createdAt: new Date(r.created_at),
    })),
  };
}

export interface AuditLogPage {
  entries: AuditEntry[];
  page: number;
  pages: number;
}

const PAGE_SIZE = 50;

/** One page of the log as admins read it at the desk. */
export async function readAuditLog(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff; page: number },
): Promise<AuditLogPage> {
  authorize(input.staff, 'users.manage');
  const { entries, total } = await listAudit(deps.db, { limit: PAGE_SIZE, offset: (input.page - 1) * PAGE_SIZE });
  return { entries, page: input.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
