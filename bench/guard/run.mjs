#!/usr/bin/env node
// `npm run bench:guard` (network part): what the runtime guard costs on hello-world servers, measured
// so that a few percent can be resolved on a machine shared with other work.
//
// For node:http and Express 5: unguarded ("bare") vs guarded with the default options ('drop' mode,
// firstStack: 'after-first-violation') vs 'throw' mode (firstStack: 'always': every response's first
// call site recorded, which is also what any guard pays once it has seen a violation, or while a
// test's recordViolations() is on). 'report' on request (GUARD_BENCH_VARIANTS).
//
// Design (why): other jobs on the machine change the server's share of the CPU from second to
// second, which moves req/s by ±25% between runs; they change the CPU time a request costs far less.
// So:
// - all variants' servers run at once, each in its own process pinned to CPU 0; this driver and its
//   load generator (bench/guard/client.mjs) run pinned to CPU 1, so the load never shares the
//   measured process's core;
// - a "pair" is one burst of a fixed number of requests (100 keep-alive connections opened once,
//   10 pipelined requests in flight on each: the server is saturated) against every variant, back
//   to back, in an order that rotates and reverses from pair to pair; many short pairs instead of a
//   few long runs;
// - around each burst the server reports its own CPU time (process.cpuUsage over IPC: user +
//   system, all threads, µs resolution), giving CPU µs per request; the burst's wall time gives req/s;
// - each pair gives one ratio per variant against bare taken a few seconds apart under the same
//   load; the figure is the median of those paired ratios with a distribution-free 95% confidence
//   interval (order statistics of the binomial), for CPU per request and for req/s.
// CPU per request is the figure to read: a saturated single-threaded server's req/s is 1 / (CPU per
// request) when it has its core to itself, and other load disturbs it far less than req/s (printed
// beside it). Instruction counts (bench/guard/instructions.mjs, micro-instructions.mjs) resolve finer.
//
// Environment: GUARD_BENCH_VARIANTS (bare,default,throw), GUARD_BENCH_PAIRS (20),
// GUARD_BENCH_REQUESTS_NODE (20000), GUARD_BENCH_REQUESTS_EXPRESS (5000), GUARD_BENCH_WARMUP (3 s per
// server), GUARD_BENCH_PIPELINING (10), GUARD_BENCH_KINDS (node,express).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLoad, probe, withoutDate } from './client.mjs';
import { startServer } from './servers.mjs';
import { ci, median, medianInterval, pct } from './stats.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAIRS = Number(process.env.GUARD_BENCH_PAIRS ?? 20);
const WARMUP = Number(process.env.GUARD_BENCH_WARMUP ?? 3);
const PIPELINING = Number(process.env.GUARD_BENCH_PIPELINING ?? 10);
const REQUESTS = {
  node: Number(process.env.GUARD_BENCH_REQUESTS_NODE ?? 20_000),
  express: Number(process.env.GUARD_BENCH_REQUESTS_EXPRESS ?? 5_000),
};
const CONNECTIONS = 100;
const KINDS = (process.env.GUARD_BENCH_KINDS ?? 'node,express').split(',');
const VARIANTS = (process.env.GUARD_BENCH_VARIANTS ?? 'bare,default,throw').split(',');
const TARGET = 0.03;
if (VARIANTS[0] !== 'bare') throw new Error('GUARD_BENCH_VARIANTS must start with bare (the reference)');

const hasTaskset = spawnSync('taskset', ['-V']).status === 0 && os.cpus().length >= 2;

// Pin this driver (and the load generator in it) to CPU 1, once.
if (hasTaskset && process.env.GUARD_BENCH_PINNED !== '1') {
  const child = spawnSync('taskset', ['-c', '1', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, GUARD_BENCH_PINNED: '1' },
  });
  process.exit(child.status ?? 1);
}

if (!existsSync(path.join(ROOT, 'dist/src/guard/index.js'))) {
  console.error('bench:guard needs the build: run `npm run build` first');
  process.exit(1);
}

/** The server's CPU µs per request over one burst of a fixed number of requests, and the burst's req/s. */
async function burst(server, load) {
  const requests = REQUESTS[server.kind];
  const before = await server.sample();
  const start = process.hrtime.bigint();
  await load.burst(requests);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const after = await server.sample();
  if (after.requests - before.requests !== requests) throw new Error(`${server.kind}/${server.variant}: the server counted ${after.requests - before.requests} requests, not ${requests}`);
  return {
    cpuPerRequest: (after.cpu - before.cpu) / requests,
    userShare: (after.user - before.user) / (after.cpu - before.cpu),
    reqPerSec: requests / seconds,
  };
}

const loads = [];
const sampleLoad = () => loads.push(os.loadavg()[0]);

console.log(
  `guard benchmark: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
    `${hasTaskset ? 'servers pinned to CPU 0, driver + load generator to CPU 1 (taskset)' : 'no pinning (taskset unavailable)'}; ` +
    `${PAIRS} pairs per server kind, bursts of ${KINDS.map((k) => `${REQUESTS[k]} (${k})`).join(' / ')} requests, ` +
    `${CONNECTIONS} keep-alive connections, ${PIPELINING} requests in flight on each, ${WARMUP} s warm-up per server; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);

