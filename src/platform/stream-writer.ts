// Writing a long document to a stream a piece at a time, pausing when the reader is slower than we are,
// so an export of a large site never piles up in memory.
import type { Writable } from 'node:stream';

/** Writes strings to a stream, waiting whenever the stream asks for a pause. */
export class StreamWriter {
  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    if (this.out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', done);
        this.out.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      this.out.on('drain', done);
      this.out.on('error', done);
    });
  }
}
