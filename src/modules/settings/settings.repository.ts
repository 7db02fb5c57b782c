// All SQL about site settings: key/value rows, each value stored as JSON.
import type { Db } from '../../platform/db/database.ts';

export const listSettingRows = (db: Db) => db.selectFrom('settings').select(['key', 'value']).execute();

export async function upsertSetting(db: Db, key: string, json: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}