const summary = [];
for (const kind of KINDS) {
  const servers = [];
  for (const variant of VARIANTS) servers.push(await startServer(kind, variant, { cpu: hasTaskset ? 0 : undefined }));
  // Every variant must give the same answer as bare, byte for byte (the Date header aside).
  const answers = await Promise.all(servers.map((server) => probe(server.port)));
  for (const [i, answer] of answers.entries()) {
    if (withoutDate(answer) !== withoutDate(answers[0])) throw new Error(`${kind}/${servers[i].variant} answers differently from bare:\n${answer}\n---\n${answers[0]}`);
  }
  for (const server of servers) {
    server.load = await openLoad(server.port, { connections: CONNECTIONS, depth: PIPELINING, answerLength: answers[0].length });
    const until = Date.now() + WARMUP * 1000;
    while (Date.now() < until) await server.load.burst(REQUESTS[kind] / 4);
  }
  const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let pair = 0; pair < PAIRS; pair += 1) {
    sampleLoad();
    // Rotate the start every two pairs and reverse every other pair, so each variant runs first and
    // last equally often (with two variants: AB, BA, BA, AB, ...).
    const shift = Math.floor(pair / 2);
    const rotated = servers.map((_, i) => servers[(i + shift) % servers.length]);
    const order = pair % 2 ? rotated.reverse() : rotated;
    const line = [];
    for (const server of order) {
      const run = await burst(server, server.load);
      runs[server.variant].push(run);
      line.push(`${server.variant} ${Math.round(run.reqPerSec)} req/s ${run.cpuPerRequest.toFixed(2)} µs`);
    }
    console.log(`${kind} pair ${pair + 1} (load ${os.loadavg()[0].toFixed(2)}): ${line.join(', ')}`);
  }
  for (const server of servers) {
    server.load.close();
    const code = await server.stop();
    if (code !== 0) throw new Error(`server ${kind}/${server.variant} reported violations on a clean handler`);
  }
  const bare = runs.bare;
  for (const variant of VARIANTS) {
    const mine = runs[variant];
    const row = {
      kind,
      variant,
      cpu: median(mine.map((r) => r.cpuPerRequest)),
      userShare: median(mine.map((r) => r.userShare)),
      rps: median(mine.map((r) => r.reqPerSec)),
      rpsRange: [Math.min(...mine.map((r) => r.reqPerSec)), Math.max(...mine.map((r) => r.reqPerSec))],
    };
    if (variant !== 'bare') {
      const cpuRatios = mine.map((r, i) => r.cpuPerRequest / bare[i].cpuPerRequest - 1);
      const rpsRatios = mine.map((r, i) => r.reqPerSec / bare[i].reqPerSec - 1);
      Object.assign(row, {
        cpuDelta: median(cpuRatios),
        cpuCi: medianInterval(cpuRatios),
        rpsDelta: median(rpsRatios),
        rpsCi: medianInterval(rpsRatios),
        rpsRatioRange: [Math.min(...rpsRatios), Math.max(...rpsRatios)],
      });
    }
    summary.push(row);
  }
}
sampleLoad();

console.log(
  `\n${PAIRS} pairs per server kind; load average (1 min) during the run ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}. ` +
    'Paired: each pair compares a variant with bare measured seconds apart; median of the per-pair ratios, 95% CI of that median.',
);
console.log('| server | variant | CPU µs/req (median) | user share | CPU/req vs bare, paired [95% CI] | req/s (median; min–max) | req/s vs bare, paired [95% CI] (min–max) |');
console.log('|---|---|---|---|---|---|---|');
for (const row of summary) {
  const rps = `${Math.round(row.rps)} (${Math.round(row.rpsRange[0])}–${Math.round(row.rpsRange[1])})`;
  if (row.variant === 'bare') {
    console.log(`| ${row.kind} | bare | ${row.cpu.toFixed(2)} | ${Math.round(row.userShare * 100)}% | – | ${rps} | – |`);
  } else {
    console.log(
      `| ${row.kind} | ${row.variant} | ${row.cpu.toFixed(2)} | ${Math.round(row.userShare * 100)}% | ${pct(row.cpuDelta)} ${ci(row.cpuCi)} | ${rps} | ` +
        `${pct(row.rpsDelta)} ${ci(row.rpsCi)} (${pct(row.rpsRatioRange[0])} to ${pct(row.rpsRatioRange[1])}) |`,
    );
  }
}
console.log(
  '\nPaired CPU per request (req/s on a saturated core of its own is 1 / CPU per request, and other load moves req/s far more);' +
    ' instruction counts (npm run bench:guard:instructions, bench/guard/micro-instructions.mjs) resolve finer:',
);
for (const row of summary.filter((r) => r.variant === 'default')) {
  const upper = row.cpuCi?.[1];
  // CPU per request up by x means req/s on a saturated dedicated core down by x / (1 + x).
  const rpsLoss = upper === undefined ? undefined : upper / (1 + upper);
  const verdict =
    rpsLoss === undefined
      ? 'not resolved (too few pairs)'
      : rpsLoss <= TARGET
        ? `within 3% (at most ${pct(-rpsLoss)} req/s at the upper end of the 95% CI)`
        : `not resolved at 3% by this run (the upper end of the 95% CI means ${pct(-rpsLoss)} req/s)`;
  console.log(`- ${row.kind}: default ${pct(row.cpuDelta)} CPU per request: ${verdict}`);
}
