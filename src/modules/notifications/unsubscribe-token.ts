// One-click unsubscribe links: the token names what to stop and for whom, signed with the server's key,
// so the link itself is the proof and nothing needs storing per mail.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** replies: reply notifications to an email; digest: the moderation digest of a staff member (by id). */
export type UnsubscribeTarget = { kind: 'replies'; email: string } | { kind: 'digest'; userId: string };

const PREFIX = { replies: 'r', digest: 'd' } as const;

const sign = (key: string, payload: string) => createHmac('sha256', key).update(`unsubscribe:${payload}`).digest('base64url');

/** A URL-safe token for the target. */
export function signUnsubscribeToken(key: string, target: UnsubscribeTarget): string {
  const payload = `${PREFIX[target.kind]}.${Buffer.from(target.kind === 'replies' ? target.email : target.userId).toString('base64url')}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The target a token names, or undefined when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(key: string, token: string): UnsubscribeTarget | undefined {
  const m = /^([rd])\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const expected = Buffer.from(sign(key, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const subject = Buffer.from(m[2], 'base64url').toString('utf8');
  if (subject === '') return undefined;
  return m[1] === 'r' ? { kind: 'replies', email: subject } : { kind: 'digest', userId: subject };
}
