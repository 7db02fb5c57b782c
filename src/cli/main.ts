// The dateline command line: database migrations, staff accounts, API tokens and imports.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.ts';
import { buildApp } from '../app.ts';
import { buildDeps, type Deps } from '../deps.ts';
import { exportBackup, importBackup } from '../modules/backup/index.ts';
import { eraseCommenterData, exportCommenterData } from '../modules/comments/index.ts';
import {
  createApiToken,
  createUser,
  findUserByEmail,
  issueSetupCode,
  listApiTokensByEmail,
  parseTokenLifetime,
  revokeApiToken,
} from '../modules/people/index.ts';
import { exportStaticSite } from '../modules/mirror/index.ts';
import { exportWordPress, formatReport, importWordPress } from '../modules/wordpress/index.ts';
import { AppError } from '../platform/errors.ts';
import { migrate } from '../platform/db/database.ts';
import { readPassword } from './read-password.ts';

const USAGE = `Usage: dateline <command>

Commands:
  migrate                                       apply pending database migrations
  setup-code                                    print a new one-time code for making the first admin account at
                                                /admin/setup (the one logged at start stops working); only while
                                                no admin can sign in
  user create --email E --name N --role ROLE    create a staff account; the password is read from standard input
              [--no-password]                   (or leave it unset, for an account invited later)
  token create --email E [--label L]            print a new API token for the user (shown once; only its hash is kept);
              [--expires-in 90d]                with an expiry, in days (d) or hours (h): refused with 401 after it
  token list --email E                          the user's tokens: id, label, created, last used, expires
  token revoke ID                               revoke a token at once (audited); ID as token list shows it
  import wordpress FILE.xml                     bring over a WordPress export (Tools > Export): authors, categories,
              [--uploads-dir DIR]               tags, posts, pages, media and comments, with 301s from the old addresses;
              [--dry-run]                       DIR is a copy of wp-content/uploads; --dry-run reports and writes nothing.
                                                Safe to run again: unchanged things are left alone, changed ones updated.
  export wordpress > site.xml                   write the whole site as a WordPress export (WXR 1.2) to standard output:
                                                staff, sections, tags, articles, pages and their discussions.
  export json > backup.json                     write everything (articles, revisions, comments, staff without passwords,
                                                settings, the media index, redirects) as one JSON document.
  export static DIR [--base-url URL]            write the public site as plain files for any static host (a mirror): pages,
                                                articles with their approved comments, assets and media, linked relatively;
                                                URL (the mirror's own address) makes canonical links absolute. Run again,
                                                it rewrites only what changed and deletes what is gone.
  import json FILE.json                         restore such a document into a new, empty site, in one transaction.
  privacy export --email E --as ADMIN           a commenter's data-subject request: everything stored about their comments, as JSON
  privacy erase --email E --as ADMIN            erase every comment of that commenter (counts kept exact); both audited under ADMIN

Roles: admin, editor, author, contributor, moderator.
Configuration comes from the same environment variables as the server (DATABASE_URL, ...).`;

class UsageError extends Error {}

/** The addresses the site serves, read from the app's own routes: an import may redirect none of them. */
async function siteRoutes(d: Deps): Promise<{ url: string }[]> {
  // Built for its route list only: nothing it would log (a media folder not made yet) concerns the import.
  const app = await buildApp({ ...d, logger: pino({ level: 'silent' }) });
  await app.ready();
  const routes = [...app.routeList];
  await app.close();
  return routes;
}

