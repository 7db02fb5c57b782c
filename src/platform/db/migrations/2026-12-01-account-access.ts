// What withdraws access: API tokens that expire and can be listed per person, password links that a newer
// password revokes, and people removed from the desk (their bylines stay). Frozen in time: imports nothing
// from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'varchar(30)').execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();
  await db.schema.alterTable('password_tokens').addColumn('revoked_at', 'varchar(30)').execute();
  await db.schema.createIndex('password_tokens_user_idx').on('password_tokens').column('user_id').execute();
  await db.schema.alterTable('users').addColumn('removed_at', 'varchar(30)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('removed_at').execute();
  await db.schema.dropIndex('password_tokens_user_idx').execute();
  await db.schema.alterTable('password_tokens').dropColumn('revoked_at').execute();
  await db.schema.dropIndex('api_tokens_user_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
