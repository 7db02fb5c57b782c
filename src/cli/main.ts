// The dateline command line: database migrations, staff accounts, API tokens and imports.
import path from 'node:path';
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
import { keepHeapNearLive } from '../platform/heap.ts';
import { migrate } from '../platform/db/database.ts';
import { chosenSiteLanguage } from '../modules/settings/index.ts';
import { Translations, type MessageKey, type Translator } from '../platform/i18n/translator.ts';
import { cliLanguage } from './language.ts';
import { readPassword } from './read-password.ts';

// The commands' syntax is the same in every language; what each does is worded by the catalogue.
const COMMANDS: [syntax: string[], description: MessageKey][] = [
  [['migrate'], 'cli.usage.migrate'],
  [['setup-code'], 'cli.usage.setupCode'],
  [['user create --email E --name N --role ROLE', '            [--no-password]'], 'cli.usage.userCreate'],
  [['token create --email E [--label L]', '             [--expires-in 90d]'], 'cli.usage.tokenCreate'],
  [['token list --email E'], 'cli.usage.tokenList'],
  [['token revoke ID'], 'cli.usage.tokenRevoke'],
  [
    ['import wordpress FILE.xml', '            [--uploads-dir DIR]', '            [--dry-run]'],
    'cli.usage.importWordpress',
  ],
  [['export wordpress > site.xml'], 'cli.usage.exportWordpress'],
  [['export json > backup.json'], 'cli.usage.exportJson'],
  [['export static DIR [--base-url URL]'], 'cli.usage.exportStatic'],
  [['import json FILE.json'], 'cli.usage.importJson'],
  [['privacy export --email E --as ADMIN'], 'cli.usage.privacyExport'],
  [['privacy erase --email E --as ADMIN'], 'cli.usage.privacyErase'],
];
const ROLES = ['admin', 'editor', 'author', 'contributor', 'moderator'];

/** The help text in the command's language: the syntax column as typed, the descriptions wrapped beside it. */
function usage(): string {
  const column = 46;
  const width = 118 - column;
  const lines = [
    i18n.t('cli.usage.synopsis', { command: `<${i18n.t('cli.usage.command')}>` }),
    '',
    i18n.t('cli.usage.commands'),
  ];
  for (const [syntax, key] of COMMANDS) {
    const words = wrap(i18n.t(key), width);
    for (let i = 0; i < Math.max(syntax.length, words.length); i++)
      lines.push(`  ${(syntax[i] ?? '').padEnd(column)}${words[i] ?? ''}`.trimEnd());
  }
  lines.push('', i18n.t('cli.usage.roles', { roles: ROLES.join(', ') }), i18n.t('cli.usage.configuration'));
  lines.push(i18n.t('cli.usage.language'));
  return lines.join('\n');
}

/** Words filled into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// The language the command speaks (language.ts has the rule): the environment's until the site's is known.
// A newsroom's own catalogues (LOCALES_DIR) count from the first line; a folder that cannot be read is the
// configuration's error to report, so the help still speaks from the shipped ones.
const catalogues = (() => {
  try {
    return new Translations(process.env.LOCALES_DIR ? [path.resolve(process.env.LOCALES_DIR)] : []);
  } catch {
    return new Translations();
  }
})();
let i18n: Translator = catalogues.for(cliLanguage(process.env), 'UTC');

/** A file system refusal Node raises (a folder not writable, a disk full): its code and path, for the catalogue. */
type SystemError = Error & { code: string; path?: string; dest?: string };
const SYSTEM_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS', 'EMFILE']);

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && SYSTEM_CODES.has(String((error as { code?: unknown }).code));
}

const systemValues = (error: SystemError) => ({ code: error.code, path: error.dest ?? error.path ?? '' });

/** Switches to the site's language once the command has opened the database (unless DATELINE_LANG chose). */
async function speakSiteLanguage(d: Deps): Promise<void> {
  if (process.env.DATELINE_LANG?.trim()) return;
  let language: string | undefined;
  try {
    language = await chosenSiteLanguage(d);
  } catch {
    return; // a database not migrated yet has no settings: the environment's language stays
  }
  if (language) i18n = d.translations.for(cliLanguage(process.env, language), 'UTC');
}

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

/** Opens the database for a command: migrated, and the command speaking the site's language from then on. */
async function open(deps: () => Promise<Deps>): Promise<Deps> {
  const d = await deps();
  await migrate(d.db, d.dialect);
  await speakSiteLanguage(d);
  return d;
}

