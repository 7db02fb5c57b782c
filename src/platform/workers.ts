// Worker threads for CPU work that can run beside the main thread (the WordPress import's reading of its file).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/** Starts a thread running `module` (a file URL, TypeScript or JavaScript) with `data` as its workerData. */
export function startWorker(module: URL, data: Record<string, unknown>): Worker {
  return new Worker(ENTRY, { workerData: { ...data, entry: { module: module.href, tsconfig: TSCONFIG } } });
}
