// Starts Dateline: read the configuration, prepare the database, listen, and stop cleanly on a signal.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { buildDeps } from './deps.ts';
import { eraseOldAddresses, pruneIdempotencyKeys } from './modules/comments/index.ts';
import { seedDemoNewsroom } from './modules/demo/index.ts';
import { prepareFirstRun } from './modules/people/index.ts';
import { sendModerationDigest } from './modules/moderation-desk/index.ts';
import { migrate } from './platform/db/database.ts';
import { pruneOutbox } from './platform/mail/outbox.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const deps = await buildDeps(config);
  const applied = await migrate(deps.db, deps.dialect);
  if (applied.length) deps.logger.info({ applied }, 'database migrated');
  if (config.demoContent && (await seedDemoNewsroom(deps))) deps.logger.info('demo newsroom created');
  // A site nobody can administer yet: the first admin is made in the browser with a code only the log shows.
  const firstRun = await prepareFirstRun(deps);
  if (typeof firstRun === 'object') {
    deps.logger.warn(
      `First run: create the first admin account at ${config.publicUrl}/admin/setup with the setup code ${firstRun.code} (it works once).`,
    );
  } else if (firstRun === 'issued') {
    deps.logger.warn(
      'First run: no admin can sign in yet. Use the setup code logged when the site first started, ' +
        'or print a new one with `npx dateline setup-code`, then open /admin/setup.',
    );
  }
  // Addresses older than the retention period are erased now and every hour; several processes doing it is harmless.
  // Mail that left more than 30 days ago, and comment posts' idempotency keys past their day, are forgotten on the same schedule.
  const eraseAddresses = () =>
    eraseOldAddresses(deps)
      .then((n) => n && deps.logger.info({ erased: n }, 'erased old commenter addresses'))
      .then(() => pruneOutbox(deps.db, new Date(deps.clock.now().getTime() - 30 * 86_400_000)))
      .then(() => pruneIdempotencyKeys(deps))
      .catch((error) => deps.logger.error({ err: error }, 'erasing old commenter addresses failed'));
  await eraseAddresses();
  const eraser = setInterval(eraseAddresses, 3_600_000);
  eraser.unref();
  // Mail queued with each change leaves from here, now and whenever a change asks; the digest checks every minute.
  deps.mailOutbox.start();
  const digest = setInterval(
    () =>
      void sendModerationDigest(deps)
        .then((n) => n && deps.logger.info({ mails: n }, 'moderation digest queued'))
        .catch((error) => deps.logger.error({ err: error }, 'moderation digest failed')),
    60_000,
  );
  digest.unref();
  const app = await buildApp(deps);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, publicUrl: config.publicUrl }, `Dateline is listening on ${address}`);

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(eraser);
    clearInterval(digest);
    await app.close();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
