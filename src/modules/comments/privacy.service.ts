// Commenters' privacy: addresses kept only as long as moderation needs them, and a person's
// right to have everything they wrote handed over or erased.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import { deleteMailTo } from '../../platform/mail/outbox.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './privacy.repository.ts';

/** Blanks the IP address and browser of comments older than the retention period; returns how many. */
export async function eraseOldAddresses(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const { ipRetentionDays } = await getSettings(deps);
  const before = iso(new Date(deps.clock.now().getTime() - ipRetentionDays * 86_400_000));
  return repo.blankAddressesBefore(deps.db, before);
}

const normalEmail = (email: string): string => {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(e))
    throw invalid('email', 'invalid_email', 'Give the email address the person commented with.');
  return e;
};

export interface CommenterData {
  email: string;
  exportedAt: string;
  comments: {
    id: string;
    article: string;
    name: string;
    website: string;
    text: string;
    status: string;
    postedAt: string;
    ip: string;
    userAgent: string;
    /** The comment's texts before each change (by its author or a moderator), oldest first. */
    earlierTexts: string[];
  }[];
}

/** Everything stored about one commenter's comments, for a data-subject request. Admins only; audited. */
export async function exportCommenterData(
  deps: Deps,
  input: { staff: Staff; email: string; ip: string },
): Promise<CommenterData> {
  authorize(input.staff, 'users.manage');
  const email = normalEmail(input.email);
  const rows = await repo.listCommentsOfEmail(deps.db, email);
  const revisions = await repo.listEarlierTexts(
    deps.db,
    rows.map((r) => r.id),
  );
  await recordAudit(deps.db, {
    actor: input.staff,
    action: 'privacy.exported',
    subject: email,
    details: { comments: rows.length },
    ip: input.ip,
    at: deps.clock.now(),
  });
  return {
    email,
    exportedAt: iso(deps.clock.now()),
    comments: rows.map((r) => ({
      id: r.id,
      article: r.slug,
      name: r.author_name,
      website: r.author_url,
      text: r.body_text,
      status: r.status,
      postedAt: r.created_at,
      ip: r.ip,
      userAgent: r.user_agent,
      earlierTexts: revisions.filter((v) => v.comment_id === r.id).map((v) => v.body),
    })),
  };
}

/** Deletes every comment of one commenter; replies to them stay, counts stay exact. Admins only; audited. */
export async function eraseCommenterData(
  deps: Deps,
  input: { staff: Staff; email: string; ip: string },
): Promise<number> {
  authorize(input.staff, 'users.manage');
  const email = normalEmail(input.email);
  const { erased, articles } = await deps.db.transaction().execute(async (trx) => {
    const articleIds = await repo.articlesCommentedBy(trx, email);
    const erased = await repo.deleteCommentsOfEmail(trx, email);
    // Mail about their comments' replies quotes others, but is addressed to them: it goes too. An opt-out stays.
    await deleteMailTo(trx, email);
    // The audit keeps that it happened, not what was erased.
    await recordAudit(trx, {
      actor: input.staff,
      action: 'privacy.erased',
      subject: email,
      details: { comments: erased },
      ip: input.ip,
      at: deps.clock.now(),
    });
    return { erased, articles: articleIds };
  });
  if (articles.length) await deps.pageCache.invalidate([...articles.map((id) => `article:${id}`), 'lists']);
  return erased;
}
