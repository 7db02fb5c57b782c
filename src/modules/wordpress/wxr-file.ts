// An export file's records, read on a worker thread when the file is big enough for it to pay: the XML parser is
// the largest single cost of an import after the database, and on a thread of its own it runs beside the
// import's writing instead of before it. A small file is read on the main thread (starting a thread costs more
// than reading a few megabytes). Either way the records, their order and a broken file's error are the same; of
// the records before the error, the thread may hand over fewer (not its last unsent batch).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../../platform/workers.ts';
import { keepConverted, type ConvertedComment } from './comment-conversion.ts';
import { readWxr, type ReadOptions } from './wxr-reader.ts';
import { WxrError, type WxrRecord, type WxrRefusal } from './wxr.ts';

/** What the thread sends: a batch of records with the bytes read so far, the end, or why it stopped. */
export type ThreadMessage =
  | { kind: 'records'; records: WxrRecord[]; converted: (ConvertedComment[] | null)[]; bytes: number }
  | { kind: 'done' }
  | { kind: 'broken'; detail: string; line: number; refusal: WxrRefusal }
  | { kind: 'failed'; message: string };

/** Files from this size on are read on a worker thread. */
export const THREAD_FROM_BYTES = 4 * 1024 * 1024;

const THREAD = new URL(`./wxr-thread${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface FileReadOptions extends ReadOptions {
  /** Read on a worker thread from this many bytes on (THREAD_FROM_BYTES unless given). */
  threadFromBytes?: number;
  /** Whether the thread converts the comments too (the pass that imports them). */
  convertComments?: boolean;
}

/** readWxr over a file: the site, then authors, terms and items in file order; a broken file throws a WxrError. */
export async function* readWxrFile(file: string, options: FileReadOptions = {}): AsyncGenerator<WxrRecord> {
  const size = fs.statSync(file).size;
  if (size < (options.threadFromBytes ?? THREAD_FROM_BYTES)) {
    yield* readWxr(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), options);
    return;
  }
  const worker = startWorker(THREAD, { file, convertComments: options.convertComments === true });
  const inbox: ThreadMessage[] = [];
  let wake: (() => void) | undefined;
  const receive = (message: ThreadMessage) => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', receive);
  worker.on('error', (error) => receive({ kind: 'failed', message: error.stack ?? error.message }));
  worker.on('exit', (code) => receive({ kind: 'failed', message: `the export's reader stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.kind === 'done') return;
      if (message.kind === 'broken') throw new WxrError(message.detail, message.line, message.refusal);
      if (message.kind === 'failed') throw new Error(`reading the export failed: ${message.message}`);
      // Asked for before this batch is used, so the thread reads the next one meanwhile.
      worker.postMessage('more');
      options.onProgress?.(message.bytes);
      message.records.forEach((record, i) => {
        if (record.type === 'item' && message.converted[i]) keepConverted(record.item, message.converted[i]);
      });
      yield* message.records;
    }
  } finally {
    worker.removeAllListeners();
    // An error the thread raises while it stops has nobody left to tell, and must not end the process.
    worker.on('error', () => undefined);
    await worker.terminate();
  }
}
