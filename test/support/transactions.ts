// Two writers at once on PostgreSQL: one transaction written and left open while another connection does its part.
import type { Db } from '../../src/platform/db/database.ts';

/**
 * Runs `write` in a transaction, then `meanwhile` while that transaction is still open, then commits it. A failing
 * `write` fails the call (it never leaves `meanwhile` waiting); the transaction commits whatever `meanwhile` does.
 */
export async function whileUncommitted(
  db: Db,
  write: (trx: Db) => Promise<unknown>,
  meanwhile: () => Promise<unknown>,
): Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const writtenYet = new Promise<void>((resolve) => (written = resolve));
  const open = db.transaction().execute(async (trx) => {
    await write(trx);
    written();
    await held;
  });
  await Promise.race([writtenYet, open]);
  try {
    await meanwhile();
  } finally {
    release();
    await open;
  }
}
