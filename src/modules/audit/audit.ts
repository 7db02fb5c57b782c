// The audit log: who did what to what, and when. Written in the same transaction as the action.
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';

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

export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insertInto('audit_log').values({
    id: newId(), actor_id: entry.actor?.id ?? null, actor_name: entry.actor?.name ?? '', action: entry.action,
    subject: (entry.subject ?? '').slice(0, 300), details: JSON.stringify(entry.details ?? {}), ip: entry.ip ?? '',
    created_at: iso(entry.at),
  }).execute();
}

/** The newest entries first, a page at a time. */
export async function listAudit(db: Db, page: { limit: number; offset: number }): Promise<{ entries: AuditEntry[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.selectFrom('audit_log').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    entries: rows.map((r) => ({
      id: r.id, actorId: r.actor_id, actorName: r.actor_name, action: r.action, subject: r.subject,
      details: JSON.parse(r.details) as Record<string, unknown>, ip: r.ip, createdAt: new Date(r.created_at),
    })),
  };
}
