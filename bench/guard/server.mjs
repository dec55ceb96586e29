#!/usr/bin/env node
// One hello-world server for the guard benchmark, in its own process:
//   node bench/guard/server.mjs <node|express> <bare|default|report|throw>
// Prints {"port": N} once listening on 127.0.0.1, and exits on SIGTERM.
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

const server = http.createServer(listener);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  // A clean handler must cause no violation; say so if one did.
  if (violations > 0) console.error(`server ${kind}/${variant}: ${violations} violations`);
  process.exit(violations > 0 ? 1 : 0);
});
