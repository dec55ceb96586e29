#!/usr/bin/env node
// `npm run bench:guard`: what the runtime guard costs on hello-world servers.
//
// For node:http and Express 5: unguarded ("bare") vs guarded with the default options ('drop' mode,
// firstStack: 'after-first-violation') vs 'report' mode vs 'throw' mode (default firstStack:
// 'always': every response's first call site recorded, which is also what any guard pays once it
// has seen a violation, or while a test's recordViolations() is on).
// Each server runs in its own child process pinned to CPU 0 (`taskset -c 0`); this driver and
// autocannon run pinned to CPU 1, so the load generator never competes with the server for a core.
// Rounds alternate the variants and rotate their order; each run is a warm-up then a measured
// window on 127.0.0.1 with 100 connections. Prints median req/s, median p99 latency and server CPU
// time per request (from /proc/<pid>/stat, less sensitive to noise from other work on the machine).
//
// Environment: GUARD_BENCH_VARIANTS (bare,default,report,throw), GUARD_BENCH_ROUNDS (3), GUARD_BENCH_SECONDS (5), GUARD_BENCH_WARMUP (2),
// GUARD_BENCH_PIPELINING (10: saturates the server, so its per-request cost shows).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.GUARD_BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.GUARD_BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.GUARD_BENCH_WARMUP ?? 2);
const PIPELINING = Number(process.env.GUARD_BENCH_PIPELINING ?? 10);
const CONNECTIONS = 100;
const KINDS = ['node', 'express'];
const VARIANTS = (process.env.GUARD_BENCH_VARIANTS ?? 'bare,default,report,throw').split(',');

const hasTaskset = spawnSync('taskset', ['-V']).status === 0 && os.cpus().length >= 2;

// Pin this driver (and autocannon in it) to CPU 1, once.
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

/** Start one server process (pinned to CPU 0) and resolve with its pid, port and a stopper. */
function startServer(kind, variant) {
  const script = path.join(ROOT, 'bench/guard/server.mjs');
  const [command, args] = hasTaskset
    ? ['taskset', ['-c', '0', process.execPath, script, kind, variant]]
    : [process.execPath, [script, kind, variant]];
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        const { port } = JSON.parse(line);
        resolve({
          pid: child.pid,
          port,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server ${kind}/${variant} exited early (${code})`)));
  });
}

/** User + system CPU time of a process, in microseconds. */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks / 100) * 1e6; // USER_HZ is 100 on Linux
}

function cannon(port, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, pipelining: PIPELINING, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function measure(kind, variant) {
  const server = await startServer(kind, variant);
  let run;
  let code;
  try {
    await cannon(server.port, WARMUP);
    const cpuBefore = existsSync(`/proc/${server.pid}/stat`) ? cpuMicros(server.pid) : undefined;
    const result = await cannon(server.port, SECONDS);
    const cpuAfter = cpuBefore === undefined ? undefined : cpuMicros(server.pid);
    // A non-2xx answer means the guard changed a clean response: that is a failure, not a figure.
    if (result.non2xx > 0) throw new Error(`${kind}/${variant}: ${result.non2xx} non-2xx responses`);
    run = {
      reqPerSec: result.requests.average,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      cpuPerRequest: cpuBefore === undefined ? undefined : (cpuAfter - cpuBefore) / result.requests.total,
    };
  } finally {
    code = await server.stop();
  }
  if (code !== 0) throw new Error(`server ${kind}/${variant} reported violations on a clean handler`);
  return run;
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log(
  `guard benchmark: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
    `${hasTaskset ? 'server pinned to CPU 0, autocannon to CPU 1 (taskset)' : 'no pinning (taskset unavailable)'}; ` +
    `${ROUNDS} rounds × ${WARMUP}s warm-up + ${SECONDS}s, ${CONNECTIONS} connections, pipelining ${PIPELINING}`,
);

const results = {};
for (let round = 0; round < ROUNDS; round += 1) {
  for (const kind of KINDS) {
    // rotate the order each round so no variant always runs first or last
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    for (const variant of order) {
      const run = await measure(kind, variant);
      (results[`${kind}/${variant}`] ??= []).push(run);
      console.log(
        `round ${round + 1} ${kind}/${variant}: ${Math.round(run.reqPerSec)} req/s, p99 ${run.p99} ms` +
          (run.errors > 0 ? `, ${run.errors} client errors/timeouts` : '') +
          (run.cpuPerRequest === undefined ? '' : `, ${run.cpuPerRequest.toFixed(1)} µs CPU/req`),
      );
    }
  }
}

console.log('\n| server | variant | median req/s | vs bare | median p99 (ms) | server CPU µs/req (median) | runs (req/s) |');
console.log('|---|---|---|---|---|---|---|');
for (const kind of KINDS) {
  const bare = median(results[`${kind}/bare`].map((r) => r.reqPerSec));
  for (const variant of VARIANTS) {
    const runs = results[`${kind}/${variant}`];
    const rps = median(runs.map((r) => r.reqPerSec));
    const cpu = median(runs.map((r) => r.cpuPerRequest));
    const delta = variant === 'bare' ? '–' : `${(((rps - bare) / bare) * 100).toFixed(1)}%`;
    console.log(
      `| ${kind} | ${variant} | ${Math.round(rps)} | ${delta} | ${median(runs.map((r) => r.p99))} | ${cpu === undefined ? '?' : cpu.toFixed(1)} | ${runs.map((r) => Math.round(r.reqPerSec)).join(' / ')} |`,
    );
  }
}
