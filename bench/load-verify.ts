// After the comment load test, the database is read directly and held against the answers the clients got:
// every accepted comment stored once with the status it was answered with, nothing stored that was not answered,
// the article's count and the moderation queues equal to the rows, and no two comments from one address or email
// closer together than the flood interval.
import { sql } from 'kysely';
import type { Deps } from '../src/deps.ts';
import { countCommentQueues } from '../src/modules/comments/index.ts';
import { EXPECTED, type Attempt } from './load-clients.ts';

export interface Verification {
  /** Everything that went wrong, one line each; empty when the run is sound. */
  failures: string[];
  stored: Record<string, number>;
}

const key = (email: string, body: string) => `${email}\u0000${body}`;

function answerFailures(attempts: Attempt[]): string[] {
  const failures: string[] = [];
  const bad = new Map<string, { n: number; example: Attempt }>();
  const note = (what: string, a: Attempt) => {
    const seen = bad.get(what);
    if (seen) seen.n++;
    else bad.set(what, { n: 1, example: a });
  };
  for (const a of attempts) {
    if (a.status === 0 || a.status >= 500) note(`${a.outcome}`, a);
    else if (a.status >= 200 && a.status < 300 && !a.id) note(`${a.status} without a comment id`, a);
    else if (a.status >= 400 && !a.message) note(`${a.outcome} without a JSON error message`, a);
    else if (a.status === 429 && !/^\d+$/.test(a.retryAfter ?? '')) note('429 without Retry-After', a);
    if (!EXPECTED[a.role].includes(a.outcome)) note(`${a.role} got ${a.outcome}`, a);
  }
  for (const [what, { n, example }] of bad) {
    failures.push(`${n} x ${what} (e.g. client ${example.client}: ${example.message ?? example.outcome})`);
  }
  return failures;
}

