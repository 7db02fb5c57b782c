// Preloaded into a benchmarked child process (node --import): writes its peak resident memory (KiB)
// to BENCH_RSS_FILE when it exits, so the parent can compare runs without /usr/bin/time.
import fs from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
