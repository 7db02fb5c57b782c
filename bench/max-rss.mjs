// Preloaded into a benchmarked child process (node --import): writes its peak resident memory (KiB)
// to BENCH_RSS_FILE when it exits, so the parent can compare runs without /usr/bin/time, and its CPU
// time (user + system, microseconds) to BENCH_CPU_FILE when asked: on a machine others load, CPU time
// says what the process cost where wall time also says how busy the machine was.
import fs from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(usage.maxRSS));
  if (process.env.BENCH_CPU_FILE)
    fs.writeFileSync(process.env.BENCH_CPU_FILE, String(usage.userCPUTime + usage.systemCPUTime));
});
