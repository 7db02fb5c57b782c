// The transactional outbox: a mail is written in the same transaction as the change that calls for it, and
// a delivery worker sends it after commit, retrying with backoff. Several processes may run workers: a
// row is claimed by one conditional UPDATE, so each mail leaves once (a worker that dies mid-send leaves
// its claim to lapse, and the mail is tried again: at least once, never lost).
import type { Logger } from 'pino';
import { iso, type Clock } from '../clock.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { MailOutboxRow } from '../db/tables.ts';
import { newId } from '../ids.ts';
import type { Mail, Mailer } from './mailer.ts';

export interface QueuedMail extends Mail {
  kind: string;
  /** With kind, names the event the mail is about; queuing the same event again does nothing. */
  dedupeKey: string;
}

/** Writes mails to the outbox in the caller's transaction (one statement); returns how many were new. */
export async function queueMails(db: Db, mails: QueuedMail[], now: Date): Promise<number> {
  if (mails.length === 0) return 0;
  const result = await db
    .insertInto('mail_outbox')
    .values(
      mails.map((m) => ({
        id: newId(),
        kind: m.kind,
        dedupe_key: m.dedupeKey,
        recipient: m.to,
        subject: m.subject,
        body_text: m.text,
        body_html: m.html ?? '',
        headers: JSON.stringify(m.headers ?? {}),
        status: 'queued' as const,
        next_attempt_at: iso(now),
        created_at: iso(now),
      })),
    )
    .onConflict((oc) => oc.columns(['kind', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Forgets mail that left (or was given up) before `before`: the outbox is not an archive of what people were sent. */
export async function pruneOutbox(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where('status', 'in', ['sent', 'failed', 'cancelled'])
    .where('created_at', '<', iso(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Cancels the mail of one kind still waiting to go to an address (its reader unsubscribed). */
export async function cancelQueuedMail(db: Db, mail: { kind: string; recipient: string }): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'cancelled' })
    .where('kind', '=', mail.kind)
    .where('recipient', '=', mail.recipient)
    .where('status', '=', 'queued')
    .execute();
}

/** Forgets every mail to an address, sent or not (a commenter's erasure request). */
export async function deleteMailTo(db: Db, email: string): Promise<void> {
  await db.deleteFrom('mail_outbox').where('recipient', '=', email).execute();
}

export interface OutboxOptions {
  /** Mails claimed per pass. */
  batch: number;
  /** How long a claim holds before another worker may take the mail over. */
  leaseMs: number;
  /** Tries before a mail is given up as failed. */
  maxAttempts: number;
  /** Wait before the first retry; doubles with each failure, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

const DEFAULTS: OutboxOptions = {
  batch: 20,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffMs: 60_000,
  maxBackoffMs: 6 * 3_600_000,
};

/** When a mail that failed for the n-th time is tried again. */
export const retryDelay = (
  attempts: number,
  options: Pick<OutboxOptions, 'backoffMs' | 'maxBackoffMs'> = DEFAULTS,
): number => Math.min(options.backoffMs * 2 ** Math.max(0, attempts - 1), options.maxBackoffMs);

/** Claims due mails: queued ones whose time has come, and sending ones whose worker's claim lapsed. */
async function claimDue(
  { db, dialect }: { db: Db; dialect: Dialect },
  now: Date,
  options: OutboxOptions,
): Promise<MailOutboxRow[]> {
  const at = iso(now);
  let due = db
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(options.batch);
  // PostgreSQL: concurrent workers skip rows another is claiming instead of queueing behind its lock.
  // SQLite has one writer at a time, so the single UPDATE below is already atomic there.
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return (
    db
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        lease_until: iso(new Date(now.getTime() + options.leaseMs)),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', due)
      // Checked again on the row itself: a row another worker claimed meanwhile no longer matches.
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
        ]),
      )
      .returningAll()
      .execute()
  );
}

type OutboxDeps = { db: Db; dialect: Dialect; mailer: Mailer; clock: Clock; logger: Logger };

/** Sends what the outbox holds: on a timer once started, and at once when kicked after a commit. */
export class MailOutbox {
  private readonly options: OutboxOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private kicked = false;

  constructor(
    private readonly deps: OutboxDeps,
    options: Partial<OutboxOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Delivers now and then every intervalMs until stopped. */
  start(intervalMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  /** Asks for a pass soon (after a commit that queued mail); several kicks meanwhile make one pass. Only when started. */
  kick(): void {
    if (!this.timer || this.kicked) return;
    this.kicked = true;
    void this.deliver().catch((error) => this.deps.logger.error({ err: error }, 'mail delivery pass failed'));
  }

  /** One pass, after any pass in progress: claims due mails and sends them; returns how many were sent. */
  deliver(): Promise<number> {
    const pass = this.running
      .catch(() => 0)
      .then(() => {
        this.kicked = false;
        return this.pass();
      });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    const { db, dialect, mailer, clock, logger } = this.deps;
    let sent = 0;
    for (;;) {
      const rows = await claimDue({ db, dialect }, clock.now(), this.options);
      for (const row of rows) {
        try {
          await mailer.send({
            to: row.recipient,
            subject: row.subject,
            text: row.body_text,
            ...(row.body_html ? { html: row.body_html } : {}),
            headers: JSON.parse(row.headers) as Record<string, string>,
          });
          await db
            .updateTable('mail_outbox')
            .set({ status: 'sent', sent_at: iso(clock.now()), lease_until: null, last_error: '' })
            .where('id', '=', row.id)
            .execute();
          sent++;
        } catch (error) {
          const attempts = Number(row.attempts);
          const giveUp = attempts >= this.options.maxAttempts;
          const message = error instanceof Error ? error.message : String(error);
          logger.warn({ err: error, mailId: row.id, kind: row.kind, attempts, giveUp }, 'mail not delivered');
          await db
            .updateTable('mail_outbox')
            .set({
              status: giveUp ? 'failed' : 'queued',
              lease_until: null,
              last_error: message.slice(0, 1000),
              next_attempt_at: iso(new Date(clock.now().getTime() + retryDelay(attempts, this.options))),
            })
            .where('id', '=', row.id)
            .execute();
        }
      }
      if (rows.length < this.options.batch) return sent;
    }
  }
}