/** Checks the stored comments of the article against the answers; `since` excludes the comments seeded before the run. */
export async function verifyLoad(
  deps: Pick<Deps, 'db'>,
  input: {
    articleId: string;
    seeded: Set<string>;
    attempts: Attempt[];
    floodMs: number;
    reports: Attempt[];
    reported: string[];
  },
): Promise<Verification> {
  const { db } = deps;
  const failures = answerFailures(input.attempts);
  const badReports = input.reports.filter((r) => r.outcome !== '201:received');
  if (badReports.length)
    failures.push(
      `${badReports.length} reports were not received: ${[...new Set(badReports.map((r) => r.outcome))].join(', ')}`,
    );
  const all = await db
    .selectFrom('comments')
    .select(['id', 'status', 'author_email', 'body_text', 'ip', 'created_at', 'article_id'])
    .execute();
  const rows = all.filter((r) => !input.seeded.has(r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));

  // Every accepted comment is stored, once (ids are the key), with the status it was answered with.
  const accepted = input.attempts.filter((a) => a.id);
  const missing = accepted.filter((a) => !byId.has(a.id!));
  if (missing.length) failures.push(`${missing.length} accepted comments are not stored (e.g. ${missing[0].id})`);
  // Reported by as many readers as the threshold: held for review, once.
  const reported = new Set(input.reported);
  const wrongStatus = accepted.filter(
    (a) => byId.has(a.id!) && !reported.has(a.id!) && a.outcome !== `${a.status}:${byId.get(a.id!)!.status}`,
  );
  if (input.reported.length) {
    const holds = await db
      .selectFrom('comment_decisions')
      .select('comment_id')
      .where('rule', '=', 'reports')
      .where('comment_id', 'in', input.reported)
      .execute();
    const once = new Set(holds.map((h) => h.comment_id));
    const notHeld = input.reported.filter((id) => byId.get(id)?.status !== 'pending' || !once.has(id));
    if (notHeld.length)
      failures.push(
        `${notHeld.length} of ${input.reported.length} comments reported by enough readers at once were not held for review`,
      );
    if (holds.length > once.size) failures.push(`${holds.length - once.size} reported comments were held twice`);
  }
  if (wrongStatus.length) failures.push(`${wrongStatus.length} comments are stored with another status than answered`);
  const ids = new Set(accepted.map((a) => a.id));
  if (ids.size !== accepted.length) failures.push(`${accepted.length - ids.size} ids were answered twice`);

  // Copies of one text by one email: exactly as many as the answers that stored one (2xx, and a repeat's 409).
  const expected = new Map<string, number>();
  for (const a of input.attempts) {
    if (a.id || a.outcome === '409:duplicate_comment')
      expected.set(key(a.email, a.body), (expected.get(key(a.email, a.body)) ?? 0) + 1);
  }
  const storedCopies = new Map<string, number>();
  for (const r of rows)
    storedCopies.set(key(r.author_email, r.body_text), (storedCopies.get(key(r.author_email, r.body_text)) ?? 0) + 1);
  let extra = 0;
  let short = 0;
  for (const k of new Set([...expected.keys(), ...storedCopies.keys()])) {
    const d = (storedCopies.get(k) ?? 0) - (expected.get(k) ?? 0);
    if (d > 0) extra += d;
    if (d < 0) short -= d;
  }
  if (extra) failures.push(`${extra} stored comments answer no request (duplicates or strays)`);
  if (short) failures.push(`${short} answered comments are missing by text and email`);
  const unanswered = rows.filter((r) => !ids.has(r.id) && r.status !== 'spam');
  if (unanswered.length) failures.push(`${unanswered.length} stored comments without an id answered are not spam`);

  // The article's count is its approved rows; the moderation queues are the rows by status.
  const article = await db
    .selectFrom('articles')
    .select('comment_count')
    .where('id', '=', input.articleId)
    .executeTakeFirstOrThrow();
  const approved = all.filter((r) => r.article_id === input.articleId && r.status === 'approved').length;
  if (Number(article.comment_count) !== approved)
    failures.push(`the article says ${article.comment_count} comments, ${approved} rows are approved`);
  const stored: Record<string, number> = {};
  for (const r of all) stored[r.status] = (stored[r.status] ?? 0) + 1;
  const queues = await countCommentQueues({ db });
  for (const status of ['pending', 'spam', 'trash'] as const) {
    if (queues[status] !== (stored[status] ?? 0))
      failures.push(`the ${status} queue counts ${queues[status]}, ${stored[status] ?? 0} rows are ${status}`);
  }
  if (queues.recent !== all.length)
    failures.push(`the recent queue counts ${queues.recent}, there are ${all.length} rows`);
  const decided = await db
    .selectFrom('comments as c')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('comment_decisions as d').select('d.id').whereRef('d.comment_id', '=', 'c.id'))),
    )
    .executeTakeFirstOrThrow();
  const undecided = Number(decided.n) - input.seeded.size;
  if (undecided > 0) failures.push(`${undecided} comments stored during the run have no recorded decision`);

  failures.push(...floodViolations(rows, input.floodMs));
  return { failures, stored };
}

/** Pairs of comments from one address, or one email, closer together than the flood interval. */
function floodViolations(rows: { ip: string; author_email: string; created_at: string }[], floodMs: number): string[] {
  const out: string[] = [];
  for (const by of ['ip', 'author_email'] as const) {
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const times = groups.get(r[by]) ?? [];
      times.push(new Date(r.created_at).getTime());
      groups.set(r[by], times);
    }
    let n = 0;
    let example = '';
    for (const [who, times] of groups) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        if (times[i] - times[i - 1] < floodMs) {
          n++;
          example ||= `${who}: ${times[i] - times[i - 1]} ms apart`;
        }
      }
    }
    if (n)
      out.push(
        `${n} comments came within the ${floodMs} ms flood interval of the one before from the same ${by === 'ip' ? 'address' : 'email'} (e.g. ${example})`,
      );
  }
  return out;
}
