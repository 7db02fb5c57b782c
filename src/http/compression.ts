// Compressed bytes for readers on slow and costly lines: brotli or gzip by Accept-Encoding, made once per
// representation (a cached page when it is stored, each asset at start), each variant with its own ETag.
import zlib from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

export type Encoding = 'br' | 'gzip';

const negotiator = new Negotiator<Encoding>({ supportedValues: ['br', 'gzip'] });

/** The best encoding this request accepts, or undefined for the bytes as they are. */
export function chooseEncoding(req: { headers: IncomingHttpHeaders }): Encoding | undefined {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && header !== '' ? (negotiator.negotiate(header) ?? undefined) : undefined;
}

/** Brotli at its best for what is compressed once (assets at start); a faster level for pages compressed on store. */
export function encode(body: Buffer, encoding: Encoding, effort: 'max' | 'page' = 'page'): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body, { level: 9 });
  return zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: effort === 'max' ? 11 : 9,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** The ETag of an encoded variant: the same validator with the encoding after it, as Apache and nginx do. */
export const variantEtag = (etag: string, encoding: Encoding | undefined) =>
  encoding ? `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"` : etag;

/** The header names a Vary value lists, as written. */
export const varyNames = (value: unknown): string[] =>
  String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A Vary header with Accept-Encoding added to what is there (Cookie on the article page). */
export function varyWithEncoding(current: unknown): string {
  const list = varyNames(current);
  if (!list.some((v) => v.toLowerCase() === 'accept-encoding' || v === '*')) list.push('Accept-Encoding');
  return list.join(', ');
}

/** Adds Accept-Encoding to the reply's Vary, keeping what is there. */
export function varyOnEncoding(reply: FastifyReply): void {
  reply.header('vary', varyWithEncoding(reply.getHeader('vary')));
}

/** Whether the request's If-None-Match names this ETag (weak or strong). */
export function matchesEtag(req: { headers: IncomingHttpHeaders }, etag: string): boolean | undefined {
  const inm = req.headers['if-none-match'];
  if (inm === undefined) return undefined;
  return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

/** Responses worth compressing on the fly (desk pages, JSON, feeds); images and media are compressed already. */
export const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)(?:json|xml)(?:;|$)|javascript|image\/svg\+xml/;
