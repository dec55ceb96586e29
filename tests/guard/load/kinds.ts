import { createReadStream } from 'node:fs';
import type http from 'node:http';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type { Express, NextFunction, Request, Response } from 'express';
import { files } from '../express-app.js';

/**
 * How a request of a kind is sent, and what its client does:
 * - `agent`: node:http client with a keep-alive Agent (connections reused across kinds);
 * - `pipeline`: a raw socket carrying several requests written at once;
 * - `single`: a raw socket, one request with `Connection: close` (kinds after which the server
 *   closes the connection, or whose Content-Length is wrong, so a reused socket would desync);
 * - `expect`: a raw socket sending `Expect: 100-continue`, the body only after `100 Continue`;
 * - `slow`: a raw socket that reads a large body a little at a time (backpressure on the server);
 * - `abort`: a raw socket that closes as soon as the first body bytes arrive;
 * - `abandon`: a raw socket that closes once the handler has the request, before any answer.
 */
export type Channel = 'agent' | 'pipeline' | 'single' | 'expect' | 'slow' | 'abort' | 'abandon';

export interface LoadKind<H> {
  readonly name: string;
  readonly channel: Channel;
  readonly method?: string;
  /** Sent as HTTP/1.0 (no chunked encoding: Node ends a streamed body by closing the connection). */
  readonly http10?: boolean;
  /** Violations this request must be reported with in 'report' mode (each one exactly once). */
  readonly violations: number;
  /** Its misuse throws out of an event listener in 'throw' mode (an uncaught exception, by design). */
  readonly uncaughtInThrowMode?: boolean;
  /** How many of each kind in one round of the mix (default 3). */
  readonly weight?: number;
  readonly handler: H;
}

/** The request ids the handlers of `abandon` kinds announce, so the client hangs up only once the server has it. */
export const arrivals = new Map<string, () => void>();
function arrived(req: http.IncomingMessage): void {
  const id = req.headers['x-load-id'];
  if (typeof id === 'string') arrivals.get(id)?.();
}

const BIG = 256 * 1024;
const bigChunks = (): Readable =>
  Readable.from(
    (function* chunks() {
      for (let i = 0; i < BIG / 4096; i += 1) yield Buffer.alloc(4096, 97 + (i % 26));
    })(),
  );
const ignore = (): void => undefined;
/** Misuse handlers catch Node's own ERR_HTTP_HEADERS_SENT, as a program that survives it does. */
const attempt = (fn: () => unknown): void => {
  try {
    fn();
  } catch {
    // Node's own error, guard or not
  }
};

/** Reads the request body (sent after `100 Continue`) and gives its size. */
function bodySize(req: http.IncomingMessage, then: (size: number) => unknown): void {
  let size = 0;
  req.on('data', (c: Buffer) => (size += c.length));
  req.on('end', () => then(size));
}

