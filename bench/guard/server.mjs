#!/usr/bin/env node
// One hello-world server for the guard benchmark, in its own process:
//   node bench/guard/server.mjs <node|express> <bare|default|report|throw>
// Prints {"port": N} once listening on 127.0.0.1, and exits on SIGTERM.
// Started with an IPC channel (bench/guard/run.mjs forks it), it answers the message 'cpu' with its
// own process.cpuUsage() (user + system of all its threads, in µs, from getrusage) and the number of
// requests it has handled, so the driver can measure the server's CPU time per request at µs
// resolution around each burst of load.
// The handlers are bench/guard/hello.mjs.
import http from 'node:http';
import { helloListener } from './hello.mjs';

const [kind, variant] = process.argv.slice(2);
if (!['node', 'express'].includes(kind) || !['bare', 'default', 'report', 'throw'].includes(variant)) {
  console.error('usage: server.mjs <node|express> <bare|default|report|throw>');
  process.exit(2);
}
let violations = 0;
const onViolation = () => (violations += 1);
const options = {
  bare: undefined,
  // No mode: the default, 'drop'.
  default: { onViolation },
  report: { mode: 'report', onViolation },
  throw: { mode: 'throw', onViolation },
}[variant];

const listener = helloListener(kind, options);
// Requests that reached the listener: the driver divides CPU time by this count (a load generator
// stopping mid-pipeline cannot say how many of its last requests the server handled). The same
// wrapper for every variant.
let requests = 0;
const server = http.createServer((req, res) => {
  requests += 1;
  return listener(req, res);
});
// Connections stay open across the driver's bursts, however long the other variants' bursts take.
server.keepAliveTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
// Under valgrind, commands from callgrind_control are only seen while the process runs: a timer
// keeps it waking up between bursts (the same for every variant).
if (process.env.GUARD_BENCH_TICK === '1') setInterval(() => {}, 20);
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage(), requests, violations });
});
process.on('SIGTERM', () => {
  // A clean handler must cause no violation; say so if one did.
  if (violations > 0) console.error(`server ${kind}/${variant}: ${violations} violations`);
  process.exit(violations > 0 ? 1 : 0);
});
