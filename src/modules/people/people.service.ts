// Staff people: their accounts, roles, profiles and passwords, and the API tokens they act through.
import { hash, verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, conflict, invalid, notFound, unauthorized } from '../../platform/errors.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import { hasControlCharacters, slugify } from '../../platform/text.ts';
import * as repo from './people.repository.ts';
import { can, ROLES, type Staff } from '../permissions/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listMedia, type MediaItem } from '../media/index.ts';
import { authorize } from '../permissions/index.ts';
import { endSessions, type Session } from '../sessions/index.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  /** Omitted for people who will be invited to set their own. */
  password?: string;
  bio?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a staff account; the password is stored only as an argon2id hash. */
export async function createUser(deps: Pick<Deps, 'db' | 'clock'>, input: CreateUserInput): Promise<Staff> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 254) throw invalid('email', 'invalid_email', 'Give a valid email address.');
  if (name === '' || name.length > 120 || hasControlCharacters(name)) throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  if (!ROLES.includes(input.role as StaffRole)) throw invalid('role', 'invalid_role', `The role must be one of ${ROLES.join(', ')}.`);
  if (input.password !== undefined && input.password.length < 10) {
    throw invalid('password', 'password_too_short', 'The password must be at least 10 characters.');
  }
  if (await repo.findUserByEmail(deps.db, email)) throw conflict('email_taken', `A user with the email ${email} already exists.`, 'email');
  let slug = slugify(name, 60);
  for (let n = 2; await repo.slugTaken(deps.db, slug); n++) slug = `${slugify(name, 60)}-${n}`;
  const id = newId();
  await repo.insertUser(deps.db, {
    id, email, name, slug, bio: input.bio ?? '', role: input.role as StaffRole,
    password_hash: input.password === undefined ? null : await hash(input.password),
    created_at: iso(deps.clock.now()),
  });
  return { id, email, name, role: input.role as StaffRole };
}

/** Makes an API token for a user; returns the secret once, stores only its hash. */
export async function createApiToken(deps: Pick<Deps, 'db' | 'clock'>, input: { email: string; label?: string }): Promise<string> {
  const user = await repo.findUserByEmail(deps.db, input.email.trim());
  if (!user) throw notFound(`No user with the email ${input.email}.`);
  const token = `dl_${newSecret(30)}`;
  await repo.insertToken(deps.db, {
    id: newId(), user_id: user.id, token_hash: sha256(token), label: input.label ?? '', created_at: iso(deps.clock.now()),
  });
  return token;
}

/** The staff member a bearer token belongs to; 401 for an unknown token. */
export async function authenticateToken(deps: Pick<Deps, 'db'>, token: string): Promise<Staff> {
  const user = await repo.findUserByTokenHash(deps.db, sha256(token));
  if (!user) throw unauthorized('The bearer token is not valid.');
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** A staff member's public profile: the name on bylines, the bio and portrait on their author page. */
export async function updateProfile(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  input: { staff: Staff; name: string; bio: string; photoUrl: string; ip: string },
): Promise<void> {
  const name = input.name.trim();
  const bio = input.bio.replace(/\r\n?/g, '\n').trim();
  const photoUrl = input.photoUrl.trim();
  if (name === '' || name.length > 120 || hasControlCharacters(name)) throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  if (bio.length > 2000 || hasControlCharacters(bio)) throw invalid('bio', 'invalid_bio', 'The bio must be at most 2000 printable characters.');
  if (photoUrl !== '' && !/^\/media\/[\w./-]+$/.test(photoUrl)) throw invalid('photoUrl', 'invalid_photo', 'Choose the portrait from the media library.');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProfile(trx, input.staff.id, { name, bio, photo_url: photoUrl });
    await recordAudit(trx, { actor: input.staff, action: 'profile.changed', subject: input.staff.email, details: { name }, ip: input.ip, at: deps.clock.now() });
  });
  // Bylines appear on every list and article page.
  await deps.pageCache.invalidate(['*']);
}

/** Turns a staff member's moderation digest on or off (their account page, or the digest's own unsubscribe link). */
export async function setModerationDigest(deps: Pick<Deps, 'db'>, input: { userId: string; on: boolean }): Promise<void> {
  await repo.updateModerationDigest(deps.db, input.userId, input.on);
}

