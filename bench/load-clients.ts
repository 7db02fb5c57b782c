// The comment load test's readers: 50 clients, each on its own loopback address, most honest and pacing themselves
// to the site's flood interval, ten hostile in the ways comment spam and abuse come. Each says which answers it expects.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type Role =
  | 'regular'
  | 'newcomer'
  | 'flooder'
  | 'rotating-flooder'
  | 'repeater'
  | 'honeypot'
  | 'links'
  | 'banned-email'
  | 'banned-address'
  | 'malformed'
  | 'too-fast'
  | 'orphan-reply';

export const HOSTILE_ROLES: readonly Role[] = [
  'flooder',
  'rotating-flooder',
  'repeater',
  'honeypot',
  'links',
  'banned-email',
  'banned-address',
  'malformed',
  'too-fast',
  'orphan-reply',
];

/** Answers a role may get, as "status:code" (a 2xx names the comment's status). Anything else is a failure. */
export const EXPECTED: Record<Role, readonly string[]> = {
  regular: ['201:approved'],
  newcomer: ['201:pending'],
  flooder: ['201:approved', '429:comment_flood', '429:rate_limited'],
  'rotating-flooder': ['201:pending', '429:comment_flood', '429:rate_limited'],
  repeater: ['201:approved', '409:duplicate_comment'],
  honeypot: ['201:spam'],
  links: ['201:pending'],
  'banned-email': ['403:commenter_banned'],
  'banned-address': ['403:commenter_banned'],
  malformed: ['400:invalid_request', '400:invalid_json', '413:too_large', '422:body_too_long', '422:invalid_email'],
  'too-fast': ['201:spam'],
  'orphan-reply': ['422:unknown_parent'],
};

export interface Client {
  index: number;
  role: Role;
  /** The loopback address it sends from: 127.0.0.(10 + index). */
  address: string;
  email: string;
  name: string;
  posts: number;
}

/** One attempt and its answer. `outcome` is "status:code" as in EXPECTED, or "network:<error>". */
export interface Attempt {
  client: number;
  role: Role;
  email: string;
  body: string;
  status: number;
  outcome: string;
  id?: string;
  message?: string;
  retryAfter?: string;
  ms: number;
}

export interface Target {
  url: string;
  slug: string;
  /** An approved comment honest readers reply to. */
  parentId: string;
  /** Milliseconds a paced client waits after each answer: more than both the flood interval and the rate budget ask. */
  paceMs: number;
}

/** Splits `total` posts over the clients: 40 honest (two of them newcomers), then one of each hostile role. */
export function makeClients(total: number, count = 50): Client[] {
  const honest = count - HOSTILE_ROLES.length;
  return Array.from({ length: count }, (_, i) => {
    const role: Role = i < honest ? (i >= honest - 2 ? 'newcomer' : 'regular') : HOSTILE_ROLES[i - honest];
    const posts = Math.floor(total / count) + (i < total % count ? 1 : 0);
    return {
      index: i,
      role,
      address: `127.0.0.${10 + i}`,
      email: `reader${i}@bench.example`,
      name: `Reader ${i}`,
      posts,
    };
  });
}

export interface Request {
  path: string;
  contentType: string;
  body: string | Buffer;
  /** What the attempt is recorded as (the text, for counting stored copies). */
  email: string;
  text: string;
}

const LINKS = [1, 2, 3, 4, 5].map((n) => `https://spam${n}.example/offer`).join(' and ');

