// The bench's child processes: the real server, and the bare Node ceiling, each started, awaited and stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts a process and resolves when its output matches `ready`. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve({ child, match: m });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited with ${code}: ${out}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server on 127.0.0.1 (request logging off: a log pipe would measure the terminal, not Dateline).
 * The comment rate limit is off unless `env` sets COMMENT_RATE_LIMIT.
 */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // BENCH_PROFILE=DIR writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
    : [];
  // Peak RSS lands in env.BENCH_RSS_FILE when the server stops (max-rss.mjs).
  const child = spawn(
    process.execPath,
    [...profile, '--import', path.join(ROOT, 'bench/max-rss.mjs'), '--import', 'tsx', 'src/main.ts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        COMMENT_RATE_LIMIT: 'off',
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // Up to three minutes: on a machine shared with other work, compiling the sources alone can take a minute.
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(child);
  throw new Error('the server did not start within 3 minutes');
}

/** The ceiling: a bare Node server answering a file's bytes (ceiling-server.ts). */
export async function startCeiling(
  file: string,
  contentType?: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const { child, match } = await startProcess(
    ['--import', 'tsx', 'bench/ceiling-server.ts', file, ...(contentType ? [contentType] : [])],
    env,
    /listening (\d+)/,
  );
  return { child, url: `http://127.0.0.1:${match[1]}` };
}
