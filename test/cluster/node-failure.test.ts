// Scale-out under a real load balancer: Debian's nginx in front of two Dateline processes on one PostgreSQL schema and
// one Redis. Readers post from many loopback addresses (nginx passes each one on in X-Forwarded-For, TRUST_PROXY=on),
// each post with an Idempotency-Key and retried after a failed answer; one process is killed with SIGKILL mid-load and
// started again on its port. Then: every acknowledged comment is stored exactly once, the other process kept serving,
// both page caches agree after invalidations, and the per-address rate limit and flood rule held throughout.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { updateSettings } from '../../src/modules/settings/index.ts';
import type { Deps } from '../../src/deps.ts';
import { createTestDb, createTestDeps, redisUrl, type TestDb } from '../support/databases.ts';
import { makeArticle } from '../support/newsroom.ts';
import { startServer, type RunningServer } from '../support/processes.ts';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const skip =
  !process.env.TEST_DATABASE_URL || !redisUrl
    ? 'needs TEST_DATABASE_URL and TEST_REDIS_URL (PostgreSQL and Redis)'
    : !fs.existsSync(NGINX)
      ? `needs nginx at ${NGINX} (apt-get install nginx, or set NGINX_BIN)`
      : false;

const READERS = 12;
const POSTS_EACH = 6;
const PACE_MS = 300;
const FLOOD_SECONDS = 0.25;
const RATE = { max: 20, windowSeconds: 60 };
// Addresses of this run only: rate-limit counters live in Redis, shared with other runs on the same server.
const NET = `127.${50 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the condition holds: invalidations travel through Redis, not instantly. */
async function eventually(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < end, 'condition not reached in time');
    await sleep(50);
  }
}

interface Answer {
  status: number;
  json?: { id?: string; status?: string; error?: { code?: string } };
  upstream?: string;
  replayed: boolean;
  at: number;
}

/** One request from a given source address; a refused or cut connection is status 0, never a throw. */
function request(
  url: string,
  input: { from: string; method?: string; body?: unknown; headers?: Record<string, string> },
): Promise<Answer & { text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const payload = input.body === undefined ? undefined : JSON.stringify(input.body);
    const req = http.request(
      url,
      {
        method: input.method ?? 'GET',
        localAddress: input.from,
        timeout: 10_000,
        agent: false,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...input.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', () => resolve({ status: 0, replayed: false, at: Date.now(), text: '', headers: {} }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: ReturnType<typeof JSON.parse>;
          try {
            json = JSON.parse(text);
          } catch {
            /* a page, or nginx's own error page */
          }
          resolve({
            status: res.statusCode ?? 0,
            json,
            text,
            headers: res.headers,
            upstream: res.headers['x-upstream'] as string | undefined,
            replayed: res.headers['idempotent-replayed'] === 'true',
            at: Date.now(),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, replayed: false, at: Date.now(), text: '', headers: {} }));
    req.end(payload);
  });
}

/** nginx as a child process: its own prefix, configuration and logs in a temporary folder, no system configuration. */
async function startNginx(dir: string, port: number, upstreams: number[]): Promise<ChildProcess> {
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `
daemon off;
master_process on;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream dateline {
    ${upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://dateline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # The reader's own address, replacing whatever the client sent: with TRUST_PROXY=on the app believes it.
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_connect_timeout 1s;
      # A POST is never sent to a second server once sent to one (nginx's default); a refused connection is.
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited: ${stderr}${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    if (
      await new Promise((r) =>
        net
          .connect(port, '127.0.0.1')
          .on('connect', function (this: net.Socket) {
            this.destroy();
            r(true);
          })
          .on('error', () => r(false)),
      )
    )
      return child;
    await sleep(50);
  }
  throw new Error('nginx did not listen within 5 s');
}

describe('two Dateline processes behind nginx, one killed mid-load', { skip, timeout: 180_000 }, () => {
  let db: TestDb;
  let deps: Deps;
  let nginx: ChildProcess | undefined;
  const servers: RunningServer[] = [];
  let env: Record<string, string>;
  let dir: string;

  before(async () => {
    db = await createTestDb('postgres');
    ({ deps } = await createTestDeps(db, { env: { REDIS_URL: redisUrl! } }));
    await updateSettings(deps, { floodSeconds: FLOOD_SECONDS, commentsPerPage: 0 });
    dir = fs.mkdtempSync(path.join(db.tmpDir, 'nginx-'));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${db.searchPath}`);
    env = {
      ...db.env,
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl!,
      TRUST_PROXY: 'on',
      DEMO_CONTENT: 'off',
      HOST: '127.0.0.1',
      COMMENT_RATE_LIMIT: `${RATE.max}/${RATE.windowSeconds}`,
      LOG_LEVEL: 'info',
    };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  });
  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
    await deps?.close();
    await db?.drop();
  });

  it('stores every acknowledged comment once, keeps serving, and keeps the caches and limits in step', async () => {
    const ports = servers.map((s) => Number(new URL(s.url).port));
    const port = await freePort();
    nginx = await startNginx(dir, port, ports);
    const lb = `http://127.0.0.1:${port}`;
    const article = await makeArticle(deps, { headline: 'Council Closes the Old Pier' });
    const postUrl = `${lb}/api/articles/${article.slug}/comments`;
    const pageOf = (s: RunningServer) =>
      request(`${s.url}/articles/${article.slug}`, { from: '127.0.0.1', headers: { accept: 'text/html' } });
    const idsOn = (html: string) => [...html.matchAll(/id="comment-([0-9a-f-]{36})"/g)].map((m) => m[1]).sort();

    // Before the load: both processes cache the page; a comment through nginx drops it on both.
    const first = await request(postUrl, {
      from: `${NET}.1`,
      method: 'POST',
      body: { name: 'First', email: 'first@example.org', body: 'Before the storm.' },
    });
    assert.equal(first.status, 201, first.text);
    await eventually(async () =>
      (await Promise.all(servers.map(pageOf))).every(
        (p) => p.headers['x-page-cache'] === 'hit' && idsOn(p.text).includes(first.json!.id!),
      ),
    );

    // The load: honest readers pacing themselves, each post keyed and retried until answered; one flooder.
    const killAfter = Math.floor((READERS * POSTS_EACH) / 3);
    let acknowledged = 0;
    let killedAt = 0;
    const victim = servers[0];
    const sent: { email: string; body: string; key: string; from: string; answer: Answer; tries: number }[] = [];
    const readers = Array.from({ length: READERS }, async (_, i) => {
      const from = `${NET}.${10 + i}`;
      for (let k = 0; k < POSTS_EACH; k++) {
        const body = {
          name: `Reader ${i}`,
          email: `reader${i}@example.org`,
          body: `Post ${k} from reader ${i}: the pier must stay open. ${randomUUID()}`,
        };
        const key = randomUUID();
        let answer: Answer;
        let tries = 0;
        do {
          if (tries > 0) await sleep(150);
          answer = await request(postUrl, { from, method: 'POST', body, headers: { 'idempotency-key': key } });
          tries++;
        } while ((answer.status === 0 || answer.status >= 500) && tries < 40);
        sent.push({ email: body.email, body: body.body, key, from, answer, tries });
        if (answer.status === 201 && ++acknowledged === killAfter) {
          killedAt = Date.now();
          victim.child.kill('SIGKILL');
        }
        await sleep(PACE_MS);
      }
    });
    let readersDone = false;
    const flooder: Answer[] = [];
    const flood = Array.from({ length: 4 }, async (_, lane) => {
      for (let k = 0; !readersDone; k++) {
        flooder.push(
          await request(postUrl, {
            from: `${NET}.250`,
            method: 'POST',
            body: { name: 'Flood', email: 'flood@example.org', body: `Flood ${lane}-${k} ${randomUUID()}` },
          }),
        );
        await sleep(40);
      }
    });
    await Promise.all(readers);
    readersDone = true;
    await Promise.all(flood);
    assert.ok(killedAt > 0, 'a process was killed mid-load');
    await new Promise((r) =>
      victim.child.exitCode !== null || victim.child.signalCode !== null ? r(null) : victim.child.once('exit', r),
    );

    // Every post was answered in the end, and every acknowledged comment is stored exactly once.
    const notAcknowledged = sent.filter((s) => s.answer.status !== 201);
    assert.deepEqual(
      notAcknowledged.map((s) => `${s.answer.status} ${s.answer.json?.error?.code}`),
      [],
    );
    const rows = await deps.db
      .selectFrom('comments')
      .select(['id', 'author_email', 'body_text', 'ip', 'created_at', 'status'])
      .where('article_id', '=', article.id)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of sent) {
      const copies = rows.filter((r) => r.author_email === s.email && r.body_text === s.body);
      assert.equal(copies.length, 1, `stored once: ${s.body} (tries ${s.tries})`);
      assert.equal(copies[0].id, s.answer.json?.id, 'the answer names the stored comment');
      assert.equal(
        byId.get(copies[0].id)?.ip,
        `${NET}.${10 + Number(/reader(\d+)@/.exec(s.email)![1])}`,
        "the reader's own address, from nginx",
      );
    }
    const retried = sent.filter((s) => s.tries > 1);
    console.log(
      `# ${sent.length} posts, ${retried.length} retried after a failed answer, ${sent.filter((s) => s.answer.replayed).length} answered from an earlier attempt's key`,
    );

    // A client that never heard its answer (the node died first) sends the post again: the first answer comes back,
    // from whichever process, and nothing is stored twice. Posts the killed process acknowledged are among them.
    const victimAddress = `127.0.0.1:${new URL(victim.url).port}`;
    const again = [...sent.filter((s) => s.answer.upstream === victimAddress).slice(0, 3), ...sent.slice(-3)];
    for (const s of again) {
      const answer = await request(postUrl, {
        from: s.from,
        method: 'POST',
        body: { name: `Reader ${/reader(\d+)@/.exec(s.email)![1]}`, email: s.email, body: s.body },
        headers: { 'idempotency-key': s.key },
      });
      assert.equal(answer.status, 201);
      assert.ok(answer.replayed, 'answered from the key');
      assert.equal(answer.json?.id, s.answer.json?.id);
    }
    const after = await deps.db.selectFrom('comments').select('id').where('article_id', '=', article.id).execute();
    assert.equal(after.length, rows.length, 'nothing stored by the retries');
    assert.ok(
      again.some((s) => s.answer.upstream === victimAddress),
      'the killed process had acknowledged some',
    );

    // The other process kept serving: it answered during the rest of the load, and still does.
    const survivor = servers[1];
    const survivorAddress = `127.0.0.1:${new URL(survivor.url).port}`;
    assert.ok(
      sent.some((s) => s.answer.at > killedAt && s.answer.upstream === survivorAddress),
      'the survivor answered after the kill',
    );
    assert.equal((await request(`${survivor.url}/healthz`, { from: '127.0.0.1' })).status, 200);

    // The rate limit held across both processes and through the kill: counters live in Redis.
    const counted = flooder.filter((a) => a.json?.error?.code !== 'rate_limited');
    assert.ok(
      counted.filter((a) => a.status === 201).length <= RATE.max,
      `at most ${RATE.max} of the flooder's posts accepted`,
    );
    assert.ok(
      flooder.some((a) => a.json?.error?.code === 'rate_limited'),
      'the flooder was rate limited',
    );
    // Once the budget was spent before the kill, nothing got through after it: the survivor did not start counting afresh.
    if (counted.filter((a) => a.at <= killedAt).length >= RATE.max) {
      assert.ok(
        flooder.filter((a) => a.at > killedAt).every((a) => a.status !== 201),
        'no post got through after the kill: the count was not lost',
      );
    }
    // The flood rule held across processes: no two stored comments from one address or email closer than the interval.
    for (const by of ['ip', 'author_email'] as const) {
      const groups = new Map<string, number[]>();
      for (const r of rows) groups.set(r[by], [...(groups.get(r[by]) ?? []), new Date(r.created_at).getTime()]);
      for (const [who, times] of groups) {
        times.sort((a, b) => a - b);
        for (let i = 1; i < times.length; i++)
          assert.ok(
            times[i] - times[i - 1] >= FLOOD_SECONDS * 1000,
            `${who}: two comments ${times[i] - times[i - 1]} ms apart`,
          );
      }
    }

    // The killed process comes back on its port; both caches agree, and agree again after another invalidation.
    servers[0] = await startServer({ ...env, PORT: String(ports[0]) });
    const approved = rows
      .filter((r) => r.status === 'approved')
      .map((r) => r.id)
      .sort();
    for (const s of servers) assert.deepEqual(idsOn((await pageOf(s)).text), approved);
    await eventually(async () =>
      (await Promise.all(servers.map(pageOf))).every((p) => p.headers['x-page-cache'] === 'hit'),
    );
    const last = await request(postUrl, {
      from: `${NET}.2`,
      method: 'POST',
      body: { name: 'Last', email: 'last@example.org', body: 'After the storm.' },
    });
    assert.equal(last.status, 201, last.text);
    await eventually(async () =>
      (await Promise.all(servers.map(pageOf))).every((p) => idsOn(p.text).includes(last.json!.id!)),
    );
    const [a, b] = await Promise.all(servers.map(pageOf));
    assert.deepEqual(idsOn(a.text), idsOn(b.text));
    assert.deepEqual(idsOn(a.text), [...approved, last.json!.id!].sort());
  });
});
