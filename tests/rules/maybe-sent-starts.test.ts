/**
 * Functions that start with the head maybe sent or the response already ended, whatever their
 * creator did (src/analysis/start-states.ts): error listeners that receive the response, stream
 * completion callbacks, listeners of a stream piped into the response, overrides of `res.end` and
 * `res.write`, and (with `errorHandlersMaybeSent`) Express error middleware.
 */
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, lifecycleError, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();

const head = (line: number, operation: string, first: string, firstLine: number) =>
  lifecycleError('headMayBeAfterSend', line, operation, first, firstLine, undefined, 'no-header-after-send');
const write = (messageId: 'writeAfterEnd' | 'writeMayBeAfterEnd', line: number, operation: string, first: string, firstLine: number) =>
  lifecycleError(messageId, line, operation, first, firstLine, undefined, 'no-write-after-end');

js.run('no-header-after-send: error listeners that receive the response start maybe sent', testable(noHeaderAfterSend), {
  valid: [
    // the http-proxy-middleware shape: the head only while it is not out
    `proxy.on('error', (err, req, res) => {
  if (!res.headersSent) res.writeHead(502);
  res.end('Bad gateway');
});`,
    `proxyServer.once('error', function onError(error, request, response, target) {
  if (response.headersSent) return response.destroy();
  response.statusCode = 502;
  response.end();
});`,
    // ending a response whose head is out is fine
    `proxy.on('error', (err, req, res) => { res.end(); });`,
    // not the (err, req, res) shape: a client error, or the response is not among the parameters
    `server.on('error', (err) => { console.error(err); });`,
    `proxy.on('error', (err, a, b) => { b.writeHead(500); });`,
    // other events of the proxy are not errors
    `proxy.on('proxyRes', (proxyRes, req, res) => { res.setHeader('x-proxied', '1'); });`,
  ],
  invalid: [
    {
      code: `proxy.on('error', (err, req, res) => {
  res.writeHead(502, { 'Content-Type': 'text/plain' });
  res.end('Bad gateway');
});`,
      errors: [head(2, 'res.writeHead()', 'proxy', 1)],
    },
    {
      code: `proxyServer.once('error', function (error, request, response) {
  response.statusCode = 502;
  response.end();
});`,
      errors: [head(2, 'response.statusCode = …', 'proxyServer', 1)],
    },
    {
      // a guard on one branch only
      code: `this.proxy.on('error', (err, req, res) => {
  if (err.code === 'ECONNRESET') return res.end();
  res.setHeader('Retry-After', '5');
  res.end();
});`,
      errors: [head(3, 'res.setHeader()', 'this.proxy', 1)],
    },
  ],
});

js.run('no-header-after-send: stream completion callbacks start maybe sent', testable(noHeaderAfterSend), {
  valid: [
    `app.get('/f', (req, res) => {
  pipeline(fs.createReadStream(p), res, (err) => {
    if (err && !res.headersSent) res.status(500).send('failed');
  });
});`,
    `app.get('/f', (req, res) => {
  pump(src, zlib.createGzip(), res, (err) => { if (err) res.destroy(err); });
});`,
    // the callback of a pipeline that does not reach the response
    `app.get('/f', (req, res) => {
  pipeline(src, fs.createWriteStream(p), (err) => {
    if (err) return res.status(500).end();
    res.status(201).end();
  });
});`,
  ],
  invalid: [
    {
      code: `app.get('/f', (req, res) => {
  pipeline(fs.createReadStream(p), res, (err) => {
    if (err) res.status(500).send('failed');
  });
});`,
      errors: [head(3, 'res.send()', 'pipeline()', 2)],
    },
    {
      code: `app.get('/f', (req, res) => {
  stream.pipeline(src, gzip, res, function (err) {
    if (err) { res.statusCode = 500; res.end(); }
  });
});`,
      errors: [head(3, 'res.statusCode = …', 'stream.pipeline()', 2)],
    },
    {
      code: `app.get('/f', (req, res) => {
  pump(src, res, (err) => { if (err) res.setHeader('X-Error', err.code); });
});`,
      errors: [head(2, 'res.setHeader()', 'pump()', 2)],
    },
    {
      code: `app.get('/f', (req, res) => {
  src.pipe(res);
  onFinished(res, (err) => { if (err) res.status(500); });
});`,
      errors: [head(3, 'res.status()', 'onFinished()', 3)],
    },
  ],
});