/** The k-th request a client sends. */
function requestFor(c: Client, k: number, t: Target): Request {
  const api = `/api/articles/${t.slug}/comments`;
  const json = (fields: Record<string, unknown>, email = c.email) => ({
    path: api,
    contentType: 'application/json',
    email,
    text: String(fields.body ?? ''),
    body: JSON.stringify({ name: c.name, email, ...fields }),
  });
  const text = `Comment ${k} from ${c.name}: the council vote on the ferry schedule deserves a closer look.`;
  switch (c.role) {
    case 'regular':
      return json({ body: text, ...(k % 4 === 3 ? { parentId: t.parentId } : {}) });
    case 'newcomer':
    case 'flooder':
    case 'banned-email':
    case 'banned-address':
      return json({ body: text });
    case 'rotating-flooder':
      return json({ body: text }, `rotating${c.index}-${k}@bench.example`);
    case 'repeater':
      return json({ body: `${c.name} says it again: first!` });
    case 'links':
      return json({ body: `${text} See ${LINKS}.` });
    case 'too-fast':
      return json({ body: text, typingMs: 300 });
    case 'orphan-reply':
      return json({ body: text, parentId: k % 2 ? '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' : 'not-a-comment' });
    case 'honeypot':
      return {
        path: `/articles/${t.slug}/comments`,
        contentType: 'application/x-www-form-urlencoded',
        email: c.email,
        text,
        body: new URLSearchParams({
          name: c.name,
          email: c.email,
          comment: text,
          fax: 'http://cheap.example',
        }).toString(),
      };
    case 'malformed':
      switch (k % 6) {
        case 0:
          return {
            path: api,
            contentType: 'application/json',
            email: c.email,
            text: '',
            body: '{"name": "Broken", "body": ',
          };
        case 1:
          return json({ body: 'x'.repeat(12_000) });
        case 2:
          return json({ body: 'y'.repeat(6_000) });
        case 3:
          return { ...json({ body: text }), body: JSON.stringify({ name: c.name, body: text }) };
        case 4:
          return json({ body: text }, 'not-an-email');
        default:
          return k % 60 === 5 ? json({ body: 'z'.repeat(1_100_000) }) : json({ body: 'x'.repeat(12_000) });
      }
  }
}

/** Sends one request and classifies the answer; never throws. */
export function send(agent: http.Agent, url: URL, c: Client, r: Request): Promise<Attempt> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (a: Omit<Attempt, 'client' | 'role' | 'email' | 'body' | 'ms'>) =>
      resolve({ client: c.index, role: c.role, email: r.email, body: r.text, ms: performance.now() - started, ...a });
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: r.path,
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: {
          'content-type': r.contentType,
          'content-length': Buffer.byteLength(r.body),
          accept: 'application/json',
          'user-agent': `bench-${c.role}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', (e) => done({ status: 0, outcome: `network:${e.message}` }));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let json:
            | { id?: string; status?: string; message?: string; error?: { code?: string; message?: string } }
            | undefined;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            /* classified below */
          }
          const retryAfter = res.headers['retry-after'] as string | undefined;
          // A posted comment answers with its status; a report is received.
          const ok = json?.status ?? (json && 'message' in json ? 'received' : 'no-status');
          if (status >= 200 && status < 300) return done({ status, outcome: `${status}:${ok}`, id: json?.id });
          const code = json?.error?.code ?? 'no-json-error';
          done({ status, outcome: `${status}:${code}`, message: json?.error?.message, retryAfter });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', (e) => done({ status: 0, outcome: `network:${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    req.end(r.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one client to the end. Honest and most hostile clients wait after each answer (the server took its time before
 * answering, so the next post is surely later by the flood interval); flooders keep four posts in flight.
 */
export async function runClient(c: Client, t: Target): Promise<Attempt[]> {
  const url = new URL(t.url);
  const inFlight = c.role === 'flooder' || c.role === 'rotating-flooder' ? 4 : 1;
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight, localAddress: c.address });
  const attempts: Attempt[] = [];
  let next = 0;
  const lane = async () => {
    while (next < c.posts) {
      const k = next++;
      attempts.push(await send(agent, url, c, requestFor(c, k, t)));
      if (inFlight === 1) await sleep(t.paceMs);
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, lane));
  } finally {
    agent.destroy();
  }
  return attempts;
}

export const REPORT_THRESHOLD = 3;

/**
 * Readers report approved comments: each comment by exactly as many readers as the report threshold, all at the same
 * moment, every reader from their own address. Each comment must end up held for review, once.
 */
export async function runReports(clients: Client[], t: Target, commentIds: string[]): Promise<Attempt[]> {
  const url = new URL(t.url);
  const reporters = clients.filter((c) => c.role === 'regular');
  const agents = new Map(reporters.map((c) => [c.index, new http.Agent({ keepAlive: true, localAddress: c.address })]));
  try {
    return await Promise.all(
      commentIds.flatMap((id, i) =>
        Array.from({ length: REPORT_THRESHOLD }, (_, j) => {
          const c = reporters[(i * REPORT_THRESHOLD + j) % reporters.length];
          return send(agents.get(c.index)!, url, c, {
            path: `/api/comments/${id}/reports`,
            contentType: 'application/json',
            email: c.email,
            text: id,
            body: JSON.stringify({ reason: `Reported by ${c.name} in the load test.` }),
          });
        }),
      ),
    );
  } finally {
    for (const agent of agents.values()) agent.destroy();
  }
}