export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export const nodeKinds: LoadKind<NodeHandler>[] = [
  // Correct handlers
  { name: 'hello', channel: 'agent', violations: 0, weight: 6, handler: (_q, res) => res.setHeader('content-type', 'application/json').end('{"hello":"world"}') },
  { name: 'hello-head', channel: 'agent', method: 'HEAD', violations: 0, handler: (_q, res) => res.setHeader('content-length', 5).end('hello') },
  { name: 'hello-pipelined', channel: 'pipeline', violations: 0, weight: 6, handler: (_q, res) => res.end('pipelined') },
  { name: 'no-content', channel: 'pipeline', violations: 0, handler: (_q, res) => { res.statusCode = 204; res.end(); } },
  { name: 'not-modified', channel: 'agent', violations: 0, handler: (_q, res) => res.writeHead(304, { etag: '"x"' }).end() },
  {
    name: 'streaming',
    channel: 'pipeline',
    violations: 0,
    handler: (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('one ');
      setImmediate(() => res.end('two'));
    },
  },
  {
    name: 'streaming-http10',
    channel: 'single',
    http10: true,
    violations: 0,
    handler: (_q, res) => {
      res.write('one ');
      setImmediate(() => res.end('two'));
    },
  },
  // A bare end() after the end is a no-op in Node, and so for the guard.
  { name: 'bare-end-after-end-http10', channel: 'single', http10: true, violations: 0, handler: (_q, res) => { res.end('ok'); res.end(); } },
  { name: 'piped', channel: 'agent', violations: 0, handler: (_q, res) => Readable.from(['a', 'b', 'c']).pipe(res) },
  { name: 'file', channel: 'agent', violations: 0, handler: (_q, res) => pipeline(createReadStream(files.small), res, ignore) },
  { name: 'head-streaming', channel: 'pipeline', method: 'HEAD', violations: 0, handler: (_q, res) => { res.write('x'); res.end('y'); } },
  {
    name: 'expect-continue',
    channel: 'expect',
    method: 'POST',
    violations: 0,
    handler: (req, res) => bodySize(req, (size) => res.end(`got ${size}`)),
  },
  { name: 'slow-reader', channel: 'slow', violations: 0, weight: 1, handler: (_q, res) => pipeline(bigChunks(), res, ignore) },
  { name: 'client-aborts', channel: 'abort', violations: 0, weight: 2, handler: (_q, res) => pipeline(bigChunks(), res, ignore) },
  // Handlers that throw: the application's listener answers 500 or cuts the connection (wrapApp).
  { name: 'throws', channel: 'agent', violations: 0, handler: () => { throw new Error('boom'); } },
  { name: 'rejects', channel: 'agent', violations: 0, handler: async () => { await Promise.resolve(); throw new Error('boom'); } },
  { name: 'throws-mid-body', channel: 'single', violations: 0, handler: (_q, res) => { res.write('partial'); throw new Error('boom'); } },
  // Misuse, one violation each
  { name: 'set-header-after-write-head', channel: 'pipeline', violations: 1, handler: (_q, res) => { res.writeHead(200); attempt(() => res.setHeader('x-late', '1')); res.end('ok'); } },
  { name: 'status-after-end', channel: 'pipeline', violations: 1, handler: (_q, res) => { res.end('ok'); res.statusCode = 500; } },
  { name: 'status-message-after-write', channel: 'agent', violations: 1, handler: (_q, res) => { res.write('a'); res.statusMessage = 'Late'; res.end(); } },
  { name: 'write-head-twice', channel: 'agent', violations: 1, handler: (_q, res) => { res.writeHead(200); attempt(() => res.writeHead(201)); res.end('ok'); } },
  { name: 'bare-end-after-end', channel: 'pipeline', violations: 0, handler: (_q, res) => { res.end('ok'); res.end(); } },
  { name: 'write-after-end', channel: 'agent', violations: 1, handler: (_q, res) => { res.on('error', ignore); res.end('ok'); res.write('more'); } },
  { name: 'end-data-after-end', channel: 'agent', violations: 1, handler: (_q, res) => { res.on('error', ignore); res.end('ok'); res.end('again'); } },
  { name: 'write-after-close', channel: 'agent', violations: 1, uncaughtInThrowMode: true, handler: (_q, res) => { res.on('close', () => res.write('late')); res.end('ok'); } },
  {
    name: 'second-stream',
    channel: 'agent',
    violations: 1,
    handler: (_q, res) => {
      const first = new PassThrough();
      first.pipe(res);
      new PassThrough().pipe(res);
      first.end('one');
    },
  },
  { name: 'length-too-large', channel: 'single', violations: 1, handler: (_q, res) => { res.setHeader('Content-Length', 20); res.end('short'); } },
  { name: 'length-too-small', channel: 'single', violations: 1, handler: (_q, res) => { res.writeHead(200, { 'Content-Length': 3 }); res.write('longer body'); res.end(); } },
  { name: 'length-from-string', channel: 'single', violations: 1, handler: (_q, res) => { const b = 'héllo wörld ✓'; res.setHeader('Content-Length', b.length); res.end(b); } },
  { name: 'never-ended', channel: 'abandon', violations: 1, weight: 2, handler: (req) => arrived(req) },
  {
    name: 'answers-after-client-left',
    channel: 'abandon',
    violations: 1, // require-end when the client leaves; the late end() is its consequence
    weight: 2,
    handler: (req, res) => {
      res.on('close', () => res.end('late'));
      arrived(req);
    },
  },
];

/** The node:http application around the kinds: routes by path, answers a throw like a framework would. */
export function nodeApp(): http.RequestListener {
  const byName = new Map(nodeKinds.map((k) => [k.name, k.handler]));
  const fail = (res: http.ServerResponse): void => {
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 500;
      res.end('internal error');
    }
  };
  return (req, res) => {
    const handler = byName.get(kindOf(req.url));
    if (!handler) {
      res.statusCode = 404;
      res.end();
      return;
    }
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.catch(() => fail(res));
    } catch {
      fail(res);
    }
  };
}

/** `/k/<kind>?i=<n>` → `<kind>` */
export function kindOf(url: string | undefined): string {
  return /^\/k\/([^?/]+)/u.exec(url ?? '')?.[1] ?? '';
}

export type ExpressHandler = (req: Request, res: Response, next: NextFunction) => unknown;

