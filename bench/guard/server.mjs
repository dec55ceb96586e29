#!/usr/bin/env node
// One hello-world server for the guard benchmark, in its own process:
//   node bench/guard/server.mjs <node|express> <bare|report|throw|throw-lazy>
// Prints {"port": N} once listening on 127.0.0.1, and exits on SIGTERM.
// The handlers follow fastify/benchmarks: node:http sets a header and ends with JSON; Express has
// etag and x-powered-by off and answers with res.json.
import http from 'node:http';
import express from 'express';
import { guard, responseGuard } from '../../dist/src/guard/index.js';

const [kind, variant] = process.argv.slice(2);
if (!['node', 'express'].includes(kind) || !['bare', 'report', 'throw', 'throw-lazy'].includes(variant)) {
  console.error('usage: server.mjs <node|express> <bare|report|throw|throw-lazy>');
  process.exit(2);
}
let violations = 0;
const onViolation = () => (violations += 1);
const options = {
  bare: undefined,
  report: { mode: 'report', onViolation },
  throw: { mode: 'throw', onViolation },
  'throw-lazy': { mode: 'throw', firstStack: 'after-first-violation', onViolation },
}[variant];

function nodeHandler(_req, res) {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ hello: 'world' }));
}

let listener;
if (kind === 'node') {
  listener = options ? guard(nodeHandler, options) : nodeHandler;
} else {
  const app = express();
  app.set('etag', false);
  app.disable('x-powered-by');
  if (options) app.use(responseGuard(options));
  app.get('/', (_req, res) => {
    res.json({ hello: 'world' });
  });
  listener = app;
}

const server = http.createServer(listener);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  // A clean handler must cause no violation; say so if one did.
  if (violations > 0) console.error(`server ${kind}/${variant}: ${violations} violations`);
  process.exit(violations > 0 ? 1 : 0);
});
