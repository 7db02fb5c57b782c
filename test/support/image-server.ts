// A local HTTPS server on 127.0.0.1 that plays "another site" for articles' remote images. Its certificate is a
// test-only one in test/fixtures/tls; the app trusts it (and may reach 127.0.0.1) only through deps overrides.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import sharp from 'sharp';
import { ROOT } from './processes.ts';

export const TEST_CA = fs.readFileSync(path.join(ROOT, 'test/fixtures/tls/test-only.crt'), 'utf8');
const KEY = fs.readFileSync(path.join(ROOT, 'test/fixtures/tls/test-only.key'), 'utf8');

export interface ImageServer {
  origin: string;
  port: number;
  /** Requests received, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

type Route = (res: import('node:http').ServerResponse, origin: string) => void;

export async function startImageServer(): Promise<ImageServer> {
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#4a7a5c' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1600" height="900"><rect x="400" y="200" width="800" height="500" fill="#e0b040"/></svg>',
        ),
      },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
  const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#222' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const send =
    (type: string, body: Buffer | string, status = 200): Route =>
    (res) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
  const redirect =
    (to: (origin: string) => string): Route =>
    (res, origin) => {
      res.writeHead(302, { location: to(origin) });
      res.end();
    };
  const routes: Record<string, Route> = {
    '/photo.jpg': send('image/jpeg', photo),
    '/second.jpg': send('image/jpeg', photo),
    '/featured.jpg': send('image/jpeg', photo),
    '/page.html': send('text/html', '<!doctype html><p>Not an image at all.</p>'),
    '/cut.jpg': send('image/jpeg', photo.subarray(0, Math.floor(photo.length / 2))),
    '/bomb.png': send('image/png', bomb),
    '/missing.jpg': send('text/plain', 'gone', 404),
    // Larger than the test's 1 MB limit, sent without a length: counted as it arrives.
    '/huge.jpg': (res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const more = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', more);
        }
        res.end();
      };
      more();
    },
    // Says its length up front: refused before reading.
    '/declared-huge.jpg': (res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(50 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    },
    '/slow.jpg': () => undefined,
    '/moved.jpg': redirect((origin) => `${origin}/photo.jpg`),
    '/to-private.jpg': redirect(() => 'https://10.20.30.40/photo.jpg'),
    '/to-metadata.jpg': redirect(() => 'https://169.254.169.254/latest/meta-data'),
    '/to-http.jpg': redirect((origin) => `${origin.replace('https:', 'http:')}/photo.jpg`),
    '/loop.jpg': redirect((origin) => `${origin}/loop.jpg`),
  };
  const hits = new Map<string, number>();
  const server = https.createServer({ key: KEY, cert: TEST_CA }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const route = routes[url.pathname];
    if (route) route(res, origin);
    else send('text/plain', 'no such file', 404)(res, origin);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  const origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
