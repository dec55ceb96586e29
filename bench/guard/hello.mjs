// The hello-world request listener both guard benchmarks measure (bench/guard/server.mjs over the
// network, bench/guard/micro.mjs in process). The handlers follow fastify/benchmarks: node:http sets
// a header and ends with JSON; Express has etag and x-powered-by off and answers with res.json.
// `options` undefined means unguarded.
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
