// All SQL about staff people and their API tokens.
import type { Db } from '../../platform/db/database.ts';
import type { StaffRole, UserRow } from '../../platform/db/tables.ts';

export const findUserByEmail = (db: Db, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserBySlug = (db: Db, slug: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findUsersByIdsOrSlugs = (db: Db, keys: string[]): Promise<UserRow[]> =>
  keys.length === 0 ? Promise.resolve([]) : db.selectFrom('users').selectAll()
    .where((eb) => eb.or([eb('id', 'in', keys), eb('slug', 'in', keys), eb('email', 'in', keys.map((k) => k.toLowerCase()))]))
    .execute();

export const slugTaken = async (db: Db, slug: string): Promise<boolean> =>
  (await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;

export async function insertUser(db: Db, row: Omit<UserRow, 'photo_url' | 'moderation_digest'>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Changes a staff member's byline name and sign-in email (an import bringing over what changed in WordPress). */
export async function updateUserDetails(db: Db, id: string, changes: { name?: string; email?: string }): Promise<void> {
  if (changes.name === undefined && changes.email === undefined) return;
  await db.updateTable('users').set({
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.email !== undefined && { email: changes.email.toLowerCase() }),
  }).where('id', '=', id).execute();
}

export async function insertToken(db: Db, row: { id: string; user_id: string; token_hash: string; label: string; created_at: string }): Promise<void> {
  await db.insertInto('api_tokens').values({ ...row, last_used_at: null }).execute();
}

export const findUserByTokenHash = (db: Db, hash: string): Promise<UserRow | undefined> =>
  db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users').where('api_tokens.token_hash', '=', hash).executeTakeFirst();

export const listUsers = (db: Db) =>
  db.selectFrom('users').select(['id', 'name', 'slug', 'email', 'role']).orderBy('name').execute();

export const findUserById = (db: Db, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateModerationDigest(db: Db, userId: string, on: boolean): Promise<void> {
  await db.updateTable('users').set({ moderation_digest: on ? 1 : 0 }).where('id', '=', userId).execute();
}

/** Staff whose role moderates and who want the digest of waiting comments. */
export const listDigestRecipients = (db: Db, roles: readonly string[]) =>
  db.selectFrom('users').select(['id', 'name', 'email']).where('role', 'in', roles as UserRow['role'][])
    .where('moderation_digest', '=', 1).orderBy('id').execute();

/** What a staff member's author page and account show of them. */
export const findProfile = (db: Db, id: string) =>
  db.selectFrom('users').select(['name', 'bio', 'photo_url', 'moderation_digest']).where('id', '=', id).executeTakeFirst();

export async function updateProfile(db: Db, id: string, profile: { name: string; bio: string; photo_url: string }): Promise<void> {
  await db.updateTable('users').set(profile).where('id', '=', id).execute();
}

export async function updatePasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function updateRole(db: Db, userId: string, role: StaffRole): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(row.n);
}