async function run(argv: string[], deps: () => Promise<Deps>): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage());
    return;
  }
  if (command === 'migrate') {
    const d = await deps();
    const applied = await migrate(d.db, d.dialect);
    await speakSiteLanguage(d);
    console.log(
      applied.length ? i18n.t('cli.migrate.applied', { names: applied.join(', ') }) : i18n.t('cli.migrate.upToDate'),
    );
    return;
  }
  if (command === 'setup-code') {
    parse(
      [sub, ...rest].filter((a) => a !== undefined),
      {},
    );
    const d = await open(deps);
    const code = await issueSetupCode(d);
    console.log(code);
    console.error(i18n.t('cli.setupCode.hint', { url: `${d.config.publicUrl}/admin/setup` }));
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
      if (!values[required])
        throw new UsageError(i18n.t('cli.error.needsOption', { command: 'user create', option: required }));
    const d = await open(deps);
    const password = values['no-password'] ? undefined : await readPassword(`${i18n.t('cli.user.passwordPrompt')} `);
    if (password !== undefined && password === '') throw new UsageError(i18n.t('cli.error.noPassword'));
    const user = await createUser(d, {
      email: values.email as string,
      name: values.name as string,
      role: values.role as string,
      password,
    });
    console.log(
      i18n.t('cli.user.created', {
        role: i18n.t('desk.roles.name', { role: user.role }),
        name: user.name,
        address: `<${user.email}>`,
      }),
    );
    return;
  }
  if (command === 'token' && sub === 'create') {
    const { values } = parse(rest, {
      email: { type: 'string' },
      label: { type: 'string' },
      'expires-in': { type: 'string' },
    });
    if (!values.email)
      throw new UsageError(i18n.t('cli.error.needsOption', { command: 'token create', option: 'email' }));
    const expiresIn = values['expires-in'] as string | undefined;
    // Checked before the database is opened: a typo costs nothing.
    if (expiresIn !== undefined) parseTokenLifetime(expiresIn);
    const d = await open(deps);
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
    if (!values.email)
      throw new UsageError(i18n.t('cli.error.needsOption', { command: 'token list', option: 'email' }));
    const d = await open(deps);
    const tokens = await listApiTokensByEmail(d, { email: values.email as string });
    if (tokens.length === 0) {
      console.log(i18n.t('cli.token.none', { email: String(values.email) }));
      return;
    }
    // Times stay ISO 8601 in UTC in every language: they are copied into scripts and tickets.
    const never = i18n.t('cli.token.never');
    const when = (date: Date | undefined, none: string) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : none);
    const rows = tokens.map((t) => [
      t.id,
      t.label || '-',
      when(t.createdAt, ''),
      when(t.lastUsedAt, never),
      t.expired ? i18n.t('cli.token.expired', { date: when(t.expiresAt, never) }) : when(t.expiresAt, never),
    ]);
    const heads = [
      i18n.t('cli.token.columnId'),
      i18n.t('cli.token.columnLabel'),
      i18n.t('cli.token.columnCreated'),
      i18n.t('cli.token.columnLastUsed'),
      i18n.t('cli.token.columnExpires'),
    ];
    console.log(table([heads, ...rows]));
    return;
  }
  if (command === 'token' && sub === 'revoke') {
    const { positionals } = parse(rest, {}, true);
    if (positionals.length !== 1) throw new UsageError(i18n.t('cli.error.tokenRevokeArgs'));
    const d = await open(deps);
    await revokeApiToken(d, { actor: { commandLine: true }, id: positionals[0], ip: '' });
    console.log(i18n.t('cli.token.revoked', { id: positionals[0] }));
    return;
  }
  if (command === 'import' && sub === 'wordpress') {
    const { values, positionals } = parse(
      rest,
      { 'uploads-dir': { type: 'string' }, 'dry-run': { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError(i18n.t('cli.error.importWordpressArgs'));
    const d = await open(deps);
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
      console.log(formatReport(report, i18n));
    } finally {
      bar.done();
    }
    return;
  }
  if (command === 'privacy' && (sub === 'export' || sub === 'erase')) {
    const { values } = parse(rest, { email: { type: 'string' }, as: { type: 'string' } });
    if (!values.email || !values.as) throw new UsageError(i18n.t('cli.error.privacyArgs', { sub }));
    const d = await open(deps);
    const admin = await findUserByEmail(d.db, String(values.as));
    if (!admin) throw new UsageError(i18n.t('cli.error.noStaff', { email: String(values.as) }));
    const staff = { id: admin.id, name: admin.name, email: admin.email, role: admin.role };
    if (sub === 'export')
      console.log(
        JSON.stringify(await exportCommenterData(d, { staff, email: String(values.email), ip: '' }), null, 2),
      );
    else
      console.log(
        i18n.t('cli.privacy.erased', {
          count: await eraseCommenterData(d, { staff, email: String(values.email), ip: '' }),
          email: String(values.email),
        }),
      );
    return;
  }
  if (command === 'export' && sub === 'wordpress') {
    parse(rest, {});
    const d = await open(deps);
    await exportWordPress(d, { out: process.stdout });
    return;
  }
  if (command === 'export' && sub === 'json') {
    parse(rest, {});
    const d = await open(deps);
    await exportBackup(d, { out: process.stdout });
    return;
  }
  if (command === 'export' && sub === 'static') {
    const { values, positionals } = parse(rest, { 'base-url': { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError(i18n.t('cli.error.exportStaticArgs'));
    const baseUrl = values['base-url'] === undefined ? undefined : mirrorBaseUrl(values['base-url'] as string);
    const d = await open(deps);
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
        i18n.t('cli.static.done', {
          pages: report.pages,
          files: report.files,
          dir: positionals[0],
          written: report.written.length,
          unchanged: report.unchanged,
          deleted: report.deleted.length,
        }),
      );
    } finally {
      line.done();
      await app.close();
    }
    return;
  }
  if (command === 'import' && sub === 'json') {
    const { positionals } = parse(rest, {}, true);
    if (positionals.length !== 1) throw new UsageError(i18n.t('cli.error.importJsonArgs'));
    const d = await open(deps);
    const counts = await importBackup(d, { file: positionals[0] });
    const restored = i18n.t('cli.restore.done', {
      articles: counts.articles,
      comments: counts.comments,
      users: counts.users,
      file: positionals[0],
    });
    console.log(counts.users ? `${restored} ${i18n.t('cli.restore.passwords')}` : restored);
    return;
  }
  throw new UsageError(i18n.t('cli.error.unknownCommand', { command: argv.join(' ') }));
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
        `\r${i18n.t('cli.import.progress')} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%`,
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
    throw new UsageError(i18n.t('cli.error.baseUrlAbsolute', { value }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(i18n.t('cli.error.baseUrlScheme', { value }));
  if (url.search || url.hash) throw new UsageError(i18n.t('cli.error.baseUrlQuery', { value }));
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
      process.stderr.write(`\r${i18n.t('cli.static.progress', { done, found })}\x1b[K`);
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

/** What node:util's parseArgs objects to, in the command's words (its own English message for anything else). */
function argumentError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return i18n.t('cli.error.unknownOption', { option: quoted });
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && error.message.includes('argument missing'))
    return i18n.t('cli.error.missingValue', { option: quoted.split(' ')[0] });
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && error.message.includes('does not take an argument'))
    return i18n.t('cli.error.noValueTaken', { option: quoted.split(' ')[0] });
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return i18n.t('cli.error.unexpectedArgument', { argument: quoted });
  return error.message;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(argumentError(error as Error & { code?: string }));
  }
}

async function main(): Promise<number> {
  // Imports and exports run long and make much garbage: without this, their peak memory grew with the file.
  keepHeapNearLive();
  let opened: Deps | undefined;
  const deps = async () => {
    if (!opened) opened = await buildDeps(loadConfig(), { logger: pino({ level: 'warn' }) });
    return opened;
  };
  try {
    await run(process.argv.slice(2), deps);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`dateline: ${error.message}\n\n${usage()}`);
    // The problems name variables and their values; the heading is worded in the command's language.
    else if (error instanceof ConfigError)
      console.error(
        `dateline: ${[i18n.t('cli.error.configuration'), ...error.problems.map((p) => `  - ${p}`)].join('\n')}`,
      );
    else if (error instanceof AppError) console.error(`dateline: ${i18n.error(error)}`);
    else if (isSystemError(error)) console.error(`dateline: ${i18n.t('cli.error.system', systemValues(error))}`);
    else console.error(`dateline: ${(error as Error).message ?? error}`);
    return 1;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
