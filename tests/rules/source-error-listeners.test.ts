/**
 * The `'error'` listener of a stream piped into the response (`src.pipe(res); src.on('error', …)`,
 * registered after the pipe): when the head is out there, the pipe started and then broke, and it
 * will not end the response. `if (res.headersSent) return;` leaves the client waiting; ending or
 * destroying the response answers (src/analysis/state.ts `answeredNow`, `brokenPipe` origins from
 * src/analysis/start-states.ts). Tearing the connection down through the request or the socket
 * (`req.destroy()`, `res.socket.destroy()`) ends the response as `res.destroy()` does
 * (src/analysis/connection-teardown.ts).
 */
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, lifecycleError, testable } from './testers.js';

const js = jsTester();

// The head may be out there: the fix is to destroy or end the response, not to send one.
const WITHOUT_NEXT = { unanswered: 'finishes the response', remedy: 'Destroy the response (e.g. `res.destroy(err)`) or end it' };
const WITH_NEXT = {
  unanswered: 'finishes the response or calls `next()`',
  remedy: 'Destroy the response (e.g. `res.destroy(err)`), end it or call `next(err)`',
};
/** This callback leaves the request hanging at `line` (a `return`, or the closing brace). */
const hangs = (line: number, exit: 'returns here' | 'reaches its end', wording = WITHOUT_NEXT) => ({
  messageId: 'someNotRespond' as const,
  line,
  data: { handler: 'This callback', exit, ...wording },
});

js.run('require-end: in a piped source\'s error listener, seeing the head sent is not an answer', testable(requireEnd), {
  valid: [
    // destroying the response, the request or the socket answers: the client sees the connection close
    `app.get('/log', (req, res) => {
  const stream = fs.createReadStream(logPath, { start: Number(req.query.from) });
  stream.pipe(res);
  stream.on('error', (err) => {
    if (res.headersSent) {
      log.warn(err);
      return res.destroy(err);
    }
    res.status(500).json({ error: 'read failed' });
  });
});`,
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', function (err) {
    if (res.headersSent) { req.destroy(); return; }
    res.status(500).send('failed');
  });
});`,
    `http.createServer((req, res) => {
  const body = fs.createReadStream(path);
  body.pipe(res);
  body.once('error', () => {
    if (res.headersSent) { res.socket.destroy(); return; }
    res.writeHead(500);
    res.end();
  });
});`,
    `http.createServer((request, response) => {
  const body = store.read(key);
  body.pipe(response);
  body.on('error', () => {
    if (response.headersSent) { request.socket.destroy(); return; }
    response.writeHead(500);
    response.end();
  });
});`,
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', () => {
    if (res.headersSent) { res.connection.destroy(); return; }
    res.sendStatus(500);
  });
});`,
    // ending it (the body is cut short, but the client is not left waiting)
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', (err) => {
    if (res.headersSent) return res.end();
    res.status(500).end(String(err));
  });
});`,
    // passing the error on: Express's final handler destroys the socket when the head is out
    `app.get('/f', (req, res, next) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', (err) => {
    if (res.headersSent) return next(err);
    res.status(500).end();
  });
});`,
    // a guard that saw the response ended does answer
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', () => {
    if (res.writableEnded) return;
    res.destroy();
  });
});`,
    // registered before the pipe: the open error (ENOENT) comes before any byte; unchanged
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.on('error', (err) => {
    if (res.headersSent) return;
    res.statusCode = 404;
    res.end('Not found');
  });
  file.pipe(res);
});`,
    // the listener of a stream that is not piped into the response
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  other.on('error', () => {
    if (res.headersSent) return;
    res.status(500).end();
  });
});`,
    // a handler, not a source's listener: someone else answered
    `app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: err.message });
});`,
    `app.get('/f', (req, res) => {
  if (res.headersSent) return;
  res.end('ok');
});`,
    // tearing the connection down through the request answers in a handler too
    `app.post('/upload', (req, res) => {
  if (Number(req.headers['content-length']) > LIMIT) { req.destroy(); return; }
  res.status(201).end();
});`,
  ],
  invalid: [
    {
      code: `app.get('/files/:name', (req, res) => {
  const src = fs.createReadStream(path.join(root, req.params.name));
  src.pipe(res);
  src.on('error', (err) => {
    if (res.headersSent) return;
    res.status(err.code === 'ENOENT' ? 404 : 500).end();
  });
});`,
      errors: [hangs(5, 'returns here')],
    },
    {
      code: `http.createServer(function (req, res) {
  const stream = fs.createReadStream(file);
  stream.pipe(res);
  stream.once('error', function (err) {
    if (res.headersSent === true) {
      console.error(err);
      return;
    }
    res.writeHead(500);
    res.end();
  });
});`,
      errors: [hangs(7, 'returns here')],
    },
    {
      // only the unsent case is answered: when the head is out, the path falls off the end
      code: `app.get('/f', (req, res, next) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', (err) => {
    if (!res.headersSent) res.status(500).send('failed');
  });
});`,
      errors: [hangs(6, 'reaches its end', WITH_NEXT)],
    },
    {
      // the state read into a const (a destructured property)
      code: `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', () => {
    const { headersSent } = res;
    if (headersSent) return;
    res.sendStatus(500);
  });
});`,
      errors: [hangs(6, 'returns here')],
    },
  ],
});

js.run('no-write-after-end: tearing the connection down ends the response', testable(noWriteAfterEnd), {
  valid: [
    `app.get('/f', (req, res) => {
  res.write('partial');
  req.destroy();
});`,
  ],
  invalid: [
    {
      code: `app.get('/f', (req, res) => {
  res.socket.destroy();
  res.write('late');
});`,
      errors: [lifecycleError('writeAfterEnd', 3, 'res.write()', 'res.socket.destroy()', 2, undefined, 'no-write-after-end')],
    },
  ],
});
