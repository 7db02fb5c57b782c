// Gathers what the moderation pipeline needs, records its decisions, and manages banned commenters.
import type { Expression } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { isIpRule } from '../../platform/ip-ranges.ts';
import { cleanText, hasControlCharacters } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import type { ModerationSettings } from '../settings/index.ts';
import type { ModerationContext, ReasonValues } from './phase.ts';
import * as repo from './moderation.repository.ts';

/**
 * In the transaction that will store a comment, before its history is read: makes the same email's or address's other
 * posts wait until this transaction ends, so that posts sent at the same moment are judged one after the other
 * (flood control, repeats) instead of all reading a history without each other. `also`: the caller's own keys, taken
 * in the same statement.
 */
export async function lockCommenter(
  deps: Pick<Deps, 'db' | 'dialect'>,
  input: { email: string; ip: string; also?: string[] },
): Promise<void> {
  await lockKeys(deps.db, deps.dialect, [
    `commenter-email:${input.email}`,
    ...(input.ip !== '' ? [`commenter-ip:${input.ip}`] : []),
    ...(input.also ?? []),
  ]);
}

/**
 * One row of the moderation context, read in one statement: a ban (`kind` 'ban': ref, email, ip, text = reason), or one
 * fact of the commenter's history ('last_ip', 'last_email': at; 'recent': text = body, at; 'approved': one row if so).
 * Every part selects these columns in this order, since the parts are joined by UNION ALL.
 */
export interface ContextRow {
  kind: string;
  ref: string | null;
  email: string | null;
  ip: string | null;
  text: string | null;
  at: string | null;
}

/** Which history facts the rules that are on need: each is asked only when one of them will use it. */
export interface HistoryQuestions {
  email: string;
  ip: string;
  /** When a comment last came from this address, and from this email (flood control). */
  lastFromIp: boolean;
  lastFromEmail: boolean;
  /** This email's comments since then, newest first (repeats). */
  recentSince?: Date;
  /** Whether one of this email's comments was ever approved (the first-comment hold). */
  approved: boolean;
}

/**
 * What the rules need to know of a commenter's earlier comments. The comments module answers from its own table (the
 * rules import nothing of comments) with queries not yet run, so the bans and the history are read in one round trip.
 */
export interface CommenterHistorySource {
  /** The history as ContextRow parts, on the same connection (transaction) the context is read from. */
  historyParts(questions: HistoryQuestions): Expression<ContextRow>[];
}

