#!/usr/bin/env node
// In-process companion of bench/guard/run.mjs: the guard's pure JavaScript cost per response,
// without the network, measured as CPU time (process.cpuUsage), which is far less disturbed than
// req/s when other work shares the machine. Each variant runs in its own process (pinned to CPU 0
// with taskset when available), in alternating rounds; the median is printed.
//   node bench/guard/micro.mjs            (driver)
//   node bench/guard/micro.mjs <kind> <variant>   (one measurement, prints µs/response)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { inProcessResponder, VARIANT_OPTIONS } from './hello.mjs';

const ITERATIONS = Number(process.env.MICRO_ITER ?? 10_000);

function measureOne(kind, variant) {
  const one = inProcessResponder(kind, variant);
  for (let i = 0; i < ITERATIONS; i += 1) one();
  const runs = [];
  for (let r = 0; r < 5; r += 1) {
    const before = process.cpuUsage();
    for (let i = 0; i < ITERATIONS; i += 1) one();
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / ITERATIONS);
  }
  runs.sort((a, b) => a - b);
  console.log(runs[2].toFixed(2));
}

if (process.argv[2]) {
  measureOne(process.argv[2], process.argv[3]);
} else {
  const pin = spawnSync('taskset', ['-V']).status === 0 && os.cpus().length >= 2;
  const rounds = Number(process.env.GUARD_MICRO_ROUNDS ?? 3);
  const figures = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const kind of ['node', 'express']) {
      for (const variant of Object.keys(VARIANT_OPTIONS)) {
        const args = [import.meta.filename, kind, variant];
        const out = pin
          ? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { encoding: 'utf8' })
          : spawnSync(process.execPath, args, { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`${kind}/${variant} failed: ${out.stderr}`);
        (figures[`${kind}|${variant}`] ??= []).push(Number(out.stdout.trim()));
      }
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  console.log(`\nIn-process CPU per response (${rounds} rounds × 5 × ${ITERATIONS} responses, median${pin ? ', pinned to CPU 0' : ''})`);
  console.log('| server | variant | µs CPU/response | extra vs bare | runs |');
  console.log('|---|---|---|---|---|');
  for (const kind of ['node', 'express']) {
    const bare = median(figures[`${kind}|bare`]);
    for (const variant of Object.keys(VARIANT_OPTIONS)) {
      const values = figures[`${kind}|${variant}`];
      const value = median(values);
      const extra = variant === 'bare' ? '–' : `${(value - bare).toFixed(2)} µs (${(((value - bare) / bare) * 100).toFixed(1)}%)`;
      console.log(`| ${kind} | ${variant} | ${value.toFixed(2)} | ${extra} | ${values.map((v) => v.toFixed(1)).join(' / ')} |`);
    }
  }
}
