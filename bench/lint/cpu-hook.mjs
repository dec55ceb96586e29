// Loaded with `node --import` into the ESLint CLI runs of the lint benchmark: on exit, writes the
// process' CPU time (user + system, all threads) to $BENCH_CPU_OUT, so that the comparison can be
// read in CPU time as well as wall time (the benchmark machine may be shared).
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_CPU_OUT;
if (out) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (user + system) / 1000 }));
  });
}
