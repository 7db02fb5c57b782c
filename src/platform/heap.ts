// How far V8 lets its heap grow past what survived the last full collection before it collects again. On a machine
// with memory to spare V8 allows up to four times: a WordPress import that keeps about 90 MiB alive peaked at
// 600 MiB of RSS on 20,000 posts and at 370 MiB on 2,000, only because the longer run let garbage pile up further.
// With 50% the peaks were 351-359 and 352 MiB, at no cost in time that five interleaved runs could tell from the
// machine's noise. V8 reads the setting at every full collection, so setting it once the process runs takes effect.
import v8 from 'node:v8';

/** Collect once the heap is half again what survived the last collection (the command line's long runs). */
export function keepHeapNearLive(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}
