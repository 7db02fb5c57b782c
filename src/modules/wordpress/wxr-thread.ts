// The worker thread behind readWxrFile (wxr-file.ts): reads an export with readWxr and hands its records to the
// main thread in batches, with each comment already converted (comment-conversion.ts). It runs ahead of the import by at most AHEAD batches, so memory stays flat whatever the
// file's size; the main thread asks for each next batch as it takes one.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ConvertedComment } from './comment-conversion.ts';
import type { ThreadMessage } from './wxr-file.ts';
import { readWxr } from './wxr-reader.ts';
import { WxrError, type WxrRecord } from './wxr.ts';

/** Batches sent and not yet taken: two keep the main thread fed while a third is read. */
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

const sizeOf = (record: WxrRecord) =>
  record.type === 'item'
    ? record.item.content.length + record.item.comments.reduce((n, c) => n + c.content.length, 0)
    : 0;

// Loaded only for the pass that converts: it brings the comments module, and the thread's start waits for it.
const convertComment = workerData.convertComments
  ? (await import('./comment-conversion.ts')).convertComment
  : undefined;

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