/** Who gets the moderation digest: everyone whose role moderates comments, unless they turned it off. */
export async function listDigestRecipients(deps: Pick<Deps, 'db'>): Promise<{ id: string; name: string; email: string }[]> {
  return repo.listDigestRecipients(deps.db, ROLES.filter((role) => can({ id: '', name: '', email: '', role }, 'comment.moderate')));
}

/** A staff member by sign-in email, if there is one (any case). */
export const findUserByEmail = (db: Db, email: string) => repo.findUserByEmail(db, email);
export const findUserById = (db: Db, id: string) => repo.findUserById(db, id);
/** An author by the slug of their author page. */
export const findUserBySlug = (db: Db, slug: string) => repo.findUserBySlug(db, slug);
/** Staff named by id, slug or email (an article's bylines as a client names them). */
export const findUsersByIdsOrSlugs = (db: Db, keys: string[]) => repo.findUsersByIdsOrSlugs(db, keys);
/** Every member of staff, by name. */
export const listUsers = (db: Db) => repo.listUsers(db);
/** Changes a staff member's byline name and sign-in email (an import bringing over what changed in WordPress). */
export const updateUserDetails = (db: Db, id: string, changes: { name?: string; email?: string }) => repo.updateUserDetails(db, id, changes);

/** The staff list as admins manage it. */
export async function listPeople(deps: Pick<Deps, 'db'>, input: { staff: Staff }) {
  authorize(input.staff, 'users.manage');
  return repo.listUsers(deps.db);
}

/** An admin changes someone's role; the newsroom always keeps at least one admin. */
export async function changeRole(deps: Deps, input: { staff: Staff; userId: string; role: StaffRole; ip: string }): Promise<void> {
  authorize(input.staff, 'users.manage');
  const user = await repo.findUserById(deps.db, input.userId);
  if (!user) throw new AppError(404, 'not_found', 'There is no such member of staff.');
  if (user.role === input.role) return;
  await deps.db.transaction().execute(async (trx) => {
    if (user.role === 'admin' && (await repo.countAdmins(trx)) <= 1) {
      throw new AppError(409, 'last_admin', 'The newsroom needs at least one admin: make someone else admin first.', 'role');
    }
    await repo.updateRole(trx, user.id, input.role);
    await recordAudit(trx, { actor: input.staff, action: 'user.role_changed', subject: user.email, details: { from: user.role, to: input.role }, ip: input.ip, at: deps.clock.now() });
  });
}

/** Changes a password after checking the current one; the person's other sessions end. */
export async function changePassword(deps: Deps, input: { session: Session; current: string; next: string; ip: string }): Promise<void> {
  const user = await repo.findUserById(deps.db, input.session.staff.id);
  if (!user?.password_hash || !(await verify(user.password_hash, input.current).catch(() => false))) {
    throw invalid('current', 'wrong_password', 'Your current password is not right.');
  }
  if (input.next.length < 10) throw invalid('next', 'password_too_short', 'The new password must be at least 10 characters.');
  if (input.next.length > 1000) throw invalid('next', 'password_too_long', 'The new password must be at most 1000 characters.');
  const newHash = await hash(input.next);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, user.id, newHash);
    await endSessions(trx, { userId: user.id, exceptSessionId: input.session.id });
    await recordAudit(trx, { actor: input.session.staff, action: 'password.changed', ip: input.ip, at: deps.clock.now() });
  });
}

export interface Account {
  profile: { name: string; bio: string; photoUrl: string; moderationDigest: boolean };
  /** The media library's photos, to choose a portrait from. */
  media: MediaItem[];
}

/** A staff member's own account page: their profile, and the photos they may choose a portrait from. */
export async function getAccount(deps: Pick<Deps, 'db'>, input: { staff: Staff }): Promise<Account> {
  const [profile, media] = await Promise.all([repo.findProfile(deps.db, input.staff.id), listMedia(deps, { limit: 50, offset: 0 })]);
  return {
    profile: {
      name: profile?.name ?? '', bio: profile?.bio ?? '', photoUrl: profile?.photo_url ?? '', moderationDigest: Number(profile?.moderation_digest ?? 1) === 1,
    },
    media,
  };
}
