// Decoding a photo takes tens of megabytes per megapixel of work in flight, so only a few are decoded at once:
// the rest wait their turn for a bounded time, and past that (or when the line is already long) are told to
// come back later, instead of every upload decoding together and the process running out of memory.
import { AppError } from '../errors.ts';

export interface ImageGateOptions {
  /** Photos decoded at the same time. */
  slots: number;
  /** Photos allowed to wait for a slot; one more is refused at once. */
  maxWaiting: number;
  /** How long a photo may wait for a slot before it is refused. */
  maxWaitMs: number;
}

const busy = (retryAfterSeconds: number) =>
  new AppError({
    status: 503,
    code: 'images_busy',
    message: `The server is busy processing other photos. Try again in ${retryAfterSeconds} seconds; nothing was saved.`,
    field: 'file',
    values: { seconds: retryAfterSeconds },
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export class ImageGate {
  private running = 0;
  private readonly waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly options: ImageGateOptions) {}

  /** Photos being decoded and waiting right now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `work` once a slot is free; throws 503 with Retry-After if none frees up in time. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.options.slots) {
      this.running++;
      return Promise.resolve();
    }
    const retryAfter = Math.max(1, Math.ceil(this.options.maxWaitMs / 1000));
    if (this.waiting.length >= this.options.maxWaiting) return Promise.reject(busy(retryAfter));
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(busy(retryAfter));
        }, this.options.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line, so `running` never dips and lets a newcomer jump the queue.
    if (next) next.start();
    else this.running--;
  }
}
