// Correct Express code compiles without casts. No line here may fail.
import { once } from 'node:events';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express from 'express';
import { typed, type EndedRes, type ErrorHandler, type Handler, type Res, type SentRes } from '../../../types/index.js';

declare function load(id: string): Promise<{ id: string } | undefined>;
declare function audit(res: express.Response): void;
declare function track(res: http.ServerResponse): void;
const app = express();
const router = express.Router();

// Chains, and returning the send.
app.get('/users/:id', async (req, res: Res) => {
  const user = await load(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  res.set('cache-control', 'no-store').type('json');
  res.status(200).json(user);
});
app.post('/items', (req, res: Res) => {
  if (!req.body) return res.status(400).send('missing body');
  return res.sendStatus(201);
});

// A bare end() after a finish is a no-op in Node (it returns at once), so it compiles; end(data) does not (express-misuse.ts).
app.get('/redundant-end', (req, res: Res) => {
  res.json({ ok: true });
  res.end();
  res.end(() => {});
});
app.get('/redundant-end-in-a-chain', (req, res: Res) => {
  res.status(200).json({ ok: true }).end();
});
app.get('/redundant-end-returned', (req, res: Res) => {
  return res.status(201).send('created').end();
});

// A handler that returns its answer is declared to return `unknown` (or `Promise<unknown>`): the
// answer is `void` (an assertion) or a chain handle, neither of which is a `Response` (limits.ts, 7).
app.get('/returns-unknown/:id', async (req, res: Res): Promise<unknown> => {
  const user = await load(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  return res.json(user);
});
app.get('/returns-unknown-sync', (req, res: Res): unknown => res.status(204).end());

// A response with a typed body, narrowed, goes to helpers typed with the later states of that body.
declare function logSent(res: SentRes<{ id: number }>): void;
declare function logEnded(res: EndedRes<{ id: number }, Record<string, unknown>>): void;
app.get('/typed-body', (req, res: Res<{ id: number }, Record<string, unknown>>) => {
  res.json({ id: 1 });
  logEnded(res);
  logSent(res);
});

// Reads after sending.
app.get('/reads', (req, res: Res) => {
  res.json({ ok: true });
  if (res.headersSent) console.log(res.getHeader('content-type'), res.statusCode, res.get('etag'), res.locals);
});

// Streaming after writeHead, the drain idiom, trailers, end.
app.get('/stream', async (req, res: Res) => {
  res.writeHead(200, { 'content-type': 'text/plain', trailer: 'x-checksum' });
  for (const chunk of ['a', 'b', 'c']) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.addTrailers({ 'x-checksum': 'abc' });
  res.end();
});
app.get('/implicit-head', (req, res: Res) => {
  res.setHeader('content-type', 'text/plain');
  res.write('first');
  const more: boolean = res.write('second');
  res.end(String(more));
});

// Branches that each return.
app.get('/branches', (req, res: Res) => {
  if (req.query['a']) {
    res.json({ a: 1 });
    return;
  }
  res.status(204).end();
});

// render with a callback hands the HTML over; sending it is legal.
app.get('/render', (req, res: Res) => {
  res.render('page', { title: 'x' }, (err, html) => {
    if (err) res.status(500).send('render failed');
    else res.send(html);
  });
});

// Handlers registered on app and router, middleware with next, error handlers.
router.get('/r', (req, res: Res) => {
  res.send('router');
});
router.post('/r', (req, res: Res, next) => {
  if (!req.body) {
    next();
    return;
  }
  res.sendStatus(201);
});
router.use((req, res: Res, next) => {
  res.setHeader('x-router', '1');
  next();
});
app.use(router);
app.use((req, res: Res, next) => {
  res.vary('accept');
  next();
});
const onError: ErrorHandler = (err, req, res: Res, _next) => {
  if (res.headersSent) return;
  res.status(500).json({ error: String(err) });
};
app.use(onError);
app.use((err: unknown, req: express.Request, res: Res, _next: express.NextFunction) => {
  res.status(500).send(String(err));
});
app.route('/route').get((req, res: Res) => {
  res.send('route');
});

// Typed handler values.
export const getThing: Handler<{ id: string }> = (req, res: Res) => {
  res.json({ id: req.params.id });
};
app.get('/thing/:id', getThing);

// `res` passed where the plain types are expected, in every state.
app.get('/interop', async (req, res: Res) => {
  audit(res);
  track(res);
  res.writeHead(200);
  audit(res);
  await pipeline(Readable.from(['a', 'b']), res);
});
app.get('/pipe', (req, res: Res) => {
  Readable.from(['a']).pipe(res);
});
export function afterEnd(res: EndedRes, sent: SentRes): void {
  audit(res);
  track(sent);
  const stream: NodeJS.WritableStream = res;
  void stream;
}

// Listening on a server.
http.createServer(app).listen(0);

// The non-generic registration helper (cheaper to check in large apps).
app.get('/typed', typed((req, res: Res) => {
  res.status(201).json({ created: true });
}));
app.use(typed((req, res: Res, next) => {
  res.setHeader('x-typed', '1');
  next();
}));
