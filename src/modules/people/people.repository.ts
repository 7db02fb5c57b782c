// All SQL about staff people and their API tokens.
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/tables.ts';

export const findUserByEmail = (db: Db, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserBySlug = (db: Db, slug: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findUsersByIdsOrSlugs = (db: Db, keys: string[]): Promise<UserRow[]> =>
  keys.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('id', 'in', keys),
            eb('slug', 'in', keys),
            eb(
              'email',
              'in',
              keys.map((k) => k.toLowerCase()),
            ),
          ]),
        )
        .execute();

export const slugTaken = async (db: Db, slug: string): Promise<boolean> =>
  (await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;

export async function insertUser(
  db: Db,
  row: Omit<UserRow, 'photo_url' | 'moderation_digest' | 'removed_at' | 'language'>,
): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Changes a staff member's byline name and sign-in email (an import bringing over what changed in WordPress). */
export async function updateUserDetails(db: Db, id: string, changes: { name?: string; email?: string }): Promise<void> {
  if (changes.name === undefined && changes.email === undefined) return;
  await db
    .updateTable('users')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.email !== undefined && { email: changes.email.toLowerCase() }),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertToken(
  db: Db,
  row: {
    id: string;
    user_id: string;
    token_hash: string;
    label: string;
    created_at: string;
    expires_at: string | null;
  },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ ...row, last_used_at: null })
    .execute();
}

/** The token behind a hash with its person, if the person is still on the staff. */
export const findTokenWithUser = (db: Db, hash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'users.id',
      'users.name',
      'users.email',
      'users.role',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('users.removed_at', 'is', null)
    .executeTakeFirst();

/** Records a use, unless another request (or process) already did since `staleBefore`. */
export async function touchToken(
  db: Db,
  { id, at, staleBefore }: { id: string; at: string; staleBefore: string },
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}

export const listTokensOf = (db: Db, userId: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'label', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const findToken = (db: Db, id: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.label', 'users.email'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();

export async function deleteToken(db: Db, id: string): Promise<boolean> {
  return Number((await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
}

export async function deleteTokensOf(db: Db, userId: string): Promise<{ id: string; label: string }[]> {
  const tokens = await db
    .selectFrom('api_tokens')
    .select(['id', 'label'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  if (tokens.length) await db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  return tokens;
}

export const listUsers = (db: Db) =>
  db.selectFrom('users').select(['id', 'name', 'slug', 'email', 'role', 'removed_at']).orderBy('name').execute();

/** How many API tokens each person holds, for the People page. */
export async function countTokensByUser(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

/** Admins who can still sign in: the newsroom must always keep one. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateRole(db: Db, userId: string, role: UserRow['role']): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

/** Takes a person off the desk: no password, marked removed; the row stays for their bylines. */
export async function markRemoved(db: Db, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ removed_at: at, password_hash: null }).where('id', '=', userId).execute();
}

/** Brings a removed person back with a role (an admin invited them again). */
export async function reinstate(db: Db, userId: string, role: UserRow['role']): Promise<void> {
  await db.updateTable('users').set({ removed_at: null, role }).where('id', '=', userId).execute();
}

/** Sets (or, with null, clears) a person's password hash. */
export async function setPasswordHash(db: Db, userId: string, hash: string | null): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export const findUserById = (db: Db, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateModerationDigest(db: Db, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ moderation_digest: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export async function updateLanguage(db: Db, userId: string, language: string | null): Promise<void> {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}

/** Staff whose role moderates and who want the digest of waiting comments. */
export const listDigestRecipients = (db: Db, roles: readonly string[]) =>
  db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'language'])
    .where('role', 'in', roles as UserRow['role'][])
    .where('moderation_digest', '=', 1)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();

/** What a staff member's author page and account show of them. */
export const findProfile = (db: Db, id: string) =>
  db
    .selectFrom('users')
    .select(['name', 'bio', 'photo_url', 'moderation_digest', 'language'])
    .where('id', '=', id)
    .executeTakeFirst();

export async function updateProfile(
  db: Db,
  id: string,
  profile: { name: string; bio: string; photo_url: string },
): Promise<void> {
  await db.updateTable('users').set(profile).where('id', '=', id).execute();
}

/** Whether an admin can sign in: one with a password, still on the staff. */
export const hasAdminWhoCanSignIn = async (db: Db): Promise<boolean> =>
  (await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('password_hash', 'is not', null)
    .where('removed_at', 'is', null)
    .limit(1)
    .executeTakeFirst()) !== undefined;

/** The stored hash of the first-admin setup code, if one is outstanding. */
export const findSetupCode = (db: Db) =>
  db.selectFrom('setup_codes').select(['code_hash', 'created_at']).where('id', '=', 'first-admin').executeTakeFirst();

/** Stores a new setup code's hash in place of any earlier one. */
export async function replaceSetupCode(db: Db, row: { code_hash: string; created_at: string }): Promise<void> {
  await db
    .insertInto('setup_codes')
    .values({ id: 'first-admin', ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet({ code_hash: row.code_hash, created_at: row.created_at }))
    .execute();
}

/** Spends the setup code: once an admin can sign in, nothing it guards is left. */
export async function deleteSetupCode(db: Db): Promise<void> {
  await db.deleteFrom('setup_codes').execute();
}
