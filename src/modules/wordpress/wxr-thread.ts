// The worker thread behind readWxrFile (wxr-file.ts): reads an export with readWxr and hands its records to the
// main thread in batches, with each comment already converted (comment-conversion.ts) in the pass that imports
// them. It sends at most AHEAD batches the main thread has not yet asked for again, so memory stays flat whatever
// the file's size: the main thread asks for one more as it takes each.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ConvertedComment } from './comment-conversion.ts';
import type { ThreadMessage } from './wxr-file.ts';
import { readWxr } from './wxr-reader.ts';
import { WxrError, type WxrMeta, type WxrRecord } from './wxr.ts';

/** Batches the thread may send ahead of the main thread's asking: it keeps reading while the import writes. */
const AHEAD = 3;
/** A batch is sent at this many records, or at about this many characters of text. */
const BATCH_RECORDS = 64;
const BATCH_CHARS = 512 * 1024;

const port = parentPort!;
let credits = AHEAD;
let waiting: (() => void) | undefined;
port.on('message', () => {
  credits++;
  waiting?.();
});

const send = async (message: ThreadMessage) => {
  while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
  waiting = undefined;
  credits--;
  port.postMessage(message);
};

// Loaded only for the pass that converts: the thread's start waits for its modules (markdown-it, the sanitizer).
const convertComment = workerData.convertComments
  ? (await import('./comment-conversion.ts')).convertComment
  : undefined;

const metaChars = (meta: WxrMeta[]) => meta.reduce((n, m) => n + m.key.length + m.value.length, 0);

/** About how much text a record carries (bodies, excerpts, meta values such as page builders', comments). */
const sizeOf = (record: WxrRecord) => {
  if (record.type !== 'item') return 0;
  const { item } = record;
  let comments = 0;
  for (const c of item.comments) comments += c.content.length + metaChars(c.meta);
  const chars = item.title.length + item.content.length + item.excerpt.length + item.description.length;
  // A converted comment carries its text and its HTML again.
  return chars + metaChars(item.meta) + (convertComment ? 3 : 1) * comments;
};

let bytes = 0;
try {
  let records: WxrRecord[] = [];
  let converted: (ConvertedComment[] | null)[] = [];
  let chars = 0;
  const stream = fs.createReadStream(workerData.file as string, { highWaterMark: 256 * 1024 });
  for await (const record of readWxr(stream, { onProgress: (read) => (bytes = read) })) {
    records.push(record);
    // Each comment converted here, beside the import, in place of on its main thread.
    converted.push(convertComment && record.type === 'item' ? record.item.comments.map(convertComment) : null);
    chars += sizeOf(record);
    if (records.length >= BATCH_RECORDS || chars >= BATCH_CHARS) {
      await send({ kind: 'records', records, converted, bytes });
      records = [];
      converted = [];
      chars = 0;
    }
  }
  await send({ kind: 'records', records, converted, bytes });
  port.postMessage({ kind: 'done' } satisfies ThreadMessage);
} catch (error) {
  port.postMessage(
    (error instanceof WxrError
      ? { kind: 'broken', detail: error.detail, line: error.line, refusal: error.refusal }
      : {
          kind: 'failed',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }) satisfies ThreadMessage,
  );
}