js.run('no-header-after-send: the callback of res.sendFile and res.download starts maybe sent', testable(noHeaderAfterSend), {
  valid: [
    `app.get('/', (req, res, next) => {
  res.sendFile(index, (err) => { if (err) next(err); });
});`,
    `app.get('/', (req, res) => {
  res.sendFile(index, null, (err) => {
    if (!err) return;
    if (res.headersSent) return res.destroy();
    res.status(404).send('Not found');
  });
});`,
    // render's callback receives the HTML and must send it: it starts where it was created
    `app.get('/', (req, res) => {
  res.render('page', (err, html) => {
    if (err) return res.status(500).send('failed');
    res.set('Cache-Control', 'no-store').send(html);
  });
});`,
  ],
  invalid: [
    {
      // nestjs/serve-static's SPA fallback before its fix: a client abort mid-file throws outside any handler
      code: `const renderFn = (req, res, next) => {
  res.sendFile(indexFilePath, null, (err) => {
    if (err) {
      res.status(404).send(err.message);
    }
  });
};
app.use(renderFn);`,
      errors: [head(4, 'res.send()', 'res.sendFile()', 2)],
    },
    {
      code: `router.get('/export', function (req, response) {
  response.download(file, 'report.csv', function (error) {
    if (error) { response.statusCode = 500; response.end(); }
  });
});`,
      errors: [head(3, 'response.statusCode = …', 'response.download()', 2)],
    },
  ],
});

js.run('no-header-after-send: an error listener of a stream piped into the response starts maybe sent', testable(noHeaderAfterSend), {
  valid: [
    // registered before the pipe: the open error (ENOENT) comes before any byte
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.on('error', () => { res.statusCode = 404; res.end('Not found'); });
  file.pipe(res);
});`,
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', (err) => {
    if (res.headersSent) return res.destroy(err);
    res.statusCode = 500;
    res.end();
  });
});`,
    // { end: false } does not pipe the response's end; the listener is not "after" it
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res, { end: false });
  file.on('end', () => { res.end('-- end of file --'); });
});`,
    // the listener of another stream
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  other.on('error', () => { res.statusCode = 500; });
});`,
  ],
  invalid: [
    {
      code: `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('error', (err) => {
    res.statusCode = 500;
    res.end(String(err));
  });
});`,
      errors: [head(5, 'res.statusCode = …', 'file.pipe(res)', 3)],
    },
    {
      code: `http.createServer((request, response) => {
  const body = archive.stream();
  if (gzip) body.pipe(zlib.createGzip()).pipe(response);
  else body.pipe(response);
  body.once('error', function () { response.writeHead(500); response.end(); });
});`,
      errors: [head(5, 'response.writeHead()', 'body.pipe(response)', 4)],
    },
  ],
});

js.run('no-write-after-end: an end listener of a stream piped into the response runs after the response ended', testable(noWriteAfterEnd), {
  valid: [
    // registered before the pipe: it runs before the pipe's own end listener ends the response
    `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.on('end', () => { res.write('\\n-- end --'); });
  file.pipe(res);
});`,
    // { end: false }: ending it is the listener's job
    `app.get('/f', (req, res) => {
  file.pipe(res, { end: false });
  file.on('end', () => { res.write('\\n'); res.end('done'); });
});`,
    // a bare end() on an ended response is a no-op
    `app.get('/f', (req, res) => {
  file.pipe(res);
  file.on('end', () => { res.end(); });
});`,
    // other work in the listener
    `app.get('/f', (req, res) => {
  file.pipe(res);
  file.once('end', () => { log.info('sent', req.url); });
});`,
  ],
  invalid: [
    {
      code: `app.get('/f', (req, res) => {
  const file = fs.createReadStream(p);
  file.pipe(res);
  file.on('end', () => { res.write('\\n-- end --'); });
});`,
      errors: [write('writeAfterEnd', 4, 'res.write()', 'file.pipe(res)', 3)],
    },
    {
      code: `http.createServer(function (req, res) {
  var s = store.createReadStream(key);
  s.pipe(res);
  s.once('end', function () {
    res.end('\\n');
  });
});`,
      errors: [write('writeAfterEnd', 5, 'res.end()', 's.pipe(res)', 3)],
    },
    {
      // piped on one path only
      code: `app.get('/f', (req, res) => {
  if (raw) src.pipe(res);
  else res.write('header');
  src.on('end', () => { res.write('footer'); });
});`,
      errors: [write('writeMayBeAfterEnd', 4, 'res.write()', 'src.pipe(res)', 2)],
    },
  ],
});

