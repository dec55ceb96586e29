#!/usr/bin/env node
// The guard's own cost per response in machine instructions, in process (no network, no kernel):
// bench/guard/micro.mjs's responses, counted by valgrind's callgrind instead of timed, so other load
// on the machine cannot move the figure. Each variant runs in its own `node --single-threaded`
// process under callgrind; after 20,000 warm-up responses (by default), 3 bursts of N responses are each framed
// by `callgrind_control --zero` / `--dump` (the process runs them itself, asynchronously, so a
// 10 ms timer keeps it responsive). Prints instructions per response per burst.
//   node bench/guard/micro-instructions.mjs [kind ...]        (driver; kinds: node, express)
//   GUARD_IR_MICRO_N (5000 responses per burst), GUARD_IR_MICRO_WARMUP (20000), GUARD_IR_MICRO_BURSTS (3),
//   GUARD_IR_MICRO_VARIANTS (bare,default,throw)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inProcessResponder } from './hello.mjs';
import { median, pct } from './stats.mjs';

const N = Number(process.env.GUARD_IR_MICRO_N ?? 5000);
const WARMUP = Number(process.env.GUARD_IR_MICRO_WARMUP ?? 20_000);
const BURSTS = Number(process.env.GUARD_IR_MICRO_BURSTS ?? 3);
// A new space of fixed size: V8 otherwise sizes it from measured GC speed, so how often it collects
// (and the count per response) moved by ~5% between runs with the machine's load.
const FIXED_HEAP = ['--min-semi-space-size=16', '--max-semi-space-size=16'];

async function measureOne(kind, variant, dir) {
  const one = inProcessResponder(kind, variant);
  const tick = setInterval(() => {}, 10);
  const control = (arg) =>
    new Promise((done) => spawn('callgrind_control', [arg, String(process.pid)], { stdio: 'ignore' }).on('exit', done));
  for (let i = 0; i < WARMUP; i += 1) one();
  const counts = [];
  const lastTotal = () => {
    const dumps = readdirSync(dir)
      .filter((f) => f.startsWith(`cg.${process.pid}.`))
      .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
    return Number(/^totals: (\d+)/mu.exec(readFileSync(path.join(dir, dumps.at(-1)), 'utf8'))[1]);
  };
  for (let burst = 0; burst < BURSTS; burst += 1) {
    // What framing a burst costs by itself (spawning callgrind_control, the timer ticks while it
    // runs: ~1.3M instructions, varying with the machine's load), taken away from the burst's count.
    await control('--zero');
    await control('--dump');
    const framing = lastTotal();
    await control('--zero');
    for (let i = 0; i < N; i += 1) one();
    await control('--dump');
    counts.push((lastTotal() - framing) / N);
  }
  clearInterval(tick);
  console.log(JSON.stringify(counts));
}

if (process.argv[2] === '--one') {
  await measureOne(process.argv[3], process.argv[4], process.argv[5]);
} else {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('micro-instructions needs valgrind: skipped');
    process.exit(0);
  }
  const kinds = process.argv.length > 2 ? process.argv.slice(2) : ['node'];
  const variants = (process.env.GUARD_IR_MICRO_VARIANTS ?? 'bare,default,throw').split(',');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guard-ir-micro-'));
  const loads = [os.loadavg()[0]];
  // Counts do not depend on other load, so the variants run side by side.
  const jobs = kinds.flatMap((kind) => variants.map((variant) => ({ kind, variant })));
  await Promise.all(
    jobs.map(
      (job) =>
        new Promise((resolve, reject) => {
          const child = spawn(
            'valgrind',
            ['-q', '--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${dir}/cg.%p`, process.execPath, '--single-threaded', ...FIXED_HEAP, import.meta.filename, '--one', job.kind, job.variant, dir],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.on('exit', (code) => {
            loads.push(os.loadavg()[0]);
            if (code !== 0) return reject(new Error(`${job.kind}/${job.variant} exited ${code}`));
            job.counts = JSON.parse(out.trim().split('\n').at(-1));
            resolve();
          });
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
  console.log(`In-process instructions per response (callgrind, node --single-threaded; ${BURSTS} bursts of ${N} after ${WARMUP} warm-up, each less its framing; fixed 16 MB new space; the first burst is still warming up, the figure is the median); load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
  console.log('| server | variant | instructions/response | vs bare | bursts |');
  console.log('|---|---|---|---|---|');
  for (const job of jobs) {
    const bare = median(jobs.find((j) => j.kind === job.kind && j.variant === 'bare').counts);
    const mine = median(job.counts);
    const delta = job.variant === 'bare' ? '–' : `${mine >= bare ? '+' : '−'}${Math.abs(Math.round(mine - bare))} (${pct(mine / bare - 1)})`;
    console.log(`| ${job.kind} | ${job.variant} | ${Math.round(mine)} | ${delta} | ${job.counts.map((c) => Math.round(c)).join(' / ')} |`);
  }
}
