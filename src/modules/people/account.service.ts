// What a member of staff does with their own account: their profile page, their password, their sessions and tokens.
import { hash, verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { listMedia, type MediaItem } from '../media/index.ts';
import type { Staff } from '../permissions/index.ts';
import { endSessions, type Session } from '../sessions/index.ts';
import { type ApiToken, listApiTokens, revokeTokensOf } from './api-token.service.ts';
import { revokePasswordLinks } from './password-link.service.ts';
import * as repo from './people.repository.ts';

export interface Account {
  profile: { name: string; bio: string; photoUrl: string; moderationDigest: boolean; language: string | null };
  /** The languages the desk can speak (those with a catalogue), each by its own name, to choose from. */
  languages: { tag: string; name: string }[];
  /** The media library's photos, to choose a portrait from. */
  media: MediaItem[];
  tokens: ApiToken[];
}

/** A staff member's own account page: their profile, the photos to choose a portrait from, their API tokens. */
export async function getAccount(
  deps: Pick<Deps, 'db' | 'clock' | 'translations'>,
  input: { staff: Staff },
): Promise<Account> {
  const [profile, media, tokens] = await Promise.all([
    repo.findProfile(deps.db, input.staff.id),
    listMedia(deps, { limit: 50, offset: 0 }),
    listApiTokens(deps, { userId: input.staff.id }),
  ]);
  return {
    profile: {
      name: profile?.name ?? '',
      bio: profile?.bio ?? '',
      photoUrl: profile?.photo_url ?? '',
      moderationDigest: Number(profile?.moderation_digest ?? 1) === 1,
      language: profile?.language ?? null,
    },
    languages: deps.translations.languages().map((tag) => ({ tag, name: ownName(tag) })),
    media,
    tokens,
  };
}

/** A language by its own name, as a language menu lists it ("Español", "English"). */
function ownName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** Changes a password after checking the current one; other sessions end and outstanding password links are revoked. */
export async function changePassword(
  deps: Deps,
  input: { session: Session; current: string; next: string; ip: string },
): Promise<void> {
  const user = await repo.findUserById(deps.db, input.session.staff.id);
  if (!user?.password_hash || !(await verify(user.password_hash, input.current).catch(() => false))) {
    throw invalid('current', 'wrong_password', 'Your current password is not right.');
  }
  if (input.next.length < 10)
    throw invalid('next', 'password_too_short', 'The new password must be at least 10 characters.');
  if (input.next.length > 1000)
    throw invalid('next', 'password_too_long', 'The new password must be at most 1000 characters.');
  const newHash = await hash(input.next);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, user.id, newHash);
    await endSessions(trx, { userId: user.id, exceptSessionId: input.session.id });
    // A reset link mailed earlier would otherwise still set a password over this one.
    const links = await revokePasswordLinks(trx, { userId: user.id, at: now });
    await recordAudit(trx, {
      actor: input.session.staff,
      action: 'password.changed',
      details: links ? { linksRevoked: links } : undefined,
      ip: input.ip,
      at: now,
    });
  });
}

/** Ends every other session of this person (a lost phone, a shared computer), and on request their API tokens too. */
export async function signOutEverywhere(
  deps: Deps,
  input: { session: Session; revokeTokens?: boolean; ip: string },
): Promise<{ sessions: number; tokens: number }> {
  const staff = input.session.staff;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const ended = await endSessions(trx, { userId: staff.id, exceptSessionId: input.session.id });
    const tokens = input.revokeTokens
      ? await revokeTokensOf(trx, {
          userId: staff.id,
          email: staff.email,
          actor: staff,
          reason: 'signed out everywhere',
          ip: input.ip,
          at: now,
        })
      : 0;
    await recordAudit(trx, {
      actor: staff,
      action: 'sign_out.everywhere',
      details: { ended, tokensRevoked: tokens },
      ip: input.ip,
      at: now,
    });
    return { sessions: ended, tokens };
  });
}
