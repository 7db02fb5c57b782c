// Flood control: one comment per N seconds from one address and from one email. Judged on the stored
// comments' times, so every app process behind a load balancer agrees without sharing memory.
import { AppError } from '../../../platform/errors.ts';
import { CONTINUE, type Phase } from '../phase.ts';

export const floodPhase: Phase = (_s, c) => {
  const seconds = c.settings.floodSeconds;
  if (seconds <= 0) return CONTINUE;
  const last = Math.max(c.lastFromIp?.getTime() ?? 0, c.lastFromEmail?.getTime() ?? 0);
  const waitMs = last + seconds * 1000 - c.now.getTime();
  if (last === 0 || waitMs <= 0) return CONTINUE;
  // Another process's clock may run ahead; never ask for more than the whole interval. Retry-After counts whole
  // seconds, so a sub-second interval (load tests) still asks for one.
  const wait = Math.max(1, Math.min(Math.ceil(seconds), Math.ceil(waitMs / 1000)));
  return {
    action: 'refuse',
    error: new AppError({
      status: 429,
      code: 'comment_flood',
      message: `Slow down: this site takes one comment every ${seconds} seconds from each reader. Wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and send it again.`,
      headers: { 'retry-after': String(wait) },
      values: { seconds, wait },
    }),
  };
};
