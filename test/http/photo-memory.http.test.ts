// Decoding is bounded, measured where it matters: the resident memory of a real server process (its peak,
// VmHWM, from /proc) while eight uploads of a small file that decodes to 7000×7000 arrive at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestDb, type TestDb } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { runCli, startServer, type RunningServer } from '../support/processes.ts';

const MiB = 1024 * 1024;
/** The stated bounds on the server's peak resident memory (VmHWM), in MiB. */
const BOUND_REFUSED = 350;
const BOUND_DECODED = 600;

const peakRss = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const flat = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2b5d8a' } })
    .png({ compressionLevel: 9 })
    .toBuffer();

async function signIn(server: RunningServer, email: string) {
  const res = await fetch(`${server.url}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });
  assert.equal(res.status, 303);
  const cookie = String(res.headers.get('set-cookie')).split(';')[0];
  const page = await (await fetch(`${server.url}/admin/account`, { headers: { cookie } })).text();
  return { cookie, token: /name="_token" value="([^"]+)"/.exec(page)![1] };
}

function upload(server: RunningServer, who: { cookie: string; token: string }, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('_token', who.token);
  form.append('alt', 'A flat blue test card');
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return fetch(`${server.url}/admin/media`, {
    method: 'POST',
    redirect: 'manual',
    body: form,
    headers: { cookie: who.cookie, origin: server.url },
  });
}

describe('photo decoding under load, in a real server process', {
  skip: !fs.existsSync('/proc/self/status') && "needs /proc to read a process's resident memory",
}, () => {
  let db: TestDb;
  let bomb: Buffer;
  const email = 'photo-desk@newsroom.test';
  before(async () => {
    db = await createTestDb('sqlite');
    const made = await runCli(
      ['user', 'create', '--email', email, '--name', 'Photo Desk', '--role', 'editor'],
      db.env,
      `${PASSWORD}\n`,
    );
    assert.equal(made.code, 0, made.stderr);
    fs.mkdirSync(db.env.MEDIA_DIR, { recursive: true });
    bomb = await flat(7000, 7000);
  });
  after(() => db.drop());

  // The server logs at info: startServer reads the address it listens on from that line.
  const env = () => ({ ...db.env, DEMO_CONTENT: 'off', COMMENT_RATE_LIMIT: 'off' });

  it('refuses eight concurrent 7000×7000 uploads from their header, keeps its memory and keeps serving; a 39.6-megapixel photo is still accepted', async (t) => {
    assert.ok(bomb.length < 512 * 1024, `the file is small (${bomb.length} bytes) and decodes to 49 megapixels`);
    const server = await startServer(env());
    try {
      const who = await signIn(server, email);
      const pid = server.child.pid!;
      const startPeak = peakRss(pid);
      const uploads = Array.from({ length: 8 }, (_, i) => upload(server, who, bomb, `bomb-${i}.png`));
      const page = await fetch(`${server.url}/`);
      const answers = await Promise.all(uploads);
      assert.equal(page.status, 200, 'the site answers during the uploads');
      for (const res of answers) {
        assert.equal(res.status, 422);
        assert.match(await res.text(), /The photo is 7000×7000 pixels \(49 megapixels\); the limit is 40 megapixels\./);
      }
      const refusedPeak = peakRss(pid);
      t.diagnostic(
        `peak RSS: ${(startPeak / MiB).toFixed(0)} MiB before, ${(refusedPeak / MiB).toFixed(0)} MiB after 8 refused 7000×7000 uploads (bound ${BOUND_REFUSED} MiB)`,
      );
      assert.ok(refusedPeak < BOUND_REFUSED * MiB, `peak RSS ${(refusedPeak / MiB).toFixed(0)} MiB`);

      const large = await flat(6000, 6600);
      const accepted = await upload(server, who, large, 'large.png');
      assert.equal(accepted.status, 303, await accepted.text());
      const library = await (await fetch(`${server.url}/admin/media`, { headers: { cookie: who.cookie } })).text();
      assert.match(library, /6000×6600/);
      t.diagnostic(
        `peak RSS after one 6000×6600 photo decoded and cut into sizes: ${(peakRss(pid) / MiB).toFixed(0)} MiB`,
      );
    } finally {
      await server.stop();
    }
  });

  it('with the limit raised, decodes eight 7000×7000 photos two at a time: memory stays bounded and pages keep coming', async (t) => {
    const server = await startServer({ ...env(), MEDIA_MAX_MEGAPIXELS: '50' });
    try {
      const who = await signIn(server, email);
      const pid = server.child.pid!;
      const uploads = Array.from({ length: 8 }, (_, i) => upload(server, who, bomb, `decoded-${i}.png`));
      const started = Date.now();
      const page = await fetch(`${server.url}/`);
      const pageMs = Date.now() - started;
      assert.equal(page.status, 200, 'the site answers during the uploads');
      const answers = await Promise.all(uploads);
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(8).fill(303),
      );
      const peak = peakRss(pid);
      t.diagnostic(
        `peak RSS with 8 × 49 MP decoded, ${server.url}: ${(peak / MiB).toFixed(0)} MiB (bound ${BOUND_DECODED} MiB); front page answered in ${pageMs} ms meanwhile`,
      );
      assert.ok(peak < BOUND_DECODED * MiB, `peak RSS ${(peak / MiB).toFixed(0)} MiB`);
    } finally {
      await server.stop();
    }
  });
});
