// A decision's reason in any desk's language: the rule's code stays in `rule`, and the figures and words its sentence
// needs (counts, the matched word, limits) are kept as JSON in `reason_values`, so the sentence is written from the
// catalogue (`moderation.reason.<rule>`) when it is shown. `reason` keeps the English sentence, as older rows have it
// alone (null values: shown as stored). Frozen in time: imports nothing from src/modules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comment_decisions').addColumn('reason_values', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comment_decisions').dropColumn('reason_values').execute();
}