js.run('no-header-after-send: overrides of res.end and res.write start maybe sent', testable(noHeaderAfterSend), {
  valid: [
    // guarded by headersSent, or by Node's internal _header
    `app.use((req, res, next) => {
  const end = res.end;
  res.end = function (chunk, encoding) {
    if (!res.headersSent) res.setHeader('X-Response-Time', Date.now() - start + 'ms');
    return end.call(this, chunk, encoding);
  };
  next();
});`,
    `app.use(function (req, res, next) {
  var _end = res.end.bind(res);
  res.end = (...args) => {
    if (!res._header) res.setHeader('Content-Length', size);
    return _end(...args);
  };
  next();
});`,
    // writeHead runs while the head is not out (the on-headers idiom)
    `app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    res.setHeader('X-Powered-By', 'me');
    return writeHead.apply(this, args);
  };
  next();
});`,
    // reads and the body are fine
    `app.use((req, res, next) => {
  const write = res.write;
  res.write = function (chunk) {
    bytes += chunk.length;
    if (res.getHeader('content-type')) seen = true;
    return write.apply(this, arguments);
  };
  next();
});`,
  ],
  invalid: [
    {
      code: `app.use((req, res, next) => {
  const end = res.end;
  res.end = function (chunk, encoding) {
    res.setHeader('X-Response-Time', Date.now() - start + 'ms');
    return end.call(this, chunk, encoding);
  };
  next();
});`,
      errors: [head(4, 'res.setHeader()', 'res.write()', 3)],
    },
    {
      code: `app.use(function (req, response, next) {
  var write = response.write;
  response.write = function (chunk) {
    response.statusCode = 200;
    return write.apply(response, arguments);
  };
  next();
});`,
      errors: [head(4, 'response.statusCode = …', 'response.write()', 3)],
    },
    {
      code: `function track(req, res, next) {
  const { end: origEnd } = res;
  res.end = async (...args) => {
    await save(req.session);
    res.set('Set-Cookie', cookie);
    origEnd.apply(res, args);
  };
  next();
}
app.use(track);`,
      errors: [head(5, 'res.set()', 'res.write()', 3)],
    },
  ],
});

js.run('no-header-after-send: errorHandlersMaybeSent', testable(noHeaderAfterSend), {
  valid: [
    // off by default: error middleware is usually reached before anything was sent
    `app.use((err, req, res, next) => { res.status(500).json({ error: err.message }); });`,
    {
      code: `app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: err.message });
});`,
      options: [{ errorHandlersMaybeSent: true }],
    },
    {
      // a handler with three parameters is not error middleware
      code: `app.use((req, res, next) => { res.status(404).end(); });`,
      options: [{ errorHandlersMaybeSent: true }],
    },
  ],
  invalid: [
    {
      code: `app.use((err, req, res, next) => { res.status(500).json({ error: err.message }); });`,
      options: [{ errorHandlersMaybeSent: true }],
      errors: [head(1, 'res.json()', 'next(err)', 1)],
    },
    {
      code: `function onError(error, request, response, next) {
  response.statusCode = error.status || 500;
  response.end(error.message);
}
app.use(onError);`,
      options: [{ errorHandlersMaybeSent: true }],
      errors: [head(2, 'response.statusCode = …', 'next(err)', 1)],
    },
  ],
});

ts.run('no-header-after-send: typed error listeners', testable(noHeaderAfterSend), {
  valid: [
    `import type { ServerResponse } from 'node:http';
proxy.on('error', (err: Error, req: unknown, res: ServerResponse) => {
  if (!res.headersSent) res.writeHead(502);
  res.end();
});`,
  ],
  invalid: [
    {
      code: `import type { ServerResponse } from 'node:http';
proxy.on('error', (err: Error, req: unknown, res: ServerResponse) => {
  res.writeHead(502);
  res.end();
});`,
      errors: [head(3, 'res.writeHead()', 'proxy', 2)],
    },
  ],
});

// The start states add "maybe sent" only: they never make a response look finished.
js.run('no-double-send: maybe-sent starts are not finishes', testable(noDoubleSend), {
  valid: [
    `proxy.on('error', (err, req, res) => { res.end('Bad gateway'); });`,
    `app.get('/f', (req, res) => { pipeline(src, res, (err) => { if (err) res.end(); }); });`,
    `app.use((req, res, next) => { const end = res.end; res.end = function () { return end.apply(this, arguments); }; next(); });`,
  ],
  invalid: [],
});

js.run('require-end: error listeners of a proxy are not checked for an answer', testable(requireEnd), {
  valid: [
    // the third argument is a socket for upgrades; the proxy's own code may answer
    `proxy.on('error', (err, req, res) => {
  if (isResponse(res)) { if (!res.headersSent) res.writeHead(502); res.end(); }
  else if (isSocket(res)) res.destroy();
});
function isResponse(x) { return typeof x.writeHead === 'function'; }
function isSocket(x) { return !('writeHead' in x); }`,
  ],
  invalid: [],
});