export const expressKinds: LoadKind<ExpressHandler>[] = [
  // Correct handlers
  { name: 'hello', channel: 'agent', violations: 0, weight: 6, handler: (_q, res) => res.json({ hello: 'world' }) },
  { name: 'hello-head', channel: 'agent', method: 'HEAD', violations: 0, handler: (_q, res) => res.send('hello') },
  { name: 'hello-pipelined', channel: 'pipeline', violations: 0, weight: 6, handler: (_q, res) => res.send('pipelined') },
  { name: 'no-content', channel: 'pipeline', violations: 0, handler: (_q, res) => res.sendStatus(204) },
  { name: 'not-modified', channel: 'agent', violations: 0, handler: (_q, res) => res.status(304).set('etag', '"x"').end() },
  {
    name: 'streaming',
    channel: 'pipeline',
    violations: 0,
    handler: (_q, res) => {
      res.type('text').write('one ');
      setImmediate(() => res.end('two'));
    },
  },
  { name: 'file', channel: 'agent', violations: 0, handler: (_q, res) => res.sendFile(files.small) },
  { name: 'hello-http10', channel: 'single', http10: true, violations: 0, handler: (_q, res) => res.send('hello') },
  { name: 'send-twice-http10', channel: 'single', http10: true, violations: 1, handler: (_q, res) => { res.send('one'); res.send('two'); } },
  { name: 'redirect', channel: 'pipeline', violations: 0, handler: (_q, res) => res.redirect('/k/hello') },
  { name: 'render', channel: 'agent', violations: 0, handler: (_q, res) => res.render('page', { name: 'load' }) },
  { name: 'next-to-second-route', channel: 'agent', violations: 0, handler: (_q, _res, next) => next() },
  {
    name: 'expect-continue',
    channel: 'expect',
    method: 'POST',
    violations: 0,
    handler: (req, res) => bodySize(req, (size) => res.send(`got ${size}`)),
  },
  { name: 'slow-reader', channel: 'slow', violations: 0, weight: 1, handler: (_q, res) => res.sendFile(files.large) },
  { name: 'client-aborts', channel: 'abort', violations: 0, weight: 2, handler: (_q, res) => res.sendFile(files.large) },
  { name: 'throws', channel: 'agent', violations: 0, handler: () => { throw new Error('boom'); } },
  { name: 'rejects', channel: 'agent', violations: 0, handler: async () => { await Promise.resolve(); throw new Error('boom'); } },
  { name: 'throws-mid-body', channel: 'single', violations: 0, handler: (_q, res) => { res.write('partial'); throw new Error('boom'); } },
  // Misuse, one violation each (Express's error path closes the connection after most of them)
  { name: 'send-twice', channel: 'single', violations: 1, handler: (_q, res) => { res.send('one'); res.send('two'); } },
  { name: 'send-twice-after-await', channel: 'single', violations: 1, handler: async (_q, res) => { res.send('one'); await Promise.resolve(); res.send('two'); } },
  { name: 'json-after-send', channel: 'single', violations: 1, handler: (_q, res) => { res.send('one'); res.json({ two: 2 }); } },
  { name: 'redirect-after-send', channel: 'single', violations: 1, handler: (_q, res) => { res.send('one'); res.redirect('/elsewhere'); } },
  { name: 'status-after-send', channel: 'pipeline', violations: 1, handler: (_q, res) => { res.send('one'); res.status(500); } },
  { name: 'set-after-send', channel: 'single', violations: 1, handler: (_q, res) => { res.send('one'); res.set('x-late', '1'); } },
  { name: 'write-after-send', channel: 'agent', violations: 1, handler: (_q, res) => { res.on('error', ignore); res.send('one'); res.write('more'); } },
  { name: 'next-after-send', channel: 'single', violations: 1, handler: (_q, res, next) => { res.send('one'); next(); } },
  { name: 'length-from-string', channel: 'single', violations: 1, handler: (_q, res) => { const b = 'héllo wörld ✓'; res.set('Content-Length', String(b.length)); res.end(b); } },
  { name: 'never-ended', channel: 'abandon', violations: 1, weight: 2, handler: (req) => arrived(req) },
];

/** The Express routes around the kinds: a fall-through route and an error handler as real apps have. */
export function expressRoutes(app: Express): void {
  for (const kind of expressKinds) app.all(`/k/${kind.name}`, kind.handler);
  app.all('/k/next-to-second-route', (_q: Request, res: Response) => res.send('second route'));
  app.all('/k/next-after-send', (_q: Request, res: Response) => res.send('fell through'));
  // A real app's error handler; after a sent head, Express's own (which closes the connection) takes over.
  // (Express's own error page outside 'production' shows err.stack, and a stack taken inside a
  // guarded app has one more frame, the guard's layer wrapper: those pages differ by that line.)
  app.use((error: unknown, _q: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    res.status(500).type('text').send('internal error');
  });
}