async function run(argv: string[], deps: () => Promise<Deps>): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (command === 'migrate') {
    const d = await deps();
    const applied = await migrate(d.db, d.dialect);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return;
  }
  if (command === 'setup-code') {
    parse(
      [sub, ...rest].filter((a) => a !== undefined),
      {},
    );
    const d = await deps();
    await migrate(d.db, d.dialect);
    const code = await issueSetupCode(d);
    console.log(code);
    console.error(
      `Open ${d.config.publicUrl}/admin/setup and give this code to create the first admin account. It works once.`,
    );
    return;
  }
  if (command === 'user' && sub === 'create') {
    const { values } = parse(rest, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'no-password': { type: 'boolean' },
    });
    for (const required of ['email', 'name', 'role'] as const)
      if (!values[required]) throw new UsageError(`user create needs --${required}`);
    const d = await deps();
    await migrate(d.db, d.dialect);
    const password = values['no-password'] ? undefined : await readPassword('Password (at least 10 characters): ');
    if (password !== undefined && password === '')
      throw new UsageError('no password given on standard input (or pass --no-password)');
    const user = await createUser(d, {
      email: values.email as string,
      name: values.name as string,
      role: values.role as string,
      password,
    });
    console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
    return;
  }
  if (command === 'token' && sub === 'create') {
    const { values } = parse(rest, {
      email: { type: 'string' },
      label: { type: 'string' },
      'expires-in': { type: 'string' },
    });
    if (!values.email) throw new UsageError('token create needs --email');
    const expiresIn = values['expires-in'] as string | undefined;
    // Checked before the database is opened: a typo costs nothing.
    if (expiresIn !== undefined) parseTokenLifetime(expiresIn);
    const d = await deps();
    await migrate(d.db, d.dialect);
    const token = await createApiToken(d, {
      email: values.email as string,
      label: values.label as string | undefined,
      expiresIn,
    });
    console.log(token);
    return;
  }
  if (command === 'token' && sub === 'list') {
    const { values } = parse(rest, { email: { type: 'string' } });
    if (!values.email) throw new UsageError('token list needs --email');
    const d = await deps();
    await migrate(d.db, d.dialect);
    const tokens = await listApiTokensByEmail(d, { email: values.email as string });
    if (tokens.length === 0) {
      console.log(`${values.email} has no API tokens.`);
      return;
    }
    const when = (date: Date | undefined, none: string) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : none);
    const rows = tokens.map((t) => [
      t.id,
      t.label || '-',
      when(t.createdAt, ''),
      when(t.lastUsedAt, 'never'),
      `${when(t.expiresAt, 'never')}${t.expired ? ' (expired)' : ''}`,
    ]);
    console.log(table([['ID', 'LABEL', 'CREATED', 'LAST USED', 'EXPIRES'], ...rows]));
    return;
  }
  if (command === 'token' && sub === 'revoke') {
    const { positionals } = parse(rest, {}, true);
    if (positionals.length !== 1) throw new UsageError('token revoke needs one token ID (see token list)');
    const d = await deps();
    await migrate(d.db, d.dialect);
    await revokeApiToken(d, { actor: { commandLine: true }, id: positionals[0], ip: '' });
    console.log(`Revoked the token ${positionals[0]}.`);
    return;
  }
  if (command === 'import' && sub === 'wordpress') {
    const { values, positionals } = parse(
      rest,
      { 'uploads-dir': { type: 'string' }, 'dry-run': { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('import wordpress needs one FILE.xml');
    const d = await deps();
    await migrate(d.db, d.dialect);
    const bar = progressBar();
    try {
      const report = await importWordPress(d, {
        file: positionals[0],
        uploadsDir: values['uploads-dir'] as string | undefined,
        dryRun: values['dry-run'] === true,
        onProgress: bar.update,
        routes: await siteRoutes(d),
      });
      bar.done();
      console.log(formatReport(report));
    } finally {
      bar.done();
    }
    return;
  }
  if (command === 'privacy' && (sub === 'export' || sub === 'erase')) {
    const { values } = parse(rest, { email: { type: 'string' }, as: { type: 'string' } });
    if (!values.email || !values.as)
      throw new UsageError(`privacy ${sub} needs --email and --as (the admin answering the request)`);
    const d = await deps();
    await migrate(d.db, d.dialect);
    const admin = await findUserByEmail(d.db, String(values.as));
    if (!admin) throw new UsageError(`no staff member with the email ${values.as}`);
    const staff = { id: admin.id, name: admin.name, email: admin.email, role: admin.role };
    if (sub === 'export')
      console.log(
        JSON.stringify(await exportCommenterData(d, { staff, email: String(values.email), ip: '' }), null, 2),
      );
    else
      console.log(
        `Erased ${await eraseCommenterData(d, { staff, email: String(values.email), ip: '' })} comments of ${values.email}.`,
      );
    return;
  }
  if (command === 'export' && sub === 'wordpress') {
    parse(rest, {});
    const d = await deps();
    await migrate(d.db, d.dialect);
    await exportWordPress(d, { out: process.stdout });
    return;
  }
  if (command === 'export' && sub === 'json') {
    parse(rest, {});
    const d = await deps();
    await migrate(d.db, d.dialect);
    await exportBackup(d, { out: process.stdout });
    return;
  }
  if (command === 'export' && sub === 'static') {
    const { values, positionals } = parse(rest, { 'base-url': { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('export static needs one DIR to write the mirror into');
    const baseUrl = values['base-url'] === undefined ? undefined : mirrorBaseUrl(values['base-url'] as string);
    const d = await deps();
    await migrate(d.db, d.dialect);
    const app = await buildApp(d);
    const line = progressLine();
    try {
      await app.ready();
      const report = await exportStaticSite({
        dir: positionals[0],
        publicUrl: d.config.publicUrl,
        baseUrl,
        onProgress: line.update,
        fetch: async (url) => {
          const res = await app.inject({ method: 'GET', url });
          return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
        },
      });
      line.done();
      console.log(
        `Exported ${report.pages} pages and ${report.files} files to ${positionals[0]}: ` +
          `${report.written.length} written, ${report.unchanged} unchanged, ${report.deleted.length} deleted.`,
      );
    } finally {
      line.done();
      await app.close();
    }
    return;
  }
  if (command === 'import' && sub === 'json') {
    const { positionals } = parse(rest, {}, true);
    if (positionals.length !== 1) throw new UsageError('import json needs one FILE.json');
    const d = await deps();
    await migrate(d.db, d.dialect);
    const counts = await importBackup(d, { file: positionals[0] });
    console.log(
      `Restored ${counts.articles} articles, ${counts.comments} comments and ${counts.users} staff accounts from ${positionals[0]}.` +
        (counts.users ? ' Staff sign in again after resetting their passwords (backups carry none).' : ''),
    );
    return;
  }
  throw new UsageError(`unknown command "${argv.join(' ')}"`);
}

/** A one-line bar on standard error, drawn only when a person is watching (a terminal). */
function progressBar() {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  let shown = false;
  return {
    update(done: number, total: number) {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (!tty || percent === last) return;
      last = percent;
      shown = true;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(
        `\rImporting [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%`,
      );
    },
    done() {
      if (shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

/** The mirror's own address, checked before anything is opened: absolute http(s), ending in a slash. */
function mirrorBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--base-url must be an absolute address such as https://mirror.example.org/news/ (got "${value}")`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--base-url must start with https:// or http:// (got "${value}")`);
  if (url.search || url.hash) throw new UsageError(`--base-url cannot carry a query or fragment (got "${value}")`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** A one-line count on standard error while the mirror is crawled, drawn only on a terminal. */
function progressLine() {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let last = 0;
  return {
    update({ done, found }: { done: number; found: number }) {
      const now = Date.now();
      if (!tty || (now - last < 100 && done < found)) return;
      last = now;
      shown = true;
      process.stderr.write(`\rExporting: ${done} of ${found} addresses found so far\x1b[K`);
    },
    done() {
      if (shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

/** Columns padded to their widest cell, for people reading a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '))
    .join('\n');
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(): Promise<number> {
  let opened: Deps | undefined;
  const deps = async () => {
    if (!opened) opened = await buildDeps(loadConfig(), { logger: pino({ level: 'warn' }) });
    return opened;
  };
  try {
    await run(process.argv.slice(2), deps);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`dateline: ${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(`dateline: ${error.message}`);
    else if (error instanceof AppError) console.error(`dateline: ${error.message}`);
    else console.error(`dateline: ${(error as Error).message ?? error}`);
    return 1;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
