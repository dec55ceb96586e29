import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import { testable, jsTester, lifecycleError } from './testers.js';

const rule = testable(noHeaderAfterSend);

const js = jsTester();

type Id = 'headAfterSend' | 'headMayBeAfterSend';

const error = lifecycleError<Id>;

js.run('no-header-after-send', rule, {
  valid: [
    // head mutations in a chain before the finish
    `app.get('/', (req, res) => { res.status(201).set('X-A', '1').type('json').send('{}'); });`,
    `http.createServer((req, res) => { res.statusCode = 200; res.setHeader('a', 'b'); res.writeHead(200).end('x'); });`,
    // reads and trailers after the head
    `http.createServer((req, res) => { res.write('a'); res.getHeader('a'); res.addTrailers({ t: '1' }); res.end(); });`,
    // guards
    `app.use((err, req, res, next) => { if (!res.headersSent) { res.status(500); } res.end(); });`,
    `app.get('/', (req, res) => { res.write('x'); if (res.headersSent) return res.end(); res.status(500).end(); });`,
    // 1xx before the head
    `http.createServer((req, res) => { res.writeContinue(); res.writeHead(200); res.end(); });`,
    // not a response
    `fetch(u).then((res) => { res.headers.set('a', 'b'); });`,
    `function f(a, res) { res.end(); res.setHeader('x', 'y'); }`,
    // definiteOnly
    { code: `app.get('/', (req, res) => { if (a) res.write('x'); res.status(404); res.end(); });`, options: [{ definiteOnly: true }] },
  ],
  invalid: [
    {
      code: `app.get('/report', (req, res) => {
  res.send('ready');
  res.set('X-Report-Id', '42');
});`,
      errors: [
        error('headAfterSend', 3, 'res.set()', 'res.send()', 2, `app.get('/report', (req, res) => {
  return res.send('ready');
  res.set('X-Report-Id', '42');
});`),
      ],
    },
    {
      // after writeHead: no return suggestion (it would leave the response open)
      code: `http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.setHeader('X-Late', 'yes');
  res.end('ok');
});`,
      errors: [error('headAfterSend', 3, 'res.setHeader()', 'res.writeHead()', 2)],
    },
    {
      code: `http.createServer((req, res) => {
  res.flushHeaders();
  res.writeHead(200);
  res.end();
});`,
      errors: [error('headAfterSend', 3, 'res.writeHead()', 'res.flushHeaders()', 2)],
    },
    {
      // the first write sends the head; a status after it, on some path
      code: `http.createServer((req, res) => {
  if (verbose) res.write('starting');
  res.statusCode = 500;
  res.end();
});`,
      errors: [error('headMayBeAfterSend', 3, 'res.statusCode = …', 'res.write()', 2)],
    },
    {
      code: `http.createServer((req, res) => {
  res.write('x');
  res.writeEarlyHints({ link: '</a.css>' });
  res.end();
});`,
      errors: [error('headAfterSend', 3, 'res.writeEarlyHints()', 'res.write()', 2)],
    },
    {
      // Express finishers set headers: json() after writeHead
      code: `app.get('/', (req, res) => {
  res.writeHead(200);
  res.json({ ok: true });
});`,
      errors: [error('headAfterSend', 3, 'res.json()', 'res.writeHead()', 2)],
    },
    {
      // a guard on the wrong branch
      code: `app.use((err, req, res, next) => {
  if (res.headersSent) {
    res.status(500).send('again');
  }
});`,
      errors: [error('headAfterSend', 3, 'res.send()', 'res.headersSent', 2)],
    },
    {
      // status in a callback after the handler's own write
      code: `app.get('/', (req, res) => {
  stream.on('error', () => {
    res.write('partial');
    res.status(500);
  });
});`,
      errors: [error('headAfterSend', 4, 'res.status()', 'res.write()', 3)],
    },
  ],
});
