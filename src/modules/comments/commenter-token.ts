// The commenter token: how a browser (or an API client) proves it posted a comment, without an account.
// A random key, signed with the site's secret (HMAC-SHA256) so a made-up or altered token is refused before any
// lookup; comments store only the key's sha256, so a copy of the database yields no working tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Deps } from '../../deps.ts';
import { newSecret, sha256 } from '../../platform/ids.ts';
import { getServerSecret } from '../../platform/secrets.ts';
import { IDEMPOTENCY_HEADER } from './comment-idempotency.ts';

export const COMMENTER_COOKIE = 'dl_commenter';
/** API clients send the token they were given at post time in this header (browsers use the cookie). */
export const COMMENT_TOKEN_HEADER = 'x-comment-token';
/** Long enough to see one's comment through moderation; the edit window itself is a site setting. */
const COOKIE_DAYS = 30;
const TOKEN = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/;

const sign = (secret: string, key: string) =>
  createHmac('sha256', secret).update(`commenter:${key}`).digest('base64url');

/** A verified token: the key's hash (what comments store) and the token to hand back. */
export interface CommenterToken {
  token: string;
  keyHash: string;
}

/** Checks a token's signature; undefined for a missing, malformed or forged one. */
export async function verifyCommenterToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string | undefined,
): Promise<CommenterToken | undefined> {
  const m = token ? TOKEN.exec(token) : null;
  if (!m || !token) return undefined;
  const expected = Buffer.from(sign(await getServerSecret(deps.db, 'commenter_token', deps.clock.now()), m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { token, keyHash: sha256(m[1]) }
    : undefined;
}

/**
 * A new token with a fresh random key; for a post with an Idempotency-Key, a key derived from it (and the site's
 * secret), so that the post sent again gets the same token as the first answer did, with nothing of it stored.
 */
export async function newCommenterToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  idempotencyKey?: string,
): Promise<CommenterToken> {
  const secret = await getServerSecret(deps.db, 'commenter_token', deps.clock.now());
  const key =
    idempotencyKey === undefined
      ? newSecret(24)
      : createHmac('sha256', secret).update(`commenter-idempotency:${idempotencyKey}`).digest('base64url').slice(0, 32);
  return { token: `${key}.${sign(secret, key)}`, keyHash: sha256(key) };
}

/** The token a request carries: the header (API clients) wins over the cookie (browsers). */
export function sentCommenterToken(req: FastifyRequest): string | undefined {
  const header = req.headers[COMMENT_TOKEN_HEADER];
  if (typeof header === 'string' && header !== '') return header;
  return req.cookies[COMMENTER_COOKIE];
}

/** The request's valid token, or a new one: one browser keeps one key, so all its comments are its own. */
export async function commenterTokenFor(
  deps: Pick<Deps, 'db' | 'clock'>,
  req: FastifyRequest,
  idempotencyKey?: string,
): Promise<CommenterToken> {
  return (await verifyCommenterToken(deps, sentCommenterToken(req))) ?? newCommenterToken(deps, idempotencyKey);
}

/** The Idempotency-Key header a post carries, if any (validated by the service). */
export function sentIdempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers[IDEMPOTENCY_HEADER];
  return typeof key === 'string' ? key : undefined;
}

/** Gives the browser its token: httpOnly (scripts never see it), SameSite=Lax, for the whole site. */
export function setCommenterCookie(deps: Pick<Deps, 'config'>, reply: FastifyReply, token: CommenterToken): void {
  reply.setCookie(COMMENTER_COOKIE, token.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https:'),
    maxAge: COOKIE_DAYS * 86_400,
  });
}
