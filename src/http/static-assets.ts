// The site's own stylesheet, scripts and icon: read and compressed once at start, served from memory with an ETag
// per encoding. Their addresses carry a content hash (site-view.ts), so browsers may keep them for a year.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../platform/errors.ts';
import { chooseEncoding, encode, matchesEtag, variantEtag, varyOnEncoding, type Encoding } from './compression.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  type: string;
  etag: string;
  body: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
}

function load(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(name)] ?? 'application/octet-stream';
    const encoded: Asset['encoded'] = {};
    // Tiny files gain nothing from compression but a header.
    if (body.length > 256 && type !== 'application/octet-stream') {
      for (const e of ['br', 'gzip'] as const) {
        const bytes = encode(body, e, 'max');
        if (bytes.length < body.length) encoded[e] = bytes;
      }
    }
    assets.set(name.split(path.sep).join('/'), {
      type,
      body,
      encoded,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    });
  }
  return assets;
}

/** Serves every file under `dir` at `prefix`; returns the number of files. */
export function registerStaticAssets(app: FastifyInstance, dir: string, prefix: string): number {
  const assets = load(dir);
  app.get(`${prefix}*`, { schema: { hide: true } }, async (req, reply) => {
    const asset = assets.get((req.params as { '*': string })['*']);
    if (!asset) throw notFound('There is no such file.');
    const encoding = chooseEncoding(req);
    const chosen = encoding && asset.encoded[encoding] ? encoding : undefined;
    const etag = variantEtag(asset.etag, chosen);
    if (Object.keys(asset.encoded).length) varyOnEncoding(reply);
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag).type(asset.type);
    if (matchesEtag(req, etag)) return reply.code(304).send();
    if (chosen) reply.header('content-encoding', chosen);
    return reply.send(chosen ? asset.encoded[chosen] : asset.body);
  });
  return assets.size;
}
