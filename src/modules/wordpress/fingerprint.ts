// A stable fingerprint of what was imported: the next run leaves alone what has the same one. Its own module so that
// the reading thread (wxr-thread.ts) can take comments' fingerprints without loading the import's database code.
import { sha256 } from '../../platform/ids.ts';

export const fingerprint = (value: unknown): string => sha256(JSON.stringify(value));
