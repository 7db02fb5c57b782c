import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/platform/errors.ts';
import { ImageGate } from '../../src/platform/images/image-gate.ts';

/** A piece of work that finishes when the test says so. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the image gate', () => {
  it('runs at most `slots` photos at once and serves the waiting in order', async () => {
    const gate = new ImageGate({ slots: 2, maxWaiting: 8, maxWaitMs: 5000 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const jobs = Array.from({ length: 6 }, () => held());
    const results = jobs.map((job, i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await job.work();
        running--;
        return i;
      }),
    );
    await tick();
    assert.deepEqual(gate.load, { running: 2, waiting: 4 });
    for (const job of jobs) {
      job.finish();
      await tick();
    }
    assert.deepEqual(await Promise.all(results), [0, 1, 2, 3, 4, 5]);
    assert.equal(most, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(gate.load, { running: 0, waiting: 0 });
  });

  it('refuses with 503 and Retry-After when the line is full, or when a slot does not free up in time', async () => {
    const gate = new ImageGate({ slots: 1, maxWaiting: 1, maxWaitMs: 50 });
    const first = held();
    const running = gate.run(first.work);
    const waiting = gate.run(async () => 'late');
    const refusal = (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'images_busy');
      assert.equal(error.headers?.['retry-after'], '1');
      assert.match(error.message, /busy processing other photos\. Try again in 1 seconds/);
      return true;
    };
    await assert.rejects(
      gate.run(async () => 'overflow'),
      refusal,
    );
    await assert.rejects(waiting, refusal);
    assert.deepEqual(gate.load, { running: 1, waiting: 0 });
    first.finish();
    await running;
    assert.equal(await gate.run(async () => 'free again'), 'free again');
    assert.deepEqual(gate.load, { running: 0, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const gate = new ImageGate({ slots: 1, maxWaiting: 0, maxWaitMs: 10 });
    await assert.rejects(
      gate.run(async () => {
        throw new Error('decoder failed');
      }),
      /decoder failed/,
    );
    assert.equal(await gate.run(async () => 1), 1);
  });
});
