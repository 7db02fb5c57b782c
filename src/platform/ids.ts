// Ids are made in the app (UUIDv7: time-ordered, so inserts stay local in indexes).
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid asks the operating system for 16 random bytes per id; an import makes hundreds of thousands of ids, and
// those calls were 3% of its time. The bytes are drawn 256 ids at a time instead.
const pool = new Uint8Array(16 * 256);
let drawn = pool.length;
// uuid keeps ids made in the same millisecond in order only when it draws its own bytes, so the order is kept here
// the same way (RFC 9562, method 1: a counter seeded at random each millisecond).
const clock = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

export const newId = (): string => {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  const random = pool.subarray(drawn, (drawn += 16));
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs++;
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
};

/** A random secret for tokens, URL-safe. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (value: string): boolean => UUID.test(value);
