// All SQL of the moderation rules: bans, and the decisions and reports kept on each comment.
import { sql, type Expression } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { CommentStatus, CommenterBanRow } from '../../platform/db/tables.ts';
import { newId } from '../../platform/ids.ts';
import type { ContextRow } from './moderation.service.ts';
import type { ReasonValues } from './phase.ts';

/**
 * The moderation context in one statement: bans that could match this commenter (by this email, and every ban by
 * address or range, matched in code), then the history parts the comments module built (see ContextRow).
 */
export async function listContextRows(db: Db, email: string, history: Expression<ContextRow>[]): Promise<ContextRow[]> {
  const bans = db
    .selectFrom('commenter_bans')
    .select([
      sql.lit('ban').$castTo<string>().as('kind'),
      'id as ref',
      'email',
      'ip',
      'reason as text',
      sql<string | null>`null`.as('at'),
    ])
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '<>', '')]));
  const all = bans.$castTo<ContextRow>();
  return (history.length ? all.unionAll(history) : all).execute();
}

export interface DecisionInput {
  status: CommentStatus;
  rule: string;
  /** The sentence in English as written; shown as it is when there are no values (a person's own words). */
  reason: string;
  /** What `moderation.reason.<rule>` takes to say the reason in the reader's language. */
  values?: ReasonValues | null;
}

/** The stored values, or null for a row that has only its sentence (older rows, a person's words, unreadable JSON). */
function valuesOf(json: string | null): ReasonValues | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ReasonValues) : null;
  } catch {
    return null;
  }
}

/** Stores decisions about one comment in order; `staffId` is null when the rules decided. */
export async function insertDecisions(
  db: Db,
  {
    commentId,
    decisions,
    at,
    staffId = null,
  }: { commentId: string; decisions: DecisionInput[]; at: Date; staffId?: string | null },
): Promise<void> {
  if (decisions.length === 0) return;
  // Ids are time-ordered, so decisions made in one go keep their order when listed.
  await db
    .insertInto('comment_decisions')
    .values(
      decisions.map((d) => ({
        id: newId(),
        comment_id: commentId,
        status: d.status,
        rule: d.rule,
        reason: d.reason.slice(0, 500),
        reason_values: d.values ? JSON.stringify(d.values) : null,
        staff_id: staffId,
        created_at: at.toISOString(),
      })),
    )
    .execute();
}

/** A comment's decisions, oldest first, with the deciding moderator's name. */
export async function listDecisions(db: Db, commentId: string) {
  const rows = await db
    .selectFrom('comment_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.staff_id')
    .select(['d.status', 'd.rule', 'd.reason', 'd.reason_values', 'd.created_at', 'd.staff_id', 'u.name as staff_name'])
    .where('d.comment_id', '=', commentId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    status: r.status,
    rule: r.rule,
    reason: r.reason,
    values: valuesOf(r.reason_values),
    createdAt: new Date(r.created_at),
    staff: r.staff_id ? { id: r.staff_id, name: r.staff_name ?? '' } : null,
  }));
}

/** When a moderator last decided on the comment; undefined if none ever did. */
export async function findLastStaffDecisionAt(db: Db, commentId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('comment_decisions')
    .select('created_at')
    .where('comment_id', '=', commentId)
    .where('staff_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && new Date(row.created_at);
}

/** Stores a reader's report; false when this reader already reported the comment. */
export async function insertReport(
  db: Db,
  report: { commentId: string; reporterIp: string; reason: string; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('comment_reports')
    .values({
      id: newId(),
      comment_id: report.commentId,
      reporter_ip: report.reporterIp,
      reason: report.reason,
      created_at: report.at.toISOString(),
    })
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_ip']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Different readers who reported the comment after a time (the last moderator decision). */
export async function countReportsSince(db: Db, commentId: string, since: Date | undefined): Promise<number> {
  let q = db
    .selectFrom('comment_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('comment_id', '=', commentId);
  if (since) q = q.where('created_at', '>', since.toISOString());
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function listReports(db: Db, commentId: string) {
  const rows = await db
    .selectFrom('comment_reports')
    .select(['reason', 'created_at'])
    .where('comment_id', '=', commentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ reason: r.reason, createdAt: new Date(r.created_at) }));
}

export async function insertBan(db: Db, row: Omit<CommenterBanRow, 'id'>): Promise<CommenterBanRow> {
  const ban = { id: newId(), ...row };
  await db.insertInto('commenter_bans').values(ban).execute();
  return ban;
}

/** Every ban, newest first, with the name of the staff member who made it. */
export async function listBans(db: Db): Promise<(CommenterBanRow & { staff_name: string | null })[]> {
  return db
    .selectFrom('commenter_bans as b')
    .leftJoin('users as u', 'u.id', 'b.staff_id')
    .selectAll('b')
    .select('u.name as staff_name')
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
}

export async function findBan(db: Db, id: string): Promise<CommenterBanRow | undefined> {
  return db.selectFrom('commenter_bans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteBan(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('commenter_bans').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The decisions on these comments, oldest first, with the deciding moderator's name. */
export async function listDecisionsFor(db: Db, commentIds: string[]) {
  if (commentIds.length === 0) return [];
  const rows = await db
    .selectFrom('comment_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.staff_id')
    .select([
      'd.comment_id',
      'd.status',
      'd.rule',
      'd.reason',
      'd.reason_values',
      'd.created_at',
      'u.name as staff_name',
    ])
    .where('d.comment_id', 'in', commentIds)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    commentId: r.comment_id,
    status: r.status,
    rule: r.rule,
    reason: r.reason,
    values: valuesOf(r.reason_values),
    createdAt: new Date(r.created_at),
    staffName: r.staff_name,
  }));
}

/** Readers' reports on these comments, oldest first. */
export async function listReportsFor(db: Db, commentIds: string[]) {
  if (commentIds.length === 0) return [];
  const rows = await db
    .selectFrom('comment_reports')
    .select(['comment_id', 'reason', 'created_at'])
    .where('comment_id', 'in', commentIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ commentId: r.comment_id, reason: r.reason, createdAt: new Date(r.created_at) }));
}