/** Reads the bans and the commenter's history the pipeline needs, in one query; skips what rules that are off would not use. */
export async function loadModerationContext(
  deps: Pick<Deps, 'db'>,
  input: { email: string; ip: string; settings: ModerationSettings; now: Date; history: CommenterHistorySource },
): Promise<ModerationContext> {
  const { email, ip, settings, now, history } = input;
  const flood = settings.floodSeconds > 0;
  const rows = await repo.listContextRows(
    deps.db,
    email,
    history.historyParts({
      email,
      ip,
      lastFromIp: flood && ip !== '',
      lastFromEmail: flood,
      recentSince:
        settings.duplicateWindowMinutes > 0
          ? new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000)
          : undefined,
      approved: settings.holdFirstComments,
    }),
  );
  const at = (kind: string) => {
    const value = rows.find((r) => r.kind === kind)?.at;
    return value ? new Date(value) : undefined;
  };
  return {
    settings,
    now,
    bans: rows
      .filter((r) => r.kind === 'ban')
      .map((r) => ({ id: r.ref ?? '', email: r.email ?? '', ip: r.ip ?? '', reason: r.text ?? '' })),
    lastFromIp: at('last_ip'),
    lastFromEmail: at('last_email'),
    recentComments: rows
      .filter((r) => r.kind === 'recent')
      .map((r) => ({ body: r.text ?? '', createdAt: new Date(r.at ?? 0) }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    emailApproved: !settings.holdFirstComments || rows.some((r) => r.kind === 'approved'),
  };
}

export type { DecisionInput } from './moderation.repository.ts';

/** Records why a comment has its status, in the caller's transaction; with a staff member, it is their decision. */
export async function recordDecisions(
  db: Db,
  {
    commentId,
    decisions,
    at,
    staff,
  }: { commentId: string; decisions: repo.DecisionInput[]; at: Date; staff?: Pick<Staff, 'id'> },
): Promise<void> {
  await repo.insertDecisions(db, { commentId, decisions, at, staffId: staff?.id ?? null });
}

export interface CommentDecision {
  status: string;
  rule: string;
  reason: string;
  /** What the rule's catalogue sentence takes; null when `reason` is to be shown as stored. */
  values: ReasonValues | null;
  createdAt: Date;
  staff: { id: string; name: string } | null;
}

/** Why a comment has had each of its statuses, oldest first, and what readers reported about it. */
export async function getModerationHistory(
  db: Db,
  commentId: string,
): Promise<{ decisions: CommentDecision[]; reports: { reason: string; createdAt: Date }[] }> {
  const [decisions, reports] = await Promise.all([repo.listDecisions(db, commentId), repo.listReports(db, commentId)]);
  return { decisions, reports };
}

/**
 * Stores one reader's report and says how many different readers reported the comment since a moderator last decided
 * on it. In the caller's transaction, other reports of the same comment wait for it to end: reports sent at the same
 * moment would otherwise each count only themselves and those committed before, and none might see the threshold.
 */
export async function addReport(
  deps: Pick<Deps, 'db' | 'dialect'>,
  report: { commentId: string; reporterIp: string; reason: string; at: Date },
): Promise<{ added: boolean; openReports: number }> {
  const { db } = deps;
  await lockKeys(db, deps.dialect, [`comment-reports:${report.commentId}`]);
  const added = await repo.insertReport(db, report);
  const since = await repo.findLastStaffDecisionAt(db, report.commentId);
  return { added, openReports: await repo.countReportsSince(db, report.commentId, since) };
}

/** The decisions on these comments, oldest first, with the deciding moderator's name (the moderation desk). */
export const listDecisionsFor = (deps: Pick<Deps, 'db'>, commentIds: string[]) =>
  repo.listDecisionsFor(deps.db, commentIds);

/** Readers' reports on these comments, oldest first (the moderation desk). */
export const listReportsFor = (deps: Pick<Deps, 'db'>, commentIds: string[]) =>
  repo.listReportsFor(deps.db, commentIds);

export interface CommenterBan {
  id: string;
  email: string;
  ip: string;
  reason: string;
  createdAt: Date;
  /** Who banned; null when that account is gone. */
  staffName: string | null;
}

const toBan = (row: {
  id: string;
  email: string;
  ip: string;
  reason: string;
  created_at: string;
  staff_name?: string | null;
}): CommenterBan => ({
  id: row.id,
  email: row.email,
  ip: row.ip,
  reason: row.reason,
  createdAt: new Date(row.created_at),
  staffName: row.staff_name ?? null,
});

/** Bans a commenter by email, by address or range, or both; their posts are refused from now on. Audited. */
export async function banCommenter(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; email?: string; ip?: string; reason: string; from?: string },
): Promise<CommenterBan> {
  authorize(input.staff, 'comment.moderate');
  const email = cleanText(input.email ?? '').toLowerCase();
  const ip = cleanText(input.ip ?? '');
  const reason = cleanText(input.reason ?? '');
  if (email === '' && ip === '')
    throw invalid('email', 'ban_needs_target', 'Name an email address, an IP address or range, or both.');
  if (email !== '' && (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)))
    throw invalid({
      field: 'email',
      code: 'invalid_email',
      message: 'Give a whole email address such as name@example.org.',
      // The catalogue words a ban's address apart from a commenter's own.
      values: { words: 'ban' },
    });
  if (ip !== '' && !isIpRule(ip))
    throw invalid('ip', 'invalid_ip', 'Give an IP address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/32).');
  if (reason === '' || reason.length > 500 || hasControlCharacters(reason))
    throw invalid('reason', 'invalid_reason', 'Say why, in 1 to 500 characters.');
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertBan(trx, {
      email,
      ip,
      reason,
      staff_id: input.staff.id,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'commenter.banned',
      subject: inserted.id,
      details: { email, ip, reason },
      ip: input.from,
      at: now,
    });
    return inserted;
  });
  return toBan({ ...row, staff_name: input.staff.name });
}

/** Every ban, newest first, with who made it. */
export async function listBans(deps: Pick<Deps, 'db'>, input: { staff: Staff }): Promise<CommenterBan[]> {
  authorize(input.staff, 'comment.moderate');
  return (await repo.listBans(deps.db)).map(toBan);
}

/** Lifts a ban: the commenter may post again. Audited with what the ban was. */
export async function liftBan(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string; from?: string },
): Promise<void> {
  authorize(input.staff, 'comment.moderate');
  const lifted =
    isId(input.id) &&
    (await deps.db.transaction().execute(async (trx) => {
      const ban = await repo.findBan(trx, input.id);
      if (!ban || !(await repo.deleteBan(trx, input.id))) return false;
      await recordAudit(trx, {
        actor: input.staff,
        action: 'commenter.ban_lifted',
        subject: ban.id,
        details: { email: ban.email, ip: ban.ip, reason: ban.reason },
        ip: input.from,
        at: deps.clock.now(),
      });
      return true;
    }));
  if (!lifted) throw notFound('There is no ban with that id: it may have been lifted already.', 'ban');
}
