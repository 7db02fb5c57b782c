// Staff people: creating accounts (from the CLI, or through an invitation), profiles, the moderation digest.
import { hash } from '@node-rs/argon2';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db/database.ts';
import type { StaffRole, UserRow } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters, slugify } from '../../platform/text.ts';
import * as repo from './people.repository.ts';
import { can, ROLES, type Staff } from '../permissions/index.ts';
import { recordAudit } from '../audit/index.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  /** Omitted for people who will be invited to set their own. */
  password?: string;
  bio?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The password rules of every way an account gets one (command line, first run, links, account page). */
export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < 10) throw invalid(field, 'password_too_short', 'The password must be at least 10 characters.');
  if (password.length > 1000)
    throw invalid(field, 'password_too_long', 'The password must be at most 1000 characters.');
}

/** A new account's row, checked (email, name, role, password) and with its password hashed; not yet stored. */
export async function prepareUser(deps: Pick<Deps, 'db' | 'clock'>, input: CreateUserInput): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 254) throw invalid('email', 'invalid_email', 'Give a valid email address.');
  if (name === '' || name.length > 120 || hasControlCharacters(name))
    throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  if (!ROLES.includes(input.role as StaffRole))
    throw invalid({
      field: 'role',
      code: 'invalid_role',
      message: `The role must be one of ${ROLES.join(', ')}.`,
      values: { roles: ROLES.join(', ') },
    });
  if (input.password !== undefined) checkNewPassword(input.password);
  return {
    id: newId(),
    email,
    name,
    slug: '',
    bio: input.bio ?? '',
    role: input.role as StaffRole,
    password_hash: input.password === undefined ? null : await hash(input.password),
    created_at: iso(deps.clock.now()),
    photo_url: '',
    moderation_digest: 1,
    removed_at: null,
    language: null,
  };
}

/** Stores a prepared account in the caller's transaction: its email must be free; its slug is made unique here. */
export async function insertPreparedUser(db: Db, user: UserRow): Promise<Staff> {
  if (await repo.findUserByEmail(db, user.email))
    throw new AppError({
      status: 409,
      code: 'email_taken',
      message: `A user with the email ${user.email} already exists.`,
      field: 'email',
      values: { email: user.email },
    });
  let slug = slugify(user.name, 60);
  for (let n = 2; await repo.slugTaken(db, slug); n++) slug = `${slugify(user.name, 60)}-${n}`;
  await repo.insertUser(db, {
    id: user.id,
    email: user.email,
    name: user.name,
    slug,
    bio: user.bio,
    role: user.role,
    password_hash: user.password_hash,
    created_at: user.created_at,
  });
  // An admin who can sign in spends the first-run setup code, however the account was made.
  if (user.role === 'admin' && user.password_hash) await repo.deleteSetupCode(db);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Creates a staff account; the password is stored only as an argon2id hash. */
export async function createUser(deps: Pick<Deps, 'db' | 'clock'>, input: CreateUserInput): Promise<Staff> {
  const user = await prepareUser(deps, input);
  return insertPreparedUser(deps.db, user);
}

/** A staff member's public profile: the name on bylines, the bio and portrait on their author page. */
export async function updateProfile(
  deps: Pick<Deps, 'db' | 'clock' | 'pageCache'>,
  input: { staff: Staff; name: string; bio: string; photoUrl: string; ip: string },
): Promise<void> {
  const name = input.name.trim();
  const bio = input.bio.replace(/\r\n?/g, '\n').trim();
  const photoUrl = input.photoUrl.trim();
  if (name === '' || name.length > 120 || hasControlCharacters(name))
    throw invalid('name', 'invalid_name', 'The name must be 1 to 120 printable characters.');
  if (bio.length > 2000 || hasControlCharacters(bio))
    throw invalid('bio', 'invalid_bio', 'The bio must be at most 2000 printable characters.');
  if (photoUrl !== '' && !/^\/media\/[\w./-]+$/.test(photoUrl))
    throw invalid('photoUrl', 'invalid_photo', 'Choose the portrait from the media library.');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProfile(trx, input.staff.id, { name, bio, photo_url: photoUrl });
    await recordAudit(trx, {
      actor: input.staff,
      action: 'profile.changed',
      subject: input.staff.email,
      details: { name },
      ip: input.ip,
      at: deps.clock.now(),
    });
  });
  // Bylines appear on every list and article page.
  await deps.pageCache.invalidate(['*']);
}

/** Turns a staff member's moderation digest on or off (their account page, or the digest's own unsubscribe link). */
export async function setModerationDigest(
  deps: Pick<Deps, 'db'>,
  input: { userId: string; on: boolean },
): Promise<void> {
  await repo.updateModerationDigest(deps.db, input.userId, input.on);
}

/**
 * Sets the language the desk speaks to a staff member: one with a catalogue, or '' for the site's default (stored as
 * null, so the desk follows the setting when it changes).
 */
export async function setDeskLanguage(
  deps: Pick<Deps, 'db' | 'clock' | 'translations'>,
  input: { staff: Staff; language: string; ip: string },
): Promise<void> {
  const wanted = input.language.trim().toLowerCase();
  if (wanted !== '' && !deps.translations.languages().includes(wanted))
    throw invalid('language', 'unknown_language', 'Choose one of the languages offered, or the site default.');
  const language = wanted === '' ? null : wanted;
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateLanguage(trx, input.staff.id, language);
    await recordAudit(trx, {
      actor: input.staff,
      action: 'language.changed',
      subject: input.staff.email,
      details: { language: language ?? 'site default' },
      ip: input.ip,
      at: deps.clock.now(),
    });
  });
}

/** Who gets the moderation digest: everyone whose role moderates comments, unless they turned it off. */
export async function listDigestRecipients(
  deps: Pick<Deps, 'db'>,
): Promise<{ id: string; name: string; email: string; language: string | null }[]> {
  return repo.listDigestRecipients(
    deps.db,
    ROLES.filter((role) => can({ id: '', name: '', email: '', role }, 'comment.moderate')),
  );
}

/** A staff member by sign-in email, if there is one (any case). */
export const findUserByEmail = (db: Db, email: string) => repo.findUserByEmail(db, email);
export const findUserById = (db: Db, id: string) => repo.findUserById(db, id);
/** An author by the slug of their author page. */
export const findUserBySlug = (db: Db, slug: string) => repo.findUserBySlug(db, slug);
/** Staff named by id, slug or email (an article's bylines as a client names them). */
export const findUsersByIdsOrSlugs = (db: Db, keys: string[]) => repo.findUsersByIdsOrSlugs(db, keys);
/** Every member of staff, by name (removed ones too: their bylines stay). */
export const listUsers = (db: Db) => repo.listUsers(db);
/** Changes a staff member's byline name and sign-in email (an import bringing over what changed in WordPress). */
export const updateUserDetails = (db: Db, id: string, changes: { name?: string; email?: string }) =>
  repo.updateUserDetails(db, id, changes);
