import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, tsTester, lifecycleError } from './testers.js';

// A dispatcher's own `next` (issue 15, point 6): a function that passes itself on together with
// the response (`layer.handle(req, res, next)` inside `function next(err) { … }`) is re-entered
// after the handlers it was given to have run, any of which may have answered. It starts "maybe
// sent and ended": a header change or an answer there needs a `res.headersSent` guard.
const js = jsTester();
const ts = tsTester();

const head = (line: number, operation: string, first: string, firstLine: number) =>
  lifecycleError('headMayBeAfterSend', line, operation, first, firstLine, undefined, 'no-header-after-send');
const finish = (line: number, operation: string, first: string, firstLine: number) =>
  lifecycleError('mayBeFinished', line, operation, first, firstLine);
const write = (line: number, operation: string, first: string, firstLine: number) =>
  lifecycleError('writeMayBeAfterEnd', line, operation, first, firstLine, undefined, 'no-write-after-end');

/** A connect-style router whose `next` runs `noMatch` (line 6) when its stack runs out; it passes itself on on line 9. */
const router = (noMatch: string) => `http.createServer((req, res) => {
  let index = 0;
  function next(err) {
    const layer = stack[index++];
    if (!layer) {
      ${noMatch}
      return;
    }
    layer.handle(req, res, next);
  }
  next();
});`;
/** finalhandler's way: check that nothing went out before answering. */
const GUARDED = "if (res.headersSent) return req.socket.destroy(); res.statusCode = err ? 500 : 404; res.end('not found');";

js.run('no-header-after-send (dispatcher next)', testable(noHeaderAfterSend), {
  valid: [
    router(GUARDED),
    `http.createServer((req, res) => {
  let i = 0;
  const next = (err) => {
    const fn = handlers[i++];
    if (fn) return fn(req, res, next);
    if (!res.headersSent) {
      res.writeHead(err ? 500 : 404);
    }
    res.end();
  };
  next();
});`,
    // a continuation given to other code once starts fresh: not a function passing itself on
    `app.use((req, res, next) => {
  upload(req, res, (err) => { res.setHeader('X-Upload', err ? 'failed' : 'ok'); next(err); });
});`,
    `app.use((req, res, next) => {
  function done(err) {
    if (err) { res.statusCode = 500; return res.end(); }
    next();
  }
  upload(req, res, done);
});`,
    // a function that calls itself again without handing the response on
    `http.createServer((req, res) => {
  function tick() {
    res.setHeader('X-Tick', '1');
    if (more()) setTimeout(tick, 10);
    else res.end();
  }
  tick();
});`,
  ],
  invalid: [
    // a function declaration: the 404 status when the stack runs out
    { code: router('res.statusCode = err ? 500 : 404; res.end();'), errors: [head(6, 'res.statusCode = …', 'layer.handle()', 9)] },
    {
      // an arrow that names itself through its variable, header first
      code: `http.createServer((req, res) => {
  let i = 0;
  const next = (err) => {
    res.setHeader('X-Step', String(i));
    const fn = handlers[i++];
    if (fn) fn(req, res, next);
    else res.end();
  };
  next();
});`,
      errors: [head(4, 'res.setHeader()', 'fn()', 6)],
    },
    {
      // a named function expression, passing itself to an error handler
      code: `http.createServer((req, res) => {
  let i = 0;
  const dispatch = function step(err) {
    if (err) return onError(err, req, res, step);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    routes[i++](req, res, step);
  };
  dispatch();
});`,
      errors: [head(5, 'res.writeHead()', 'onError()', 4)],
    },
  ],
});

/** A dispatcher that skips a layer by calling itself (connect's `if (!matches) return next(err)`). */
const SKIPPING = [
  `http.createServer((req, res) => {
  let index = 0;
  function next(err) {
    const layer = stack[index++];
    if (!layer) {
      if (res.headersSent) return req.socket.destroy();
      res.statusCode = 404;
      return res.end('not found');
    }
    if (!req.url.startsWith(layer.route)) return next(err);
    layer.handle(req, res, next);
  }
  next();
});`,
  `http.createServer((req, res) => {
  let i = 0;
  const next = (err) => {
    const layer = layers[i++];
    if (!layer) return res.headersSent ? undefined : res.end();
    if (err && layer.handle.length < 4) { next(err); return; }
    layer.handle(req, res, next);
  };
  next();
});`,
  `module.exports = function handle(req, res, out) {
  const stack = this.stack;
  let idx = 0;
  (function dispatch(err) {
    const layer = stack[idx++];
    if (!layer) {
      if (!res.headersSent) res.end();
      return;
    }
    if (layer.method && layer.method !== req.method) return dispatch(err);
    layer.handle(req, res, dispatch);
  })();
};`,
];

js.run('no-double-send (dispatcher next)', testable(noDoubleSend), {
  // skipping a layer by calling itself is how a dispatcher moves on, not a second answer
  valid: [router(GUARDED), ...SKIPPING],
  invalid: [
    {
      // a router helper (req, res, stack) answering 404 when the stack runs out
      code: `export function dispatch(req, res, stack) {
  let index = 0;
  function next(err) {
    const layer = stack[index++];
    if (!layer) return res.status(404).json({ error: 'not found' });
    layer.handle(req, res, next);
  }
  next();
}`,
      errors: [finish(5, 'res.json()', 'layer.handle()', 6)],
    },
    { code: router("res.send('not found');"), errors: [finish(6, 'res.send()', 'layer.handle()', 9)] },
  ],
});

/** Renders its parts one by one, each part handed `next` with the response; `guard` opens `next`. */
const parts = (guard: string) => `http.createServer((req, res) => {
  function next() {${guard}
    const part = parts.shift();
    if (!part) return;
    res.write(part.header);
    part.render(req, res, next);
  }
  next();
});`;

js.run('no-write-after-end (dispatcher next)', testable(noWriteAfterEnd), {
  valid: [parts(' if (res.writableEnded) return;'), router("if (res.writableEnded) return; res.end('not found');")],
  invalid: [
    { code: parts(''), errors: [write(5, 'res.write()', 'part.render()', 6)] },
    // `end(data)` writes: after a handler ended the response, that is a write after end
    { code: router("res.end('not found');"), errors: [write(6, 'res.end()', 'layer.handle()', 9)] },
  ],
});

// The re-entered start is not an answer: require-end still checks the dispatcher's own paths.
js.run('require-end (dispatcher next)', testable(requireEnd), {
  valid: [router(GUARDED)],
  invalid: [],
});

ts.run('no-header-after-send (dispatcher next, TypeScript)', testable(noHeaderAfterSend), {
  valid: [
    `import type { IncomingMessage, ServerResponse } from 'node:http';
export function handle(req: IncomingMessage, res: ServerResponse, stack: Layer[]) {
  let index = 0;
  function next(err?: Error): void {
    const layer = stack[index++];
    if (layer) return layer.handle(req, res, next);
    if (res.headersSent) return void req.socket.destroy();
    res.statusCode = err ? 500 : 404;
    res.end();
  }
  next();
}`,
  ],
  invalid: [
    {
      code: `import type { IncomingMessage, ServerResponse } from 'node:http';
export function handle(req: IncomingMessage, res: ServerResponse, stack: Layer[]) {
  let index = 0;
  function next(err?: Error): void {
    const layer = stack[index++];
    if (layer) return layer.handle(req, res, next);
    res.statusCode = err ? 500 : 404;
    res.end();
  }
  next();
}`,
      errors: [head(7, 'res.statusCode = …', 'layer.handle()', 6)],
    },
  ],
});
