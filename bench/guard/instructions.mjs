#!/usr/bin/env node
// `npm run bench:guard:instructions`: the guard's cost counted in machine instructions per request,
// which other work on the machine cannot disturb at all (unlike req/s, and unlike CPU time, which
// shared caches and cores still move by several percent). Each hello-world server (node:http,
// Express; bare, default, 'throw') runs under valgrind's callgrind, all threads counted; the load
// comes from this driver, another process (bench/guard/client.mjs, 10 keep-alive connections, 10
// requests in flight on each). Node runs with --single-threaded (V8 compiles and collects garbage on
// the main thread), so a count does not depend on when background threads got to run. After a warm-up, each measured burst is framed by
// `callgrind_control --zero` and `--dump`, so the count covers exactly the burst, divided by the
// requests the server handled in it.
// What it cannot see: the kernel (system calls: socket reads and writes, epoll), which the guard does
// not add to. So the figure is extra user-space instructions per request; it is put against the
// bare server's user-space instructions (an upper bound of the guard's share of all CPU time, since
// the kernel's share of a request is left out of the denominator).
// Needs valgrind (skips with a message without it). Slow: ~50 times slower than native, so few requests.
// Environment: GUARD_IR_KINDS (node,express), GUARD_IR_VARIANTS (bare,default,throw),
// GUARD_IR_WARMUP (3000 requests), GUARD_IR_REQUESTS (2000 per burst), GUARD_IR_BURSTS (3).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLoad, probe, withoutDate } from './client.mjs';
import { startServer } from './servers.mjs';
import { median, pct } from './stats.mjs';

const KINDS = (process.env.GUARD_IR_KINDS ?? 'node,express').split(',');
const VARIANTS = (process.env.GUARD_IR_VARIANTS ?? 'bare,default,throw').split(',');
const WARMUP = Number(process.env.GUARD_IR_WARMUP ?? 3000);
const REQUESTS = Number(process.env.GUARD_IR_REQUESTS ?? 2000);
const BURSTS = Number(process.env.GUARD_IR_BURSTS ?? 3);

if (spawnSync('valgrind', ['--version']).status !== 0 || spawnSync('callgrind_control', ['-h']).error) {
  console.log('bench:guard:instructions needs valgrind (callgrind, callgrind_control): skipped');
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'guard-ir-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** The total instruction count (Ir) of the newest callgrind dump of a process. */
function lastDumpTotal(pid) {
  const dumps = readdirSync(dir)
    .filter((f) => f.startsWith(`cg.${pid}.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  const text = readFileSync(path.join(dir, dumps.at(-1)), 'utf8');
  const totals = /^totals: (\d+)/mu.exec(text) ?? /^summary: (\d+)/mu.exec(text);
  return Number(totals[1]);
}

const started = Date.now();
const loads = [os.loadavg()[0]];
console.log(
  `guard instruction counts: Node ${process.version}, valgrind ${execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim()} (callgrind, ` +
    `--smc-check=all-non-file; node --single-threaded), ${WARMUP} warm-up requests, then ${BURSTS} bursts of ${REQUESTS} requests per server`,
);
const rows = [];
for (const kind of KINDS) {
  // Instruction counts do not depend on what else runs, so a kind's servers start together.
  const servers = await Promise.all(
    VARIANTS.map((variant) =>
      startServer(kind, variant, {
        wrapper: ['valgrind', '-q', '--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${dir}/cg.%p`],
        // No background compilation or GC threads: under valgrind (one thread at a time) they finish at
        // unpredictable points, and the counts of a burst moved by ±20% with them.
        nodeArgs: ['--single-threaded'],
        env: { GUARD_BENCH_TICK: '1' },
      }),
    ),
  );
  const answers = await Promise.all(servers.map((server) => probe(server.port)));
  for (const [i, answer] of answers.entries()) {
    if (withoutDate(answer) !== withoutDate(answers[0])) throw new Error(`${kind}/${servers[i].variant} answers differently from bare`);
  }
  for (const server of servers) {
    const load = await openLoad(server.port, { connections: 10, depth: 10, answerLength: answers[0].length });
    await load.burst(WARMUP);
    const perRequest = [];
    for (let b = 0; b < BURSTS; b += 1) {
      const before = await server.sample();
      execFileSync('callgrind_control', ['--zero', String(server.pid)], { stdio: 'ignore' });
      await load.burst(REQUESTS);
      execFileSync('callgrind_control', ['--dump', String(server.pid)], { stdio: 'ignore' });
      const after = await server.sample();
      perRequest.push(lastDumpTotal(server.pid) / (after.requests - before.requests));
      loads.push(os.loadavg()[0]);
    }
    load.close();
    const code = await server.stop();
    if (code !== 0) throw new Error(`server ${kind}/${server.variant} reported violations on a clean handler`);
    rows.push({ kind, variant: server.variant, perRequest });
    console.log(`${kind}/${server.variant}: ${perRequest.map((n) => Math.round(n)).join(' / ')} instructions per request`);
  }
}

console.log(
  `\nInstructions per request (user space, all threads; median of ${BURSTS} bursts), ${Math.round((Date.now() - started) / 1000)} s, ` +
    `load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (does not change the counts)`,
);
console.log('| server | variant | instructions/request (median) | vs bare | bursts |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const bare = median(rows.find((r) => r.kind === row.kind && r.variant === 'bare').perRequest);
  const mine = median(row.perRequest);
  const delta = row.variant === 'bare' ? '–' : `${mine - bare >= 0 ? '+' : '−'}${Math.abs(Math.round(mine - bare))} (${pct(mine / bare - 1)})`;
  console.log(`| ${row.kind} | ${row.variant} | ${Math.round(mine)} | ${delta} | ${row.perRequest.map((n) => Math.round(n)).join(' / ')} |`);
}
