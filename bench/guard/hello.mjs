// The hello-world request listener both guard benchmarks measure (bench/guard/server.mjs over the
// network, bench/guard/micro.mjs in process). The handlers follow fastify/benchmarks: node:http sets
// a header and ends with JSON; Express has etag and x-powered-by off and answers with res.json.
// `options` undefined means unguarded.
import http from 'node:http';
import express from 'express';
import { guard, responseGuard } from '../../dist/src/guard/index.js';

function nodeHandler(_req, res) {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ hello: 'world' }));
}

export function helloListener(kind, options) {
  if (kind === 'node') return options ? guard(nodeHandler, options) : nodeHandler;
  const app = express();
  app.set('etag', false);
  app.disable('x-powered-by');
  if (options) app.use(responseGuard(options));
  app.get('/', (_req, res) => {
    res.json({ hello: 'world' });
  });
  return app;
}

/** The guard options of each measured variant (undefined: unguarded). No mode is the default, 'drop'. */
export const VARIANT_OPTIONS = {
  bare: undefined,
  default: {},
  report: { mode: 'report' },
  // The default in 'throw' mode records every response's first call site (firstStack: 'always').
  throw: { mode: 'throw' },
};

/**
 * One in-process hello-world response per call, without a socket (bench/guard/micro.mjs and
 * micro-instructions.mjs). A violation would mean the benchmark measures the wrong thing: exit.
 */
export function inProcessResponder(kind, variant) {
  const options = VARIANT_OPTIONS[variant] && { ...VARIANT_OPTIONS[variant], onViolation: () => process.exit(1) };
  // A stand-in for the http.Server: the guard switches the class it constructs responses with.
  const server = { [Symbol('ServerResponse')]: http.ServerResponse };
  const classKey = Object.getOwnPropertySymbols(server)[0];
  const listener = helloListener(kind, options);
  const socket = { server };
  return () => {
    const req = new http.IncomingMessage(null);
    req.method = 'GET';
    req.url = '/';
    req.headers = {};
    Object.defineProperty(req, 'socket', { value: socket });
    const res = new server[classKey](req);
    listener(req, res);
    res.emit('close');
  };
}
