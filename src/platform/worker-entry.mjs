// The first module of every worker thread the process starts (platform/workers.ts). The sources are TypeScript run
// without a build step: the main thread compiles them through tsx's hooks, which a worker does not inherit (on
// Node 20 neither from `--import tsx` nor from tsx's register()), so a worker registers them itself, with the
// project's tsconfig, then loads the module it was started for.
import { workerData } from 'node:worker_threads';

const { module, tsconfig } = workerData.entry;
if (module.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig });
}
await import(module);
