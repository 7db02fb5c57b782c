// One-click unsubscribe links: the token says what to stop and for whom, sealed (AES-256-GCM) with a key derived from
// the server's secret. The link is the proof, so nothing is stored per mail; it cannot be forged; and it is opaque:
// a forwarded mail, a mail provider's scanner or a proxy's log sees no address in it.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** replies: reply notifications to an email; digest: the moderation digest of a staff member (by id). */
export type UnsubscribeTarget = { kind: 'replies'; email: string } | { kind: 'digest'; userId: string };

const KIND = { replies: 'r', digest: 'd' } as const;
const AAD = Buffer.from('dateline unsubscribe v2');
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The sealed text is padded to a multiple of this, so a token's length says little about the address's.
const PAD_BYTES = 32;

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = Buffer.from(hkdfSync('sha256', secret, 'dateline', 'unsubscribe token v2', 32))));
  return key;
}

/** A URL-safe, opaque token for the target: `2.` and the sealed bytes. Two tokens for one target differ. */
export function makeUnsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  const subject = Buffer.from(target.kind === 'replies' ? target.email : target.userId, 'utf8');
  const plain = Buffer.alloc(Math.ceil((3 + subject.length) / PAD_BYTES) * PAD_BYTES);
  plain.write(KIND[target.kind], 0, 'latin1');
  plain.writeUInt16BE(subject.length, 1);
  subject.copy(plain, 3);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv).setAAD(AAD);
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `2.${sealed.toString('base64url')}`;
}

/** The target a token names, or undefined when it is malformed, forged or sealed with another key. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | undefined {
  const m = /^2\.([A-Za-z0-9_-]{80,600})$/.exec(token);
  if (!m) return readLegacyToken(secret, token);
  const sealed = Buffer.from(m[1], 'base64url');
  // Node's decoder skips what it cannot use: only the canonical spelling of the bytes is the token.
  if (sealed.length < IV_BYTES + PAD_BYTES + TAG_BYTES || sealed.toString('base64url') !== m[1]) return undefined;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), sealed.subarray(0, IV_BYTES)).setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
  const length = plain.readUInt16BE(1);
  if (length === 0 || 3 + length > plain.length) return undefined;
  const subject = plain.subarray(3, 3 + length).toString('utf8');
  const kind = plain.toString('latin1', 0, 1);
  if (kind === KIND.replies) return { kind: 'replies', email: subject };
  return kind === KIND.digest ? { kind: 'digest', userId: subject } : undefined;
}

/**
 * Links mailed before tokens were sealed (`r.<base64url email>.<HMAC>`) keep working: they are already in people's
 * mailboxes, where the address they carry is no secret, and an unsubscribe link must not die. None is made any more.
 */
function readLegacyToken(secret: string, token: string): UnsubscribeTarget | undefined {
  const m = /^([rd])\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const expected = Buffer.from(createHmac('sha256', secret).update(`unsubscribe:${m[1]}.${m[2]}`).digest('base64url'));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const subject = Buffer.from(m[2], 'base64url').toString('utf8');
  if (subject === '') return undefined;
  return m[1] === 'r' ? { kind: 'replies', email: subject } : { kind: 'digest', userId: subject };
}
