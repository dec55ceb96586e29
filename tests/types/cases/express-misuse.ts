// Definite misuses of an annotated Express `res`: each is a compile error in TypeScript 6 and 7.
// The text after `--` must appear in the compiler's message (tests/types/cases.test.ts checks it).
import express from 'express';
import { typed, type EndedRes, type Res, type SentRes } from '../../../types/index.js';

declare function load(id: string): Promise<{ id: string } | undefined>;
declare const flag: boolean;
const app = express();

// Straight-line code.
app.get('/header-after-writeHead', (req, res: Res) => {
  res.writeHead(200);
  // @ts-expect-error -- no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.
  res.setHeader('x-a', '1');
});
app.get('/status-after-json', (req, res: Res) => {
  res.json({ ok: true });
  // @ts-expect-error -- no-header-after-send: `res.status()` changes the head after it was already sent
  res.status(500);
});
app.get('/statusCode-after-send', (req, res: Res) => {
  res.send('x');
  // @ts-expect-error -- no-header-after-send: `res.statusCode = ...` changes the head after it was already sent
  res.statusCode = 500;
});
app.get('/statusMessage-after-write', (req, res: Res) => {
  res.write('x');
  // @ts-expect-error -- no-header-after-send: `res.statusMessage = ...`
  res.statusMessage = 'Nope';
});
app.get('/writeHead-twice', (req, res: Res) => {
  res.writeHead(200);
  // @ts-expect-error -- no-header-after-send: `res.writeHead()` changes the head after it was already sent
  res.writeHead(500);
});
app.get('/send-twice', (req, res: Res) => {
  res.send('a');
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.send()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished
  res.send('b');
});
app.get('/json-after-writeHead', (req, res: Res) => {
  res.writeHead(200);
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()`
  res.json({});
});
app.get('/json-after-write', (req, res: Res) => {
  res.write('partial');
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()`
  res.json({});
});
app.get('/redirect-after-end', (req, res: Res) => {
  res.end();
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.redirect()`
  res.redirect('/x');
});
app.get('/write-after-end', (req, res: Res) => {
  res.end('done');
  // @ts-expect-error -- no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.
  res.write('more');
});
app.get('/end-twice-with-data', (req, res: Res) => {
  res.end('a');
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.
  res.end('b');
});
app.get('/end-with-data-and-callback-after-send', (req, res: Res) => {
  res.send('a');
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.end('b', 'utf8', () => {});
});
app.get('/end-with-data-at-the-end-of-a-chain', (req, res: Res) => {
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.status(200).json({ ok: true }).end('late');
});
app.get('/end-with-data-after-json', (req, res: Res) => {
  res.json({});
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.end('x');
});
app.get('/cookie-after-sendStatus', (req, res: Res) => {
  res.sendStatus(204);
  // @ts-expect-error -- no-header-after-send: `res.cookie()`
  res.cookie('a', 'b');
});
app.get('/trailers-after-end', (req, res: Res) => {
  res.end();
  // @ts-expect-error -- no-write-after-end: `res.addTrailers()` writes to a response that already ended
  res.addTrailers({ 'x-t': '1' });
});
app.get('/render-after-flushHeaders', (req, res: Res) => {
  res.flushHeaders();
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.render()`
  res.render('page');
});

// if/else where every branch agrees.
app.get('/if-else', (req, res: Res) => {
  if (flag) {
    res.json({ a: 1 });
  } else {
    res.status(404).end();
    res.end();
  }
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.send()`
  res.send('again');
});

// switch and try with early returns.
app.get('/switch', (req, res: Res) => {
  switch (req.query['format']) {
    case 'json':
      res.json({});
      return;
    case 'text':
      res.send('x');
      return;
    default:
      res.writeHead(200);
  }
  // @ts-expect-error -- no-header-after-send: `res.set()`
  res.set('x-a', '1');
});
app.get('/try', async (req, res: Res) => {
  try {
    const user = await load(String(req.query['id']));
    res.json(user);
  } catch {
    res.status(500).send('failed');
    return;
  }
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()`
  res.json({ again: true });
});

// Across await.
app.get('/await', async (req, res: Res) => {
  res.send('early');
  await load('x');
  // @ts-expect-error -- no-header-after-send: `res.setHeader()`
  res.setHeader('x-late', '1');
});

// Closures created after the transition see it.
app.get('/closure', (req, res: Res) => {
  res.end();
  setTimeout(() => {
    // @ts-expect-error -- no-header-after-send, no-double-send: `res.send()`
    res.send('late');
  }, 10);
  void load('x').then(() => {
    // @ts-expect-error -- no-write-after-end: `res.write()`
    res.write('late');
  });
});

// A method handler on a class.
export class Controller {
  handle(req: express.Request, res: Res): void {
    res.sendFile('/tmp/x');
    // @ts-expect-error -- no-header-after-send: `res.type()`
    res.type('html');
  }
}

// Helpers declare their effect with an assertion signature.
function sendError(res: Res, code: number): asserts res is EndedRes {
  res.status(code).json({ error: code });
}
function startStream(res: Res): asserts res is SentRes {
  res.writeHead(200, { 'content-type': 'text/plain' });
}
app.get('/helper', (req, res: Res) => {
  sendError(res, 404);
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()`
  res.json({});
});
app.get('/helper-stream', (req, res: Res) => {
  startStream(res);
  res.write('ok');
  // @ts-expect-error -- no-header-after-send: `res.header()`
  res.header('x-a', '1');
});
// A helper that receives an already-sent response.
export function late(res: SentRes): void {
  // @ts-expect-error -- no-header-after-send: `res.status()`
  res.status(500);
}

// Within one chain expression.
app.get('/chain', (req, res: Res) => {
  // @ts-expect-error -- no-header-after-send: `res.status()`
  res.status(200).json({}).status(500);
  // @ts-expect-error -- no-header-after-send: `res.setHeader()`
  res.set('x-a', '1').writeHead(200).setHeader('x-b', '2');
});

// Through the registration helper.
app.get('/typed', typed((req, res: Res) => {
  res.end();
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.send()`
  res.send('x');
}));

// App types: locals through the type parameters, additions optional. The narrowing holds
// (limits.ts, 8, shows what hides it).
interface AppLocals {
  user: string;
}
interface AppRes extends Res<{ id: number }, AppLocals> {
  readonly requestId?: string;
}
type ApiRes = Res<{ id: number }, AppLocals> & { startedAt?: number };
export function appRes(req: unknown, res: AppRes) {
  res.json({ id: 1 });
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished
  res.json({ id: 2 });
  void res.locals.user;
}
export function apiRes(req: unknown, res: ApiRes) {
  res.status(200).json({ id: 1 });
  res.end();
  // @ts-expect-error -- no-header-after-send: `res.set()` changes the head after it was already sent
  res.set('x-late', '1');
}

// A typed body: the body type is still checked, and the narrowing holds. (The later states do not
// vary with the body type: nothing legal there takes a body, and one set of them per program keeps
// the cost of a body type near plain Express's, docs/types.md, Cost.)
interface User {
  id: number;
}
export function typedBody(req: unknown, res: Res<User>) {
  // @ts-expect-error -- 'name' does not exist in type 'User'
  res.status(200).json({ name: 'x' });
  res.json({ id: 1 });
  // @ts-expect-error -- no-header-after-send, no-double-send: `res.json()` changes the head after it was already sent
  res.json({ id: 2 });
}
